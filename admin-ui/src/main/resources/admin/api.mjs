// The box's HTTP API as the page uses it: the same routes and rules as the CLI, the session cookie, and
// the session's anti-forgery token on every change.
let csrf = '';

export function setCsrf(token) {
  csrf = token || '';
}

/** An API error: the box's message and the field it names ({"error", "field"}). */
export class ApiError extends Error {
  constructor(status, message, field, retryAfter) {
    super(message);
    this.status = status;
    this.field = field || null;
    this.retryAfter = retryAfter;
  }
}

export async function api(method, path, body) {
  return send(method, path, body === undefined ? undefined : JSON.stringify(body), 'application/json');
}

/** A file's bytes as the body (an opening message), of the upload's own type. */
export async function upload(path, file) {
  return send('POST', path, file, 'application/octet-stream');
}

async function send(method, path, body, type) {
  const headers = {};
  if (method !== 'GET') headers['X-CSRF-Token'] = csrf;
  if (body !== undefined) headers['Content-Type'] = type;
  let res;
  try {
    res = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, 'network', null);
  }
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = text; }
  if (!res.ok) {
    throw new ApiError(res.status, data && data.error ? data.error : String(res.status), data && data.field,
      Number(res.headers.get('Retry-After') || 0));
  }
  return data;
}
