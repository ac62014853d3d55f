// The admin page: plain ES modules, Preact + htm vendored, no build step. Every action goes through the
// box's HTTP API; the page adds no rules of its own and shows the API's errors next to the field they name.
import { h, render } from './vendor/preact.mjs';
import { useEffect, useState, useCallback, useRef } from './vendor/hooks.mjs';
import htm from './vendor/htm.mjs';
import { api, upload, ApiError, setCsrf } from './api.mjs';
import { t, language, setLanguage, apiError } from './i18n.mjs';

const html = htm.bind(h);

/** What the page says about a failed request: the box's own message, or the page's word for the status. */
function problem(e) {
  if (!(e instanceof ApiError)) return String(e);
  if (e.status === 0) return t('error.network');
  return apiError(e.message);
}

/** A refusal for a form: the field it names, the page-language message, the box's own words as detail. */
function refusal(e) {
  return { field: e.field, message: problem(e), detail: e instanceof ApiError ? e.message : String(e) };
}

function Field({ name, label, type = 'text', value, onInput, errors, autocomplete }) {
  const err = errors && errors.field === name ? errors.message : null;
  return html`<label class="field">
    <span>${label}</span>
    <input name=${name} type=${type} value=${value} autocomplete=${autocomplete || 'off'}
      aria-invalid=${err ? 'true' : 'false'} onInput=${(e) => onInput(e.target.value)} />
    ${err && html`<span class="error" data-field=${name} title=${errors.detail || ''}>${err}</span>`}
  </label>`;
}

function FormError({ errors, fields }) {
  if (!errors || (errors.field && fields.includes(errors.field))) return null;
  return html`<p class="error form-error" title=${errors.detail || ''}>${errors.message}</p>`;
}

function Login({ onIn }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState(null);
  async function submit(ev) {
    ev.preventDefault();
    try {
      onIn(await api('POST', '/api/session', { name, password }));
    } catch (e) {
      const message = e.status === 401 ? t('login.wrong') : e.status === 429 ? t('login.locked', { s: e.retryAfter })
        : problem(e);
      setErrors({ field: e.status === 401 ? 'password' : e.field, message });
    }
  }
  return html`<form class="card narrow" id="login" onSubmit=${submit}>
    <h1>${t('login.title')}</h1>
    <${Field} name="name" label=${t('login.name')} value=${name} onInput=${setName} errors=${errors} autocomplete="username" />
    <${Field} name="password" label=${t('login.password')} type="password" value=${password} onInput=${setPassword}
      errors=${errors} autocomplete="current-password" />
    <${FormError} errors=${errors} fields=${['name', 'password']} />
    <button type="submit">${t('login.submit')}</button>
  </form>`;
}

function ChangePassword({ onDone }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState(null);
  async function submit(ev) {
    ev.preventDefault();
    if (next !== repeat) {
      setErrors({ field: 'repeat', message: t('password.mismatch') });
      return;
    }
    try {
      onDone(await api('POST', '/api/session/password', { current, password: next }));
    } catch (e) {
      setErrors(refusal(e));
    }
  }
  return html`<form class="card narrow" id="change-password" onSubmit=${submit}>
    <h1>${t('password.title')}</h1>
    <p>${t('password.intro')}</p>
    <${Field} name="current" label=${t('password.current')} type="password" value=${current} onInput=${setCurrent}
      errors=${errors} autocomplete="current-password" />
    <${Field} name="password" label=${t('password.new')} type="password" value=${next} onInput=${setNext}
      errors=${errors} autocomplete="new-password" />
    <${Field} name="repeat" label=${t('password.repeat')} type="password" value=${repeat} onInput=${setRepeat}
      errors=${errors} autocomplete="new-password" />
    <${FormError} errors=${errors} fields=${['current', 'password', 'repeat']} />
    <button type="submit">${t('password.submit')}</button>
  </form>`;
}

/** Loads {@code path} now and every {@code ms}; a failed load keeps the last answer and shows the problem. */
function usePoll(path, ms) {
  const [data, setData] = useState(null);
  const [error, setError] = useState(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!path) return undefined;
    let live = true;
    const load = () => api('GET', path).then((d) => { if (live) { setData(d); setError(null); } })
      .catch((e) => { if (live) setError(problem(e)); });
    load();
    const timer = ms ? setInterval(load, ms) : null;
    return () => { live = false; if (timer) clearInterval(timer); };
  }, [path, ms, tick]);
  return [data, error, () => setTick((x) => x + 1)];
}

function bars(n) {
  const k = Math.max(0, Math.min(5, n || 0));
  return '▮'.repeat(k) + '▯'.repeat(5 - k);
}

function seconds(ms) {
  // A call that started a moment after the page's last tick (or on a clock a little ahead) shows 0:00.
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * The dashboard's state from the box's live stream (server-sent events): lines, calls up now and agents,
 * within moments of every change. A stream that ends is opened again by the browser.
 */
function useLive() {
  const [state, setState] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    const es = new EventSource('/api/live');
    es.addEventListener('state', (e) => { setState(JSON.parse(e.data)); setError(null); });
    es.addEventListener('signed-out', () => { es.close(); location.reload(); });
    es.onerror = () => setError(t('error.network'));
    return () => es.close();
  }, []);
  return [state, error];
}

function Dashboard({ me }) {
  const live = me.role !== 'agent';
  const [state, callsError] = useLive();
  const lines = state && state.lines;
  const calls = state && state.calls;
  const agents = state && state.agents;
  const reloadCalls = () => {};
  // F2 (the seed's takeover shortcut): the agent's voice replaces the opening message on their call.
  useEffect(() => {
    const onKey = (e) => {
      if (e.key !== 'F2' || !calls) return;
      const mine = calls.find((c) => c.state === 'active' && (me.role !== 'agent' || c.agent === me.agents[0]));
      if (mine) { e.preventDefault(); api('POST', '/api/calls/' + mine.id + '/takeover').catch(() => {}); }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [calls]);
  const office = me.role === 'installer' || me.role === 'admin';
  const [sync] = usePoll(office ? '/api/sync' : null, 5000);
  const [frequent] = usePoll(live ? '/api/sims/warnings' : null, 10000);
  const [disk] = usePoll(office ? '/api/recordings/disk' : null, 30000);
  const warnings = [
    ...(lines || []).filter((l) => l.state !== 'up').map((l) => t('warn.line', { line: l.id, state: t('state.' + l.state) })),
    ...(frequent || []).map((w) => t(w.blocked ? 'warn.frequentBlocked' : 'warn.frequent',
      { line: w.lineId, calls: w.calls, minutes: w.minutes })),
    ...(disk && disk.warning ? [t('warn.disk', { used: Math.round(disk.usedBytes / 1e6), limit: Math.round(disk.limitBytes / 1e6) })] : []),
    ...(sync && sync.endpoint === 'public' ? [t('warn.failover')] : []),
    ...(sync && sync.backlog > 100 ? [t('warn.backlog', { n: sync.backlog })] : []),
  ];
  const [seatReason, setSeatReason] = useState('');
  const [goipNotice, setGoipNotice] = useState(null);
  const [now, setNow] = useState(Date.now());
  useEffect(() => { const i = setInterval(() => setNow(Date.now()), 1000); return () => clearInterval(i); }, []);
  // The screen pop (自动弹屏): an inbound call ringing for an agent this viewer sees, answered from here too.
  const incoming = (calls || []).filter((c) => c.direction === 'in' && c.state === 'alerting');
  return html`<div class="grid">
    ${incoming.length > 0 && html`<section class="card warn" id="incoming"><h2>${t('dash.incoming')}</h2>
      ${incoming.map((c) => html`<p data-call=${c.id}>${t('dash.incomingCall', { number: c.numberGiven || t('dash.withheld'),
        agent: c.agent || t('dash.nobody'), line: c.line })}
        ${c.agent && html`<button class="small answer" onClick=${() => api('POST', '/api/calls/' + c.id + '/answer').catch(() => {})}>${t('call.answer')}</button>`}</p>`)}
    </section>`}
    ${live && warnings.length > 0 && html`<section class="card warn" id="warnings"><h2>${t('dash.warnings')}</h2>
      <ul>${warnings.map((w) => html`<li>${w}</li>`)}</ul></section>`}
    ${live && html`<section class="card" id="lines"><h2>${t('dash.lines')}</h2>
      <table><thead><tr><th>${t('line.id')}</th><th>${t('line.state')}</th><th>${t('line.signal')}</th>
        <th>${t('line.operator')}</th><th>${t('line.number')}</th></tr></thead>
      <tbody>${(lines || []).map((l) => html`<tr data-line=${l.id}>
        <td>${l.id}${l.vendor === 'GoIP' && html` <span class="muted kind">GoIP</span>`}${l.vendor === 'GoIP' && l.state === 'up' && l.detail && html` <span class="muted kind no-voice" title=${l.detail}>${t('goip.no-voice')}</span>`}</td><td class=${'state state-' + l.state.replace(/\W/g, '-')} title=${l.detail || ''}>${t('state.' + l.state)}</td>
        <td title=${l.signalDbm + ' dBm'}>${bars(l.signalBars)}</td><td>${l.operator || '-'}</td>
        <td>${l.ownNumber || '-'}</td>
        ${me.role === 'installer' && html`<td>${l.vendor === 'GoIP' && html`<${GoipButtons} line=${l} onNotice=${setGoipNotice} />`}</td>`}</tr>`)}</tbody></table>
      ${goipNotice && html`<p class=${goipNotice.ok ? 'ok' : 'error'} id="goip-notice">${goipNotice.text}</p>`}</section>`}
    <section class="card" id="calls-now"><h2>${t('dash.calls')}</h2>
      ${callsError && html`<p class="error">${callsError}</p>`}
      ${calls && calls.length === 0 && html`<p class="muted">${t('dash.noCalls')}</p>`}
      <table><tbody>${(calls || []).map((c) => html`<tr data-call=${c.id}>
        <td>${c.agent}</td><td>${c.line}</td><td class="direction" title=${t('dir.' + c.direction)}>${c.direction === 'in' ? '↙' : '↗'}</td>
        <td class="number">${c.numberGiven}</td><td>${t('callState.' + c.state)}</td>
        <td class="duration">${seconds(now - Date.parse(c.startedAt))}</td>
        <td><button class="small takeover" title="F2" onClick=${() => api('POST', '/api/calls/' + c.id + '/takeover')}>${t('call.takeover')}</button>
          <button class="small hangup" onClick=${() => api('DELETE', '/api/calls/' + c.id).then(reloadCalls)}>${t('call.hangup')}</button></td>
      </tr>`)}</tbody></table>
      <${TestCall} me=${me} agents=${agents} onPlaced=${reloadCalls} /></section>
    <section class="card" id="agents"><h2>${t('dash.agents')}</h2>
      <table><tbody>${(agents || []).map((a) => html`<tr data-agent=${a.id}>
        <td>${a.id}</td><td>${a.name || ''}</td><td class=${'seat seat-' + a.state} title=${a.reason || ''}>${t('seat.' + a.state)}${a.reason ? '（' + a.reason + '）' : ''}</td>
        <td class="activity">${a.activity ? t('activity.' + a.activity) : ''}</td>
        <td>${['idle', 'busy', 'break'].filter((x) => x !== a.state).map((x) => html`<button class="small seat-set"
          data-state=${x} onClick=${() => api('PUT', '/api/agents/' + a.id + '/state', { state: x, reason: x === 'idle' ? '' : seatReason })
            .then(() => setSeatReason('')).catch(() => {})}>${t('seat.' + x)}</button>`)}</td>
      </tr>`)}</tbody></table>
      <label class="field"><span>${t('seat.reason')}</span><input name="seat-reason" value=${seatReason}
        onInput=${(e) => setSeatReason(e.target.value)} maxlength="64" /></label></section>
    ${office && sync && html`<section class="card" id="sync"><h2>${t('dash.sync')}</h2>
      <dl><dt>${t('sync.endpoint')}</dt><dd>${sync.endpoint}</dd>
        <dt>${t('sync.backlog')}</dt><dd>${sync.backlog}</dd>
        <dt>${t('sync.lastSuccess')}</dt><dd>${sync.lastSuccess || '-'}</dd></dl></section>`}
  </div>`;
}

/** An installer's GoIP port commands: restart the port's GSM module, switch the port off or on. */
function GoipButtons({ line, onNotice }) {
  const run = (command) => api('POST', '/api/lines/' + encodeURIComponent(line.id) + '/goip', { command })
    .then(() => onNotice({ ok: true, text: t('goip.done', { line: line.id, command: t('goip.' + command) }) }))
    .catch((e) => onNotice({ ok: false, text: problem(e) }));
  return html`<span class="goip-buttons">${['reboot-module', line.state === 'down' ? 'enable' : 'disable'].map((c) =>
    html`<button class="small goip" data-command=${c} onClick=${() => run(c)}>${t('goip.' + c)}</button>`)}</span>`;
}

function TestCall({ me, agents, onPlaced }) {
  const mine = (agents || []).map((a) => a.id);
  const [agent, setAgent] = useState('');
  const [number, setNumber] = useState('');
  const [errors, setErrors] = useState(null);
  const [placed, setPlaced] = useState(null);
  async function submit(ev) {
    ev.preventDefault();
    try {
      const c = await api('POST', '/api/calls', { agent: agent || mine[0], number });
      setErrors(null);
      setPlaced(c.id);
      onPlaced();
    } catch (e) {
      setErrors(refusal(e));
    }
  }
  return html`<form class="inline" id="test-call" onSubmit=${submit}>
    <h3>${t('call.test')}</h3>
    <label class="field"><span>${t('call.agent')}</span>
      <select name="agent" value=${agent || mine[0]} onChange=${(e) => setAgent(e.target.value)}>
        ${mine.map((id) => html`<option value=${id}>${id}</option>`)}</select></label>
    <${Field} name="number" label=${t('call.number')} value=${number} onInput=${setNumber} errors=${errors} />
    <${FormError} errors=${errors} fields=${['number']} />
    <button type="submit">${t('call.dial')}</button>
    ${placed && html`<span class="ok">${t('call.placed')}</span>`}
  </form>`;
}

function query(filters) {
  const q = Object.entries(filters).filter(([, v]) => v).map(([k, v]) => k + '=' + encodeURIComponent(v)).join('&');
  return q ? '?' + q : '';
}

function Calls() {
  const [filters, setFilters] = useState({ number: '', agent: '', from: '', to: '', result: '', direction: '' });
  const [page, setPage] = useState(1);
  const [shown, setShown] = useState({ ...filters });
  const [rows, error] = usePoll('/api/calls' + query({ ...shown, page }), 0);
  const [playing, setPlaying] = useState(null);
  const [notice, setNotice] = useState(null);
  const set = (k) => (v) => setFilters({ ...filters, [k]: v });
  const errors = error ? { message: error } : null;
  async function redial(c) {
    try {
      await api('POST', '/api/calls', { agent: c.agent, redial: c.id });
      setNotice(t('call.placed'));
    } catch (e) {
      setNotice(problem(e));
    }
  }
  return html`<section class="card" id="records">
    <form class="inline" onSubmit=${(ev) => { ev.preventDefault(); setPage(1); setShown({ ...filters }); }}>
      <${Field} name="number" label=${t('calls.number')} value=${filters.number} onInput=${set('number')} />
      <${Field} name="agent" label=${t('calls.agent')} value=${filters.agent} onInput=${set('agent')} />
      <${Field} name="from" label=${t('calls.from')} type="date" value=${filters.from} onInput=${set('from')} />
      <${Field} name="to" label=${t('calls.to')} type="date" value=${filters.to} onInput=${set('to')} />
      <label class="field"><span>${t('calls.result')}</span>
        <select name="result" value=${filters.result} onChange=${(e) => set('result')(e.target.value)}>
          <option value="">${t('calls.any')}</option><option value="connected">${t('calls.connected')}</option>
          <option value="not-connected">${t('calls.notConnected')}</option>
          <option value="missed">${t('end.missed')}</option><option value="refused">${t('end.refused')}</option></select></label>
      <label class="field"><span>${t('calls.direction')}</span>
        <select name="direction" value=${filters.direction} onChange=${(e) => set('direction')(e.target.value)}>
          <option value="">${t('calls.any')}</option><option value="out">${t('dir.out')}</option>
          <option value="in">${t('dir.in')}</option></select></label>
      <button type="submit">${t('calls.search')}</button>
      <a class="button" id="export" href=${'/api/calls/export' + query(shown)} download="calls.csv">${t('calls.export')}</a>
    </form>
    <${FormError} errors=${errors} fields=${[]} />
    ${notice && html`<p class="ok">${notice}</p>`}
    ${rows && rows.length === 0 && html`<p class="muted">${t('calls.none')}</p>`}
    <table class="records"><thead><tr><th>${t('calls.started')}</th><th></th><th>${t('calls.agent')}</th>
      <th>${t('calls.line')}</th><th>${t('calls.number')}</th><th>${t('calls.talk')}</th><th>${t('calls.end')}</th>
      <th></th></tr></thead>
      <tbody>${(rows || []).map((c) => html`<tr data-call=${c.id}>
        <td>${new Date(c.startedAt).toLocaleString(language())}</td>
        <td class="direction" title=${t('dir.' + c.direction)}>${c.direction === 'in' ? '↙' : '↗'}</td><td>${c.agent || '-'}</td><td>${c.line}</td>
        <td class="number">${c.numberGiven || (c.direction === 'in' ? t('dash.withheld') : '')}</td><td>${seconds(c.talkMs)}</td>
        <td class="end" title=${c.detail || ''}>${c.endCause ? t('end.' + c.endCause) : c.state}</td>
        <td>${c.hasRecording && html`<button class="small play" onClick=${() => setPlaying(c.id)}>${t('calls.play')}</button>`}
          ${c.agent && c.numberGiven && html`<button class="small redial" onClick=${() => redial(c)}>${t('calls.redial')}</button>`}</td>
      </tr>`)}</tbody></table>
    ${rows && rows.length >= 50 && html`<button onClick=${() => setPage(page + 1)}>${t('calls.more')}</button>`}
    ${playing && html`<audio id="player" controls autoplay src=${'/api/calls/' + playing + '/recording'}></audio>`}
  </section>`;
}

function Users({ me }) {
  const [users, error, reload] = usePoll('/api/users', 0);
  const [form, setForm] = useState({ name: '', role: 'agent', agent: '', team: '', masked: '' });
  const [errors, setErrors] = useState(null);
  const [oneTime, setOneTime] = useState(null);
  const roles = me.role === 'installer' ? ['installer', 'admin', 'supervisor', 'agent'] : ['supervisor', 'agent'];
  const set = (k) => (v) => setForm({ ...form, [k]: v });
  async function add(ev) {
    ev.preventDefault();
    const body = { name: form.name, role: form.role };
    if (form.role === 'agent') body.agent = form.agent;
    if (form.role === 'supervisor') body.team = form.team.split(',').map((s) => s.trim()).filter(Boolean);
    if (form.masked) body.masked = form.masked === 'yes';
    try {
      const r = await api('POST', '/api/users', body);
      setOneTime({ name: r.account.name, password: r.oneTimePassword, hours: r.validHours });
      setErrors(null);
      reload();
    } catch (e) {
      setErrors(refusal(e));
    }
  }
  async function reset(name) {
    try {
      const r = await api('POST', '/api/users/' + encodeURIComponent(name) + '/password');
      setOneTime({ name, password: r.oneTimePassword, hours: r.validHours });
    } catch (e) {
      setErrors({ ...refusal(e), field: null });
    }
  }
  async function remove(name) {
    if (!confirm(t('users.confirmRemove', { n: name }))) return;
    try {
      await api('DELETE', '/api/users/' + encodeURIComponent(name));
      reload();
    } catch (e) {
      setErrors({ ...refusal(e), field: null });
    }
  }
  return html`<section class="card" id="users">
    ${error && html`<p class="error">${error}</p>`}
    <table><thead><tr><th>${t('users.name')}</th><th>${t('users.role')}</th><th>${t('users.agent')}</th>
      <th>${t('users.masked')}</th><th>${t('users.password')}</th><th></th></tr></thead>
      <tbody>${(users || []).map((u) => html`<tr data-user=${u.name}>
        <td>${u.name}</td><td>${t('role.' + u.role)}</td><td>${u.agent || [...(u.team || [])].join(', ') || '-'}</td>
        <td>${u.masked ? t('yes') : t('no')}</td><td>${u.oneTimePassword ? '⏳' : t('users.set')}</td>
        <td><button class="small" onClick=${() => reset(u.name)}>${t('users.reset')}</button>
          <button class="small danger" onClick=${() => remove(u.name)}>${t('users.remove')}</button></td></tr>`)}</tbody></table>
    ${oneTime && html`<p class="ok" id="one-time">${oneTime.name}: ${t('users.oneTime', { h: oneTime.hours })}
      <code>${oneTime.password}</code></p>`}
    <form class="inline" id="add-user" onSubmit=${add}>
      <h3>${t('users.add')}</h3>
      <${Field} name="name" label=${t('users.name')} value=${form.name} onInput=${set('name')} errors=${errors} />
      <label class="field"><span>${t('users.role')}</span>
        <select name="role" value=${form.role} onChange=${(e) => set('role')(e.target.value)}>
          ${roles.map((r) => html`<option value=${r}>${t('role.' + r)}</option>`)}</select>
        ${errors && errors.field === 'role' && html`<span class="error" data-field="role">${errors.message}</span>`}</label>
      ${form.role === 'agent' && html`<${Field} name="agent" label=${t('users.agent')} value=${form.agent}
        onInput=${set('agent')} errors=${errors} />`}
      ${form.role === 'supervisor' && html`<${Field} name="team" label=${t('users.team')} value=${form.team}
        onInput=${set('team')} errors=${errors} />`}
      <label class="field"><span>${t('users.masked')}</span>
        <select name="masked" value=${form.masked} onChange=${(e) => set('masked')(e.target.value)}>
          <option value="">-</option><option value="yes">${t('yes')}</option><option value="no">${t('no')}</option>
        </select></label>
      <${FormError} errors=${errors} fields=${['name', 'role', 'agent', 'team']} />
      <button type="submit">${t('users.add')}</button>
    </form>
  </section>`;
}

function Audit() {
  const [before, setBefore] = useState(null);
  const [entries, error] = usePoll('/api/audit' + (before ? '?before=' + before : ''), 0);
  return html`<section class="card" id="audit">
    ${error && html`<p class="error">${error}</p>`}
    <table><thead><tr><th>${t('audit.at')}</th><th>${t('audit.who')}</th><th>${t('audit.from')}</th>
      <th>${t('audit.request')}</th><th>${t('audit.status')}</th><th>${t('audit.what')}</th></tr></thead>
      <tbody>${(entries || []).map((e) => html`<tr><td>${new Date(e.at).toLocaleString(language())}</td>
        <td>${e.actor} (${e.via})</td><td>${e.remote}</td><td><code>${e.method} ${e.path}</code></td>
        <td>${e.status}</td><td>${e.what}</td></tr>`)}</tbody></table>
    ${entries && entries.length >= 100 && html`<button onClick=${() => setBefore(entries[entries.length - 1].seq)}>${t('audit.more')}</button>`}
  </section>`;
}


function Sims({ me }) {
  const [sims, error] = usePoll('/api/sims', 5000);
  const [warnings] = usePoll('/api/sims/warnings', 10000);
  const office = me.role === 'installer' || me.role === 'admin';
  return html`<div class="grid">
    <section class="card" id="sims">${error && html`<p class="error">${error}</p>`}
      <table><thead><tr><th>${t('sims.line')}</th><th>${t('sims.slot')}</th><th>${t('sims.number')}</th>
        <th>${t('sims.prefix')}</th><th>${t('sims.today')}</th><th>${t('sims.window')}</th><th>${t('sims.rotation')}</th></tr></thead>
      <tbody>${(sims || []).map((x) => html`<tr data-line=${x.line}><td>${x.line}</td><td>${x.slot}</td><td>${x.number || '-'}</td>
        <td>${x.prefix || '-'}</td><td>${x.callsToday}</td><td>${x.callsInWindow} / ${x.windowMinutes}′</td>
        <td>${x.rotation} ${(x.rotationSlots || []).join(',')}</td></tr>`)}</tbody></table></section>
    <section class="card" id="warnings"><h2>${t('sims.warnings')}</h2>
      ${warnings && warnings.length === 0 && html`<p class="muted">${t('sims.noWarnings')}</p>`}
      <ul>${(warnings || []).map((w) => html`<li>${typeof w === 'string' ? w : JSON.stringify(w)}</li>`)}</ul></section>
    <${SimHealthCard} office=${office} />
    ${office && html`<${LineSettings} />`}
  </div>`;
}

const DIAL_MODES = ['', 'direct', 'forward-1-1', 'forward-2-2', 'forward-1-2', 'forward-2-1', 'forward-auto', 'callback'];

/** A number as typed: sent as a number when it is one, as the text otherwise, so that the box refuses it by name. */
function numberOrText(v) {
  return /^-?\d+$/.test(String(v).trim()) ? Number(v) : v;
}

/** The form's state from the settings the box answered (the file's keys), and the body back from it. */
function formOf(s, slots) {
  const r = s.rotation || { policy: 'fixed', slot: slots[0] || 1, slots: [], calls: 20, minutes: 60 };
  const w = s['frequent-call-warning'];
  const bySlot = {};
  ((s['sim-mux'] && s['sim-mux'].slots) || []).forEach((x) => { bySlot[x.slot] = x; });
  return {
    prefix: s.prefix || '', own: s['own-number'] || '',
    slots: slots.map((n) => ({ slot: n, prefix: (bySlot[n] && bySlot[n].prefix) || '', own: (bySlot[n] && bySlot[n]['own-number']) || '' })),
    policy: r.policy, fixedSlot: String(r.slot), rotating: r.slots || [], calls: String(r.calls), minutes: String(r.minutes),
    warn: !!w, warnCalls: w ? String(w.calls) : '30', warnMinutes: w ? String(w.minutes) : '60', block: !!(w && w.block),
    mode: s['dial-mode'] || '', delay: s['forward-delay-ms'] == null ? '' : String(s['forward-delay-ms']),
    inbound: s.inbound || '', whenBusy: s['inbound-when-busy'] || '', menu: s['inbound-menu'] || '',
    refusal: s['inbound-refusal'] || '',
  };
}

function bodyOf(f, mux) {
  const body = { prefix: f.prefix, 'own-number': f.own,
    rotation: { policy: f.policy, slot: numberOrText(f.fixedSlot), slots: f.rotating, calls: numberOrText(f.calls), minutes: numberOrText(f.minutes) },
    'dial-mode': f.mode, inbound: f.inbound, 'inbound-when-busy': f.whenBusy,
    'inbound-menu': f.inbound === 'switchboard' ? f.menu : '', 'inbound-refusal': f.refusal };
  if (mux) body['sim-mux'] = { slots: f.slots.map((x) => ({ slot: x.slot, prefix: x.prefix, 'own-number': x.own })) };
  if (f.warn) body['frequent-call-warning'] = { calls: numberOrText(f.warnCalls), minutes: numberOrText(f.warnMinutes), block: f.block };
  if (f.delay !== '') body['forward-delay-ms'] = numberOrText(f.delay);
  return body;
}

/** 外呼设置 per line: what the box checks as it checks the file, saved over the file's, used by the next call. */
function LineSettings() {
  const [all, error, reload] = usePoll('/api/settings/lines', 0);
  const [menuList] = usePoll('/api/switchboard/menus', 0);
  const [promptData] = usePoll('/api/prompts', 0);
  const promptList = promptData && promptData.prompts;
  const [line, setLine] = useState('');
  const [form, setForm] = useState(null);
  const [errors, setErrors] = useState(null);
  const [notice, setNotice] = useState(null);
  const [testNumber, setTestNumber] = useState('');
  const [testErrors, setTestErrors] = useState(null);
  const [testCall, setTestCall] = useState(null);
  const view = (all || []).find((v) => v.line === line);
  useEffect(() => { if (all && !line && all.length) setLine(all[0].line); }, [all]);
  useEffect(() => { if (view) { setForm(formOf(view.settings, view.slots)); setErrors(null); } }, [line, view && view.changedAt, view && view.from]);
  if (!form || !view) return html`<section class="card" id="line-settings">${error && html`<p class="error">${error}</p>`}</section>`;
  const mux = view.slots.length > 1;
  const set = (k) => (v) => setForm({ ...form, [k]: v });
  const setSlot = (i, k) => (v) => setForm({ ...form, slots: form.slots.map((x, j) => (j === i ? { ...x, [k]: v } : x)) });
  const toggleRotating = (n) => setForm({ ...form, rotating: form.rotating.includes(n) ? form.rotating.filter((x) => x !== n)
    : [...form.rotating, n].sort((a, b) => a - b) });
  async function save(ev) {
    ev.preventDefault();
    try {
      await api('PUT', '/api/settings/lines/' + encodeURIComponent(line), bodyOf(form, mux));
      setErrors(null); setNotice(t('settings.saved')); reload();
    } catch (e) { setErrors(refusal(e)); setNotice(null); }
  }
  async function reset() {
    if (!confirm(t('settings.confirmReset', { line }))) return;
    try { await api('DELETE', '/api/settings/lines/' + encodeURIComponent(line)); setErrors(null); setNotice(t('settings.reset')); reload(); }
    catch (e) { setErrors({ ...refusal(e), field: null }); }
  }
  async function test(ev) {
    ev.preventDefault();
    try {
      const c = await api('POST', '/api/lines/' + encodeURIComponent(line) + '/test-call', { number: testNumber });
      setTestCall(c); setTestErrors(null);
    } catch (e) { setTestErrors(refusal(e)); setTestCall(null); }
  }
  const fields = ['prefix', 'own-number', 'rotation.policy', 'rotation.slot', 'rotation.slots', 'rotation.calls',
    'rotation.minutes', 'frequent-call-warning.calls', 'frequent-call-warning.minutes', 'dial-mode', 'forward-delay-ms',
    ...form.slots.flatMap((x, i) => ['sim-mux.slots[' + i + '].prefix', 'sim-mux.slots[' + i + '].own-number'])];
  return html`<section class="card" id="line-settings"><h2>${t('settings.title')}</h2>
    <label class="field"><span>${t('sims.line')}</span>
      <select name="line" value=${line} onChange=${(e) => { setLine(e.target.value); setNotice(null); }}>
        ${all.map((v) => html`<option value=${v.line}>${v.line}</option>`)}</select></label>
    <p class="muted" id="settings-from">${view.from === 'page' ? t('settings.fromPage', { who: view.changedBy, at: new Date(view.changedAt).toLocaleString(language()) })
      : t('settings.fromFile')}</p>
    ${view.problem && html`<p class="error" id="settings-problem">${t('settings.problem')} ${view.problem}</p>`}
    <form id="line-settings-form" onSubmit=${save}>
      <div class="inline">
        <${Field} name="prefix" label=${t('sims.prefix')} value=${form.prefix} onInput=${set('prefix')} errors=${errors} />
        <${Field} name="own-number" label=${t('sims.number')} value=${form.own} onInput=${set('own')} errors=${errors} />
      </div>
      ${mux && html`<table class="slots"><thead><tr><th>${t('sims.slot')}</th><th>${t('sims.prefix')}</th><th>${t('sims.number')}</th></tr></thead>
        <tbody>${form.slots.map((x, i) => html`<tr data-slot=${x.slot}><td>${x.slot}</td>
          <td><${Field} name=${'sim-mux.slots[' + i + '].prefix'} label="" value=${x.prefix} onInput=${setSlot(i, 'prefix')} errors=${errors} /></td>
          <td><${Field} name=${'sim-mux.slots[' + i + '].own-number'} label="" value=${x.own} onInput=${setSlot(i, 'own')} errors=${errors} /></td></tr>`)}</tbody></table>`}
      <h3>${t('sims.rotation')}</h3>
      <div class="inline">
        <label class="field"><span>${t('settings.policy')}</span>
          <select name="rotation.policy" value=${form.policy} onChange=${(e) => set('policy')(e.target.value)}>
            ${['fixed', 'by-count', 'by-frequency'].map((p) => html`<option value=${p}>${t('policy.' + p)}</option>`)}</select>
          ${errors && errors.field === 'rotation.policy' && html`<span class="error" data-field="rotation.policy">${errors.message}</span>`}</label>
        ${form.policy === 'fixed' ? html`<label class="field"><span>${t('sims.slot')}</span>
            <select name="rotation.slot" value=${form.fixedSlot} onChange=${(e) => set('fixedSlot')(e.target.value)}>
              ${view.slots.map((n) => html`<option value=${String(n)}>${n}</option>`)}</select></label>`
          : html`<${Field} name="rotation.calls" label=${t('settings.calls')} value=${form.calls} onInput=${set('calls')} errors=${errors} />
            ${form.policy === 'by-frequency' && html`<${Field} name="rotation.minutes" label=${t('settings.minutes')} value=${form.minutes}
              onInput=${set('minutes')} errors=${errors} />`}`}
      </div>
      ${form.policy !== 'fixed' && mux && html`<p id="rotating">${t('settings.rotating')}
        ${view.slots.map((n) => html`<label class="inline-check"><input type="checkbox" name=${'rotating-' + n}
          checked=${form.rotating.includes(n)} onChange=${() => toggleRotating(n)} /> ${n}</label>`)}
        ${errors && errors.field === 'rotation.slots' && html`<span class="error" data-field="rotation.slots">${errors.message}</span>`}</p>`}
      <h3>${t('sims.warnings')}</h3>
      <label class="check"><input type="checkbox" name="warn" checked=${form.warn} onChange=${(e) => set('warn')(e.target.checked)} /> ${t('settings.warnOn')}</label>
      ${form.warn && html`<div class="inline">
        <${Field} name="frequent-call-warning.calls" label=${t('settings.calls')} value=${form.warnCalls} onInput=${set('warnCalls')} errors=${errors} />
        <${Field} name="frequent-call-warning.minutes" label=${t('settings.minutes')} value=${form.warnMinutes} onInput=${set('warnMinutes')} errors=${errors} />
        <label class="check"><input type="checkbox" name="block" checked=${form.block} onChange=${(e) => set('block')(e.target.checked)} /> ${t('settings.block')}</label></div>`}
      <h3>${t('settings.deskPhone')}</h3>
      <div class="inline">
        <label class="field"><span>${t('settings.mode')}</span>
          <select name="dial-mode" value=${form.mode} onChange=${(e) => set('mode')(e.target.value)}>
            ${DIAL_MODES.map((m) => html`<option value=${m}>${t('mode.' + (m || 'default'))}</option>`)}</select>
          ${errors && errors.field === 'dial-mode' && html`<span class="error" data-field="dial-mode">${errors.message}</span>`}</label>
        <${Field} name="forward-delay-ms" label=${t('settings.delay')} value=${form.delay} onInput=${set('delay')} errors=${errors} />
      </div>
      <h3>${t('settings.inboundTitle')}</h3>
      <div class="inline">
        <label class="field"><span>${t('settings.inbound')}</span>
          <select name="inbound" value=${form.inbound} onChange=${(e) => set('inbound')(e.target.value)}>
            ${['', 'ring-agent', 'switchboard', 'missed', 'refuse'].map((m) => html`<option value=${m}>${t('inbound.' + (m || 'default'))}</option>`)}</select>
          ${errors && errors.field === 'inbound' && html`<span class="error" data-field="inbound">${errors.message}</span>`}</label>
        ${form.inbound === 'switchboard' && html`<label class="field"><span>${t('settings.menu')}</span>
          <select name="inbound-menu" value=${form.menu} onChange=${(e) => set('menu')(e.target.value)}>
            <option value="">-</option>${(menuList || []).map((m) => html`<option value=${m.menu.id}>${m.menu.name || m.menu.id}</option>`)}</select>
          ${errors && errors.field === 'inbound-menu' && html`<span class="error" data-field="inbound-menu">${errors.message}</span>`}</label>`}
        <label class="field"><span>${t('settings.whenBusy')}</span>
          <select name="inbound-when-busy" value=${form.whenBusy} onChange=${(e) => set('whenBusy')(e.target.value)}>
            ${['', 'ring-anyway'].map((m) => html`<option value=${m}>${t('whenBusy.' + (m || 'missed'))}</option>`)}</select></label>
        <label class="field"><span>${t('settings.refusal')}</span>
          <select name="inbound-refusal" value=${form.refusal} onChange=${(e) => set('refusal')(e.target.value)}>
            <option value="">${t('settings.refusalHangUp')}</option>${(promptList || []).map((p) => html`<option value=${p.id}>${p.name}</option>`)}</select>
          ${errors && errors.field === 'inbound-refusal' && html`<span class="error" data-field="inbound-refusal">${errors.message}</span>`}</label>
      </div>
      <${FormError} errors=${errors} fields=${[...fields, 'inbound', 'inbound-when-busy', 'inbound-menu', 'inbound-refusal']} />
      <button type="submit" id="save-line">${t('settings.save')}</button>
      ${view.from === 'page' && html` <button type="button" class="danger" id="reset-line" onClick=${reset}>${t('settings.toFile')}</button>`}
      ${notice && html`<span class="ok" id="settings-notice"> ${notice}</span>`}
    </form>
    <form class="inline" id="line-test-call" onSubmit=${test}>
      <h3>${t('settings.testCall')}</h3>
      <${Field} name="number" label=${t('settings.testNumber')} value=${testNumber} onInput=${setTestNumber} errors=${testErrors} />
      <button type="submit">${t('settings.dial')}</button>
      <${FormError} errors=${testErrors} fields=${['number']} />
      ${testCall && html`<p class="ok" id="test-call-placed">${t('settings.testPlaced', { line: testCall.line, dialed: testCall.numberDialed })}</p>`}
    </form>
  </section>`;
}

function NumberListCard({ list, office }) {
  const [entries, error, reload] = usePoll('/api/guard/' + list, 0);
  const [number, setNumber] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState(null);
  async function add(ev) {
    ev.preventDefault();
    try {
      await api('POST', '/api/guard/' + list, { numbers: [number], reason });
      setNumber(''); setReason(''); setErrors(null); reload();
    } catch (e) {
      const r = refusal(e);
      setErrors({ ...r, field: r.field && r.field.startsWith('numbers') ? 'number' : r.field });
    }
  }
  async function remove(n) {
    try { await api('DELETE', '/api/guard/' + list + '/' + encodeURIComponent(n)); reload(); }
    catch (e) { setErrors({ ...refusal(e), field: null }); }
  }
  return html`<section class="card" id=${'list-' + list}><h2>${t('guard.' + list)}</h2>
    ${error && html`<p class="error">${error}</p>`}
    ${entries && entries.length === 0 && html`<p class="muted">${t('guard.empty')}</p>`}
    <table><tbody>${(entries || []).map((x) => html`<tr data-number=${x.number}><td class="number">${x.number}</td>
      <td>${x.reason}</td><td>${x.source}</td>
      <td>${office && html`<button class="small danger" onClick=${() => remove(x.number)}>${t('guard.remove')}</button>`}</td></tr>`)}
    </tbody></table>
    ${office && html`<form class="inline" onSubmit=${add}>
      <${Field} name="number" label=${t('guard.number')} value=${number} onInput=${setNumber} errors=${errors} />
      <${Field} name="reason" label=${t('guard.reason')} value=${reason} onInput=${setReason} errors=${errors} />
      <${FormError} errors=${errors} fields=${['number', 'reason']} />
      <button type="submit">${t('guard.add')}</button></form>`}
  </section>`;
}

function Guard({ me }) {
  const office = me.role === 'installer' || me.role === 'admin';
  const [settings, error, reload] = usePoll('/api/guard/settings', 0);
  const [approve, setApprove] = useState('');
  const [errors, setErrors] = useState(null);
  const [done, setDone] = useState(null);
  async function toggle(key, value) {
    try { await api('PUT', '/api/guard/settings', { [key]: value }); reload(); }
    catch (e) { setErrors({ ...refusal(e), field: null }); }
  }
  async function approveNumber(ev) {
    ev.preventDefault();
    try { await api('POST', '/api/guard/approvals', { number: approve }); setDone(approve); setErrors(null); }
    catch (e) { setErrors(refusal(e)); }
  }
  return html`<div class="grid">
    <section class="card" id="guard-settings"><h2>${t('guard.settings')}</h2>
      ${error && html`<p class="error">${error}</p>`}
      ${settings && html`<label class="check"><input type="checkbox" name="enabled" checked=${settings.enabled} disabled=${!office}
          onChange=${(e) => toggle('enabled', e.target.checked)} /> ${t('guard.enabled')}</label>
        <label class="check"><input type="checkbox" name="forcedDialApproval" checked=${settings.forcedDialApproval}
          disabled=${!office} onChange=${(e) => toggle('forcedDialApproval', e.target.checked)} /> ${t('guard.approval')}</label>`}
      ${office && html`<form class="inline" id="approve" onSubmit=${approveNumber}>
        <${Field} name="number" label=${t('guard.number')} value=${approve} onInput=${setApprove} errors=${errors} />
        <button type="submit">${t('guard.approve')}</button>
        ${done && html`<span class="ok">${t('guard.approved')} ${done}</span>`}</form>`}
      <${FormError} errors=${errors} fields=${['number']} />
    </section>
    <${NumberListCard} list="blacklist" office=${office} />
    <${NumberListCard} list="risk" office=${office} />
  </div>`;
}

/** 16-bit PCM WAV of the recorded samples, brought down to the 8 kHz mono a call plays. */
function wavOf(chunks, rate) {
  const all = new Float32Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) { all.set(c, at); at += c.length; }
  const step = rate / 8000;
  const n = Math.floor(all.length / step);
  const buf = new ArrayBuffer(44 + n * 2);
  const v = new DataView(buf);
  const text = (o, s) => [...s].forEach((ch, i) => v.setUint8(o + i, ch.charCodeAt(0)));
  text(0, 'RIFF'); v.setUint32(4, 36 + n * 2, true); text(8, 'WAVE'); text(12, 'fmt ');
  v.setUint32(16, 16, true); v.setUint16(20, 1, true); v.setUint16(22, 1, true); v.setUint32(24, 8000, true);
  v.setUint32(28, 16000, true); v.setUint16(32, 2, true); v.setUint16(34, 16, true); text(36, 'data');
  v.setUint32(40, n * 2, true);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    const from = Math.floor(i * step);
    const to = Math.max(from + 1, Math.floor((i + 1) * step));
    for (let j = from; j < to; j++) sum += all[j];
    const x = Math.max(-1, Math.min(1, sum / (to - from)));
    v.setInt16(44 + i * 2, x < 0 ? x * 0x8000 : x * 0x7fff, true);
  }
  return new Blob([buf], { type: 'audio/wav' });
}

/** Records from the computer's microphone (the browser asks first; on the LAN it needs HTTPS). */
function BrowserRecorder({ onRecorded }) {
  const rec = useRef(null);
  const [on, setOn] = useState(false);
  const [error, setError] = useState(null);
  async function start() {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      const ctx = new AudioContext();
      const src = ctx.createMediaStreamSource(stream);
      const proc = ctx.createScriptProcessor(4096, 1, 1);
      const chunks = [];
      proc.onaudioprocess = (e) => chunks.push(new Float32Array(e.inputBuffer.getChannelData(0)));
      src.connect(proc);
      proc.connect(ctx.destination);
      rec.current = { stream, ctx, chunks };
      setOn(true);
      setError(null);
    } catch (e) {
      setError(t('prompts.noMic'));
    }
  }
  function stop() {
    const r = rec.current;
    r.stream.getTracks().forEach((tr) => tr.stop());
    const rate = r.ctx.sampleRate;
    r.ctx.close();
    setOn(false);
    onRecorded(wavOf(r.chunks, rate));
  }
  return html`<span class="recorder">
    ${on ? html`<button type="button" class="small danger" id="record-stop" onClick=${stop}>${t('prompts.stop')}</button>`
      : html`<button type="button" class="small" id="record" onClick=${start}>${t('prompts.record')}</button>`}
    ${error && html`<span class="error">${error}</span>`}</span>`;
}

function Prompts({ me }) {
  const office = me.role === 'installer' || me.role === 'admin';
  const [data, error, reload] = usePoll('/api/prompts', 0);
  const [agents] = usePoll('/api/agents', 0);
  const [name, setName] = useState('');
  const [file, setFile] = useState(null);
  const [errors, setErrors] = useState(null);
  const [playing, setPlaying] = useState(null);
  async function add(ev) {
    ev.preventDefault();
    try {
      await upload('/api/prompts?name=' + encodeURIComponent(name) + '&filename=' + encodeURIComponent(file ? file.name : ''),
        file || new Blob([]));
      setName(''); setErrors(null); reload();
    } catch (e) { setErrors(refusal(e)); }
  }
  async function choose(agent, prompt) {
    try { await api('PUT', '/api/prompts/opening', { agent, prompt: prompt || null }); reload(); }
    catch (e) { setErrors({ ...refusal(e), field: null }); }
  }
  async function remove(id) {
    try { await api('DELETE', '/api/prompts/' + id); reload(); } catch (e) { setErrors({ ...refusal(e), field: null }); }
  }
  const chosen = (agent) => ((data && data.opening) || []).find((c) => c.scope === 'agent' && c.target === agent);
  return html`<div class="grid">
    <section class="card" id="prompts"><h2>${t('prompts.list')}</h2>
      ${error && html`<p class="error">${error}</p>`}
      <table><tbody>${((data && data.prompts) || []).map((p) => html`<tr data-prompt=${p.id}><td>${p.name}</td>
        <td>${(p.millis / 1000).toFixed(1)} s</td>
        <td><button class="small play" onClick=${() => setPlaying(p.id)}>${t('prompts.play')}</button>
          ${office && html`<button class="small danger" onClick=${() => remove(p.id)}>${t('prompts.delete')}</button>`}</td></tr>`)}
      </tbody></table>
      ${playing && html`<audio id="prompt-player" controls autoplay src=${'/api/prompts/' + playing + '/audio'}></audio>`}
      ${office && data && html`<form class="inline" id="upload" onSubmit=${add}>
        <h3>${t('prompts.upload', { s: data.maxSeconds, n: data.max })}</h3>
        <${Field} name="name" label=${t('prompts.name')} value=${name} onInput=${setName} errors=${errors} />
        <label class="field"><span>${t('prompts.file')}</span>
          <input type="file" name="file" accept=".mp3,.wav,audio/mpeg,audio/wav" onChange=${(e) => setFile(e.target.files[0])} />
          <${BrowserRecorder} onRecorded=${(blob) => setFile(new File([blob], 'recorded.wav', { type: 'audio/wav' }))} />
          ${file && file.name === 'recorded.wav' && html`<span class="ok" id="recorded">${t('prompts.recorded')}</span>`}
          ${errors && errors.field === 'file' && html`<span class="error" data-field="file">${errors.message}</span>`}</label>
        <${FormError} errors=${errors} fields=${['name', 'file']} />
        <button type="submit">${t('prompts.send')}</button>
      </form>`}
    </section>
    <section class="card" id="opening"><h2>${t('prompts.choices')}</h2>
      <table><tbody>${(agents || []).map((a) => html`<tr data-agent=${a.id}><td>${t('prompts.forAgent')} ${a.id}</td>
        <td><select name=${'opening-' + a.id} value=${(chosen(a.id) || {}).promptId || ''}
          onChange=${(e) => choose(a.id, e.target.value)}>
          <option value="">${t('prompts.none')}</option>
          ${((data && data.prompts) || []).map((p) => html`<option value=${p.id}>${p.name}</option>`)}</select></td></tr>`)}
      </tbody></table></section>
  </div>`;
}

function Sync({ me }) {
  const [s, error, reload] = usePoll('/api/sync', 3000);
  const [errors, setErrors] = useState(null);
  async function use(endpoint) {
    try { await api('POST', '/api/sync/use/' + endpoint); setErrors(null); reload(); }
    catch (e) { setErrors({ ...refusal(e), field: null }); }
  }
  return html`<div class="grid"><section class="card" id="sync-page">
    ${error && html`<p class="error">${error}</p>`}
    ${s && html`<dl><dt>${t('sync.endpoint')}</dt><dd id="endpoint">${s.endpoint} (${s.url})</dd>
      <dt>${t('sync.backlog')}</dt><dd>${s.backlog}</dd><dt>${t('sync.oldest')}</dt><dd>${s.oldestUnsent || '-'}</dd>
      <dt>${t('sync.lastSuccess')}</dt><dd>${s.lastSuccess || '-'}</dd><dt>${t('sync.sent')}</dt><dd>${s.sent}</dd>
      <dt>${t('sync.lastError')}</dt><dd>${s.lastError || '-'}</dd><dt>${t('sync.lastSwitch')}</dt><dd>${s.lastSwitch || '-'}</dd></dl>`}
    ${me.role === 'installer' && html`<p>${t('sync.use')}
      <button class="small" id="use-private" onClick=${() => use('private')}>${t('sync.private')}</button>
      <button class="small" id="use-public" onClick=${() => use('public')}>${t('sync.public')}</button></p>`}
    <${FormError} errors=${errors} fields=${[]} />
  </section><${CrmSettings} /></div>`;
}

const CRM_FIELDS = ['private-url', 'public-url', 'box-token', 'ca-file', 'failures-before-failover', 'failover-window-seconds', 'return-hour'];

/** The CRM servers and token, saved over the file's and used from the next start (the page says so). */
function CrmSettings() {
  const [v, error, reload] = usePoll('/api/settings/crm', 0);
  const [form, setForm] = useState(null);
  const [errors, setErrors] = useState(null);
  const [notice, setNotice] = useState(null);
  useEffect(() => {
    if (v) setForm(Object.fromEntries(CRM_FIELDS.map((k) => [k, k === 'box-token' ? '' : String(v.settings[k] ?? '')])));
  }, [v && v.changedAt, v && v.from]);
  if (!v || !form) return html`<section class="card" id="crm-settings">${error && html`<p class="error">${error}</p>`}</section>`;
  const set = (k) => (x) => setForm({ ...form, [k]: x });
  async function save(ev) {
    ev.preventDefault();
    const body = {};
    CRM_FIELDS.forEach((k) => { if (form[k] !== '') body[k] = k.endsWith('url') || k === 'box-token' || k === 'ca-file' ? form[k] : numberOrText(form[k]); });
    try { await api('PUT', '/api/settings/crm', body); setErrors(null); setNotice(t('crm.saved')); reload(); }
    catch (e) { setErrors(refusal(e)); setNotice(null); }
  }
  return html`<section class="card" id="crm-settings"><h2>${t('crm.title')}</h2>
    <p class="muted">${v.from === 'page' ? t('settings.fromPage', { who: v.changedBy, at: new Date(v.changedAt).toLocaleString(language()) }) : t('settings.fromFile')}
      · ${v.inUse.simulated ? t('crm.simulated') : t('crm.inUse', { url: v.inUse['private-url'] || v.inUse['public-url'] || '-' })}</p>
    ${v.restartNeeded && html`<p class="error" id="crm-restart">${t('crm.restartNeeded')}</p>`}
    <form id="crm-form" onSubmit=${save}>
      ${CRM_FIELDS.map((k) => html`<${Field} name=${k} label=${t('crm.' + k)} type=${k === 'box-token' ? 'password' : 'text'}
        value=${form[k]} onInput=${set(k)} errors=${errors} />`)}
      <p class="muted">${v.boxTokenSet ? t('crm.tokenKept') : t('crm.noToken')}</p>
      <${FormError} errors=${errors} fields=${CRM_FIELDS} />
      <button type="submit" id="save-crm">${t('settings.save')}</button>
      ${notice && html`<span class="ok" id="crm-notice"> ${notice}</span>`}
    </form>
  </section>`;
}

/** Calls per hour as bars, and the share answered as their darker part: a chart with no library. */
function HourChart({ hours }) {
  const max = Math.max(1, ...hours.map((h) => h.calls));
  const w = 24 * 14;
  return html`<svg class="chart" id="hour-chart" viewBox=${'0 0 ' + w + ' 120'} role="img" aria-label=${t('figures.chart')}>
    ${hours.map((h) => {
      const x = h.hour * 14 + 2;
      const ch = Math.round((h.calls / max) * 96);
      const ah = Math.round((h.connected / max) * 96);
      return html`<g><rect class="calls" x=${x} y=${100 - ch} width="10" height=${ch}><title>${h.hour}:00 ${h.calls}</title></rect>
        <rect class="connected" x=${x} y=${100 - ah} width="10" height=${ah} />
        ${h.hour % 3 === 0 && html`<text x=${x} y="114">${h.hour}</text>`}</g>`;
    })}
  </svg>`;
}

function Figures() {
  const today = new Date().toISOString().slice(0, 10);
  const [form, setForm] = useState({ date: today, until: today, by: 'agent' });
  const [shown, setShown] = useState(form);
  const [f, error] = usePoll('/api/calls/figures' + query(shown), 0);
  const set = (k) => (v) => setForm({ ...form, [k]: v });
  const errors = error ? { message: error } : null;
  return html`<section class="card" id="figures">
    <form class="inline" onSubmit=${(ev) => { ev.preventDefault(); setShown({ ...form }); }}>
      <${Field} name="date" label=${t('calls.from')} type="date" value=${form.date} onInput=${set('date')} />
      <${Field} name="until" label=${t('calls.to')} type="date" value=${form.until} onInput=${set('until')} />
      <label class="field"><span>${t('figures.by')}</span>
        <select name="by" value=${form.by} onChange=${(e) => set('by')(e.target.value)}>
          <option value="agent">${t('figures.byAgent')}</option><option value="sim">${t('figures.bySim')}</option></select></label>
      <button type="submit">${t('calls.search')}</button>
    </form>
    <${FormError} errors=${errors} fields=${[]} />
    ${f && html`<table><thead><tr><th>${f.by === 'sim' ? t('figures.bySim') : t('figures.byAgent')}</th>
      <th>${t('figures.calls')}</th><th>${t('calls.connected')}</th><th>${t('calls.notConnected')}</th>
      <th>${t('figures.rate')}</th><th>${t('figures.talk')}</th><th>${t('figures.average')}</th>
      ${f.by === 'agent' && html`<th>${t('seat.idle')}</th><th>${t('seat.busy')}</th><th>${t('seat.break')}</th>`}</tr></thead>
      <tbody>${f.rows.map((r) => html`<tr data-key=${r.key}><td>${r.key}</td><td>${r.callsOut}</td><td>${r.connected}</td>
        <td>${r.notConnected}</td><td>${Math.round(r.connectRate * 100)}%</td><td>${seconds(r.talkMsTotal)}</td>
        <td>${seconds(r.talkMsAverage)}</td>
        ${f.by === 'agent' && ['idle', 'busy', 'break'].map((s) => html`<td class=${'seat-time-' + s}>${seconds(((f.seatTimes || {})[r.key] || {})[s] || 0)}</td>`)}</tr>`)}</tbody></table>
      <h3>${t('figures.chart')}</h3><${HourChart} hours=${f.hours} />`}
  </section>`;
}

const HEALTH_CHECKS = ['database', 'media-clock', 'line-loops', 'lines', 'sync', 'disk'];

function HealthChecks() {
  const [report, error] = usePoll('/api/system/health', 10000);
  if (error) return html`<p class="error">${error}</p>`;
  if (!report) return null;
  return html`<div id="health"><h3>${t('boxhealth.title')}
      <span class=${report.ready ? 'ok' : 'warn'} id="health-summary">${report.ready ? t('boxhealth.ready')
        : report.live ? t('boxhealth.notReady') : t('boxhealth.notLive')}</span></h3>
    <table><thead><tr><th>${t('boxhealth.check')}</th><th>${t('boxhealth.kind')}</th><th>${t('boxhealth.state')}</th>
      <th>${t('boxhealth.reason')}</th></tr></thead>
    <tbody>${report.checks.map((c) => html`<tr data-check=${c.name} class=${c.up ? '' : 'warn'}>
      <td>${HEALTH_CHECKS.includes(c.name) ? t('boxhealth.' + c.name) : c.name}</td>
      <td>${t('boxhealth.kind.' + c.kind)}</td><td>${c.up ? t('boxhealth.up') : t('boxhealth.down')}</td>
      <td class="muted">${c.reason}</td></tr>`)}</tbody></table></div>`;
}

function System({ me }) {
  const [health, error] = usePoll('/api/health', 10000);
  const [disk] = usePoll('/api/recordings/disk', 10000);
  const gb = (b) => (b / 1e9).toFixed(2) + ' GB';
  const [notice, setNotice] = useState(null);
  async function restart() {
    if (!confirm(t('system.confirmRestart'))) return;
    try { await api('POST', '/api/system/restart'); setNotice(t('system.restarting')); }
    catch (e) { setNotice(problem(e)); }
  }
  return html`<section class="card" id="system">
    ${error && html`<p class="error">${error}</p>`}
    ${health && html`<dl><dt>${t('system.version')}</dt><dd id="version">${health.version}</dd>
      <dt>${t('system.mode')}</dt><dd>${health.simulate ? t('system.simulate') : t('system.hardware')}</dd>
      <dt>${t('system.lines')}</dt><dd>${health.lines}</dd>
      ${disk && html`<dt>${t('system.recordings')}</dt><dd id="disk">${gb(disk.usedBytes)} / ${gb(disk.limitBytes)}
        · ${disk.recordings} · ${t('system.notUploaded')} ${disk.notUploaded}</dd>`}</dl>`}
    ${me.role === 'installer' && html`<p><a class="button" id="logs" href="/api/system/logs" download>${t('system.logs')}</a>
      <a class="button" id="backup" href="/api/system/backup" download>${t('system.backup')}</a>
      <button class="danger" id="restart" onClick=${restart}>${t('system.restart')}</button></p>`}
    ${notice && html`<p class="muted" id="restart-notice">${notice}</p>`}
    <${HealthChecks} />
  </section>`;
}


const DEST_TYPES = ['menu', 'queue', 'agent', 'distribute', 'extension', 'repeat', 'message', 'hangup'];
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'];

/** Where a destination leads, in words: "菜单 loans", "坐席 1001", "挂机". */
function destinationText(d, prompts) {
  if (!d) return '-';
  const target = d.type === 'message' ? ((prompts.find((p) => p.id === d.target) || {}).name || d.target) : d.target;
  return t('dest.' + d.type) + (target ? ' ' + target : '');
}

/** One menu and, under it, the menus its keys lead to: the tree shows where every key goes. */
function MenuTree({ id, menus, prompts, seen, onEdit }) {
  const m = menus.find((x) => x.menu.id === id);
  if (!m) return null;
  const menu = m.menu;
  const again = seen.includes(id);
  const ways = [...Object.entries(menu.keys).map(([k, d]) => [k, d]), [t('switchboard.fallback'), menu.fallback]];
  return html`<li data-menu=${id}><strong>${menu.name || id}</strong> <code>${id}</code>
    ${!again && html`<button class="small edit-menu" onClick=${() => onEdit(menu)}>${t('switchboard.edit')}</button>
    <span class="muted"> ${t('switchboard.prompt')}: ${(prompts.find((p) => p.id === menu.prompt) || {}).name || menu.prompt}
      · ${menu.timeout}s × ${menu.retries + 1}</span>
    <ul>${ways.map(([k, d]) => html`<li data-key=${k}><code>${k}</code> → ${destinationText(d, prompts)}
      ${d && d.type === 'menu' && html`<ul><${MenuTree} id=${d.target} menus=${menus} prompts=${prompts}
        seen=${[...seen, id]} onEdit=${onEdit} /></ul>`}</li>`)}</ul>`}
    ${again && html`<span class="muted"> ${t('switchboard.above')}</span>`}</li>`;
}

function emptyMenu() {
  return { id: '', name: '', prompt: '', timeout: 5, retries: 2, timeoutPrompt: '', invalidPrompt: '',
    keys: {}, fallback: { type: 'distribute', target: '' } };
}

function DestinationPicker({ name, value, onChange, menus, prompts, agents, errors, queues = [], form = 'menu-form' }) {
  const d = value || { type: '', target: '' };
  const targets = d.type === 'menu' ? menus.map((m) => m.menu.id) : d.type === 'agent' ? agents.map((a) => a.id)
    : d.type === 'message' ? prompts.map((p) => p.id) : d.type === 'queue' ? queues.map((q) => q.queue.id) : null;
  const err = errors && errors.field === name ? errors.message : null;
  return html`<span class="dest" data-field-name=${name}>
    <select name=${name + '.type'} value=${d.type} onChange=${(e) => onChange({ type: e.target.value, target: '' })}>
      <option value="">-</option>${DEST_TYPES.map((x) => html`<option value=${x}>${t('dest.' + x)}</option>`)}</select>
    ${targets && html`<select name=${name + '.target'} value=${d.target} onChange=${(e) => onChange({ ...d, target: e.target.value })}>
      <option value="">-</option>${targets.map((x) => html`<option value=${x}>${d.type === 'message'
        ? (prompts.find((p) => p.id === x) || {}).name : x}</option>`)}</select>`}
    ${err && html`<span class="error" data-field=${name} title=${errors.detail || ''}>${err}</span>`}</span>`;
}

/** 总机: the switchboard's menus as a tree of where every key goes, and an editor the box checks on save. */
function Switchboard({ me }) {
  const office = me.role === 'installer' || me.role === 'admin';
  const [menus, error, reload] = usePoll('/api/switchboard/menus', 0);
  const [promptData] = usePoll('/api/prompts', 0);
  const [agentList] = usePoll('/api/agents', 0);
  const [queueList, , reloadQueues] = usePoll('/api/switchboard/queues', 0);
  const [form, setForm] = useState(null);
  const [errors, setErrors] = useState(null);
  const [notice, setNotice] = useState(null);
  const queues = queueList || [];
  const prompts = (promptData && promptData.prompts) || [];
  const agents = agentList || [];
  const all = menus || [];
  const pointed = new Set(all.flatMap((m) => [...Object.values(m.menu.keys), m.menu.fallback])
    .filter((d) => d && d.type === 'menu').map((d) => d.target));
  // The menus no other points to head the tree; menus that only point at each other start one as well.
  const roots = all.filter((m) => !pointed.has(m.menu.id)).map((m) => m.menu.id);
  const reached = new Set();
  const walk = (id) => {
    if (reached.has(id)) return;
    reached.add(id);
    const m = all.find((x) => x.menu.id === id);
    if (m) [...Object.values(m.menu.keys), m.menu.fallback].filter((d) => d && d.type === 'menu').forEach((d) => walk(d.target));
  };
  roots.forEach(walk);
  all.forEach((m) => { if (!reached.has(m.menu.id)) { roots.push(m.menu.id); walk(m.menu.id); } });
  const set = (k) => (v) => setForm({ ...form, [k]: v });
  const setKey = (k) => (d) => {
    const keys = { ...form.keys };
    if (d.type === '') delete keys[k]; else keys[k] = d;
    setForm({ ...form, keys });
  };
  async function save(ev) {
    ev.preventDefault();
    const body = { ...form, timeout: numberOrText(form.timeout), retries: numberOrText(form.retries) };
    delete body.id;
    try {
      await api('PUT', '/api/switchboard/menus/' + encodeURIComponent(form.id), body);
      setErrors(null); setNotice(t('switchboard.saved')); setForm(null); reload();
    } catch (e) { setErrors(refusal(e)); setNotice(null); }
  }
  async function remove() {
    if (!confirm(t('switchboard.confirmDelete', { id: form.id }))) return;
    try { await api('DELETE', '/api/switchboard/menus/' + encodeURIComponent(form.id)); setForm(null); setErrors(null); reload(); }
    catch (e) { setErrors({ ...refusal(e), field: null }); }
  }
  const keyFields = KEYS.map((k) => 'keys.' + k);
  return html`<div class="grid"><section class="card" id="switchboard"><h2>${t('switchboard.title')}</h2>
    ${error && html`<p class="error">${error}</p>`}
    ${menus && menus.length === 0 && html`<p class="muted">${t('switchboard.none')}</p>`}
    <ul class="tree">${roots.map((id) => html`<${MenuTree} id=${id} menus=${all} prompts=${prompts} seen=${[]}
      onEdit=${(m) => { setForm({ ...m, timeout: String(m.timeout), retries: String(m.retries) }); setErrors(null); setNotice(null); }} />`)}</ul>
    ${notice && html`<p class="ok" id="menu-notice">${notice}</p>`}
    ${office && !form && html`<button id="new-menu" onClick=${() => { setForm(emptyMenu()); setErrors(null); }}>${t('switchboard.new')}</button>`}
    <p class="muted">${t('switchboard.notYet')}</p></section>
    ${office && form && html`<section class="card" id="menu-editor"><form id="menu-form" onSubmit=${save}>
      <div class="inline">
        <${Field} name="id" label=${t('switchboard.id')} value=${form.id} onInput=${set('id')} errors=${errors} />
        <${Field} name="name" label=${t('switchboard.name')} value=${form.name} onInput=${set('name')} errors=${errors} />
      </div>
      ${['prompt', 'timeoutPrompt', 'invalidPrompt'].map((k) => html`<label class="field"><span>${t('switchboard.' + k)}</span>
        <select name=${k} value=${form[k]} onChange=${(e) => set(k)(e.target.value)}>
          <option value="">-</option>${prompts.map((p) => html`<option value=${p.id}>${p.name}</option>`)}</select>
        ${errors && errors.field === k && html`<span class="error" data-field=${k}>${errors.message}</span>`}</label>`)}
      <div class="inline">
        <${Field} name="timeout" label=${t('switchboard.timeout')} value=${form.timeout} onInput=${set('timeout')} errors=${errors} />
        <${Field} name="retries" label=${t('switchboard.retries')} value=${form.retries} onInput=${set('retries')} errors=${errors} />
      </div>
      <table class="keys"><thead><tr><th>${t('switchboard.key')}</th><th>${t('switchboard.goesTo')}</th></tr></thead>
        <tbody>${KEYS.map((k) => html`<tr data-key=${k}><td><code>${k}</code></td><td><${DestinationPicker} name=${'keys.' + k}
          value=${form.keys[k]} onChange=${setKey(k)} menus=${all} prompts=${prompts} agents=${agents} queues=${queues} errors=${errors} /></td></tr>`)}
        <tr data-key="fallback"><td>${t('switchboard.fallback')}</td><td><${DestinationPicker} name="fallback" value=${form.fallback}
          onChange=${set('fallback')} menus=${all} prompts=${prompts} agents=${agents} queues=${queues} errors=${errors} /></td></tr></tbody></table>
      <${FormError} errors=${errors} fields=${['id', 'name', 'prompt', 'timeoutPrompt', 'invalidPrompt', 'timeout', 'retries', 'fallback', ...keyFields]} />
      <button type="submit" id="save-menu">${t('settings.save')}</button>
      <button type="button" class="small" onClick=${() => { setForm(null); setErrors(null); }}>${t('switchboard.cancel')}</button>
      ${all.some((m) => m.menu.id === form.id) && html`<button type="button" class="danger" id="delete-menu" onClick=${remove}>${t('switchboard.delete')}</button>`}
    </form></section>`}
    <${Queues} office=${office} queues=${queues} reload=${reloadQueues} menus=${all} prompts=${prompts} agents=${agents} />
    <${OfficeHoursCard} office=${office} menus=${all} />
    <${SwitchboardCalls} office=${office} />
  </div>`;
}

const STRATEGIES = ['random', 'longest-idle', 'fewest-calls', 'ring-all', 'in-order'];

/** 队列: who answers each queue and how, the callers waiting in it now, and an editor the box checks. */
function Queues({ office, queues, reload, menus, prompts, agents }) {
  const [waiting] = usePoll('/api/switchboard/waiting', 2000);
  const [form, setForm] = useState(null);
  const [errors, setErrors] = useState(null);
  const set = (k) => (v) => setForm({ ...form, [k]: v });
  const edit = (q) => { setForm({ ...q, agents: q.agents.join(', '), ringSeconds: String(q.ringSeconds),
    maxWaitSeconds: String(q.maxWaitSeconds), announceEvery: String(q.announceEvery) }); setErrors(null); };
  async function save(ev) {
    ev.preventDefault();
    const body = { ...form, agents: form.agents.split(/[,，\s]+/).filter((x) => x), ringSeconds: numberOrText(form.ringSeconds),
      maxWaitSeconds: numberOrText(form.maxWaitSeconds), announceEvery: numberOrText(form.announceEvery) };
    delete body.id;
    try { await api('PUT', '/api/switchboard/queues/' + encodeURIComponent(form.id), body); setForm(null); setErrors(null); reload(); }
    catch (e) { setErrors(refusal(e)); }
  }
  return html`<section class="card" id="queues"><h2>${t('queue.title')}</h2>
    <table><thead><tr><th>${t('queue.id')}</th><th>${t('queue.strategy')}</th><th>${t('queue.agents')}</th>
      <th>${t('queue.maxWait')}</th><th>${t('queue.overflow')}</th><th>${t('queue.waiting')}</th><th></th></tr></thead>
      <tbody>${queues.map(({ queue: q }) => html`<tr data-queue=${q.id}><td>${q.name || q.id} <code>${q.id}</code></td>
        <td>${t('strategy.' + q.strategy)}${q.lastAgentFirst ? ' · ' + t('queue.lastFirst') : ''}</td>
        <td>${q.agents.length ? q.agents.join(', ') : t('queue.everyone')}</td><td>${q.maxWaitSeconds}s</td>
        <td>${destinationText(q.overflow, prompts)}</td>
        <td class="waiting">${((waiting || {})[q.id] || []).map((c, i) => html`<div>${i + 1}. ${c.numberGiven || t('dash.withheld')}</div>`)}</td>
        <td>${office && html`<button class="small edit-queue" onClick=${() => edit(q)}>${t('switchboard.edit')}</button>`}</td></tr>`)}</tbody></table>
    ${office && !form && html`<button id="new-queue" onClick=${() => edit({ id: '', name: '', strategy: 'random', agents: [], lastAgentFirst: true,
      ringSeconds: 20, maxWaitSeconds: 120, holdPrompt: '', announceEvery: 0, overflow: { type: 'hangup', target: '' } })}>${t('queue.new')}</button>`}
    ${form && html`<form id="queue-form" onSubmit=${save}>
      <div class="inline"><${Field} name="id" label=${t('queue.id')} value=${form.id} onInput=${set('id')} errors=${errors} />
        <${Field} name="name" label=${t('switchboard.name')} value=${form.name} onInput=${set('name')} errors=${errors} /></div>
      <label class="field"><span>${t('queue.strategy')}</span><select name="strategy" value=${form.strategy} onChange=${(e) => set('strategy')(e.target.value)}>
        ${STRATEGIES.map((x) => html`<option value=${x}>${t('strategy.' + x)}</option>`)}</select>
        ${errors && errors.field === 'strategy' && html`<span class="error" data-field="strategy">${errors.message}</span>`}</label>
      <label class="check"><input type="checkbox" name="lastAgentFirst" checked=${form.lastAgentFirst}
        onChange=${(e) => set('lastAgentFirst')(e.target.checked)} /> ${t('queue.lastFirst')}</label>
      <${Field} name="agents" label=${t('queue.agentsHint')} value=${form.agents} onInput=${set('agents')}
        errors=${errors && errors.field && errors.field.startsWith('agents') ? { ...errors, field: 'agents' } : errors} />
      <div class="inline"><${Field} name="ringSeconds" label=${t('queue.ring')} value=${form.ringSeconds} onInput=${set('ringSeconds')} errors=${errors} />
        <${Field} name="maxWaitSeconds" label=${t('queue.maxWait')} value=${form.maxWaitSeconds} onInput=${set('maxWaitSeconds')} errors=${errors} />
        <${Field} name="announceEvery" label=${t('queue.announce')} value=${form.announceEvery} onInput=${set('announceEvery')} errors=${errors} /></div>
      <label class="field"><span>${t('queue.hold')}</span><select name="holdPrompt" value=${form.holdPrompt} onChange=${(e) => set('holdPrompt')(e.target.value)}>
        <option value="">${t('queue.ringback')}</option>${prompts.map((p) => html`<option value=${p.id}>${p.name}</option>`)}</select></label>
      <label class="field"><span>${t('queue.overflow')}</span><${DestinationPicker} name="overflow" value=${form.overflow} onChange=${set('overflow')}
        menus=${menus} prompts=${prompts} agents=${agents} queues=${queues} errors=${errors} form="queue-form" /></label>
      <${FormError} errors=${errors} fields=${['id', 'name', 'strategy', 'ringSeconds', 'maxWaitSeconds', 'announceEvery', 'overflow']
        .concat(errors && errors.field && errors.field.startsWith('agents') ? [errors.field] : [])} />
      <button type="submit" id="save-queue">${t('settings.save')}</button>
      <button type="button" class="small" onClick=${() => { setForm(null); setErrors(null); }}>${t('switchboard.cancel')}</button>
    </form>`}</section>`;
}

/** 工作时间: the weekly spans, holidays and make-up workdays; outside them the closed menu answers. */
function OfficeHoursCard({ office, menus }) {
  const [data, , reload] = usePoll('/api/switchboard/hours', 0);
  const [form, setForm] = useState(null);
  const [errors, setErrors] = useState(null);
  const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  useEffect(() => {
    if (!data) return;
    const h = data.hours;
    setForm({ enabled: h.enabled, closedMenu: h.closedMenu, holidays: h.holidays.join('\n'), workdays: h.workdays.join('\n'),
      ...Object.fromEntries(days.map((d) => [d, (h.weekly[d] || []).join(', ')])) });
  }, [data]);
  if (!form) return null;
  const set = (k) => (v) => setForm({ ...form, [k]: v });
  const lines = (v) => v.split(/[\n,，\s]+/).filter((x) => x);
  async function save(ev) {
    ev.preventDefault();
    const weekly = {};
    days.forEach((d) => { if (form[d].trim()) weekly[d] = lines(form[d]); });
    try {
      await api('PUT', '/api/switchboard/hours', { enabled: form.enabled, weekly, holidays: lines(form.holidays),
        workdays: lines(form.workdays), closedMenu: form.closedMenu });
      setErrors(null); reload();
    } catch (e) { setErrors(refusal(e)); }
  }
  const dayError = (d) => errors && errors.field && errors.field.startsWith('weekly.' + d) ? { ...errors, field: d } : null;
  return html`<section class="card" id="hours"><h2>${t('hours.title')}</h2>
    <p id="open-now" class=${data.openNow ? 'ok' : 'muted'}>${data.openNow ? t('hours.openNow') : t('hours.closedNow')}</p>
    <form id="hours-form" onSubmit=${save}>
      <label class="check"><input type="checkbox" name="enabled" checked=${form.enabled} disabled=${!office}
        onChange=${(e) => set('enabled')(e.target.checked)} /> ${t('hours.enabled')}</label>
      <div class="inline">${days.map((d) => html`<${Field} name=${d} label=${t('day.' + d)} value=${form[d]} onInput=${set(d)} errors=${dayError(d)} />`)}</div>
      <label class="field"><span>${t('hours.holidays')}</span><textarea name="holidays" rows="3" value=${form.holidays}
        onInput=${(e) => set('holidays')(e.target.value)}></textarea>
        ${errors && errors.field && errors.field.startsWith('holidays') && html`<span class="error" data-field="holidays">${errors.message}</span>`}</label>
      <label class="field"><span>${t('hours.workdays')}</span><textarea name="workdays" rows="2" value=${form.workdays}
        onInput=${(e) => set('workdays')(e.target.value)}></textarea>
        ${errors && errors.field && errors.field.startsWith('workdays') && html`<span class="error" data-field="workdays">${errors.message}</span>`}</label>
      <label class="field"><span>${t('hours.closedMenu')}</span><select name="closedMenu" value=${form.closedMenu} onChange=${(e) => set('closedMenu')(e.target.value)}>
        <option value="">-</option>${menus.map((m) => html`<option value=${m.menu.id}>${m.menu.name || m.menu.id}</option>`)}</select>
        ${errors && errors.field === 'closedMenu' && html`<span class="error" data-field="closedMenu">${errors.message}</span>`}</label>
      <${FormError} errors=${errors} fields=${['closedMenu'].concat(errors && errors.field && /^(weekly|holidays|workdays)/.test(errors.field) ? [errors.field] : [])} />
      ${office && html`<button type="submit" id="save-hours">${t('settings.save')}</button>`}
    </form></section>`;
}

/** 总机中心 list: every inbound call, its way through the switchboard, and whether someone handled it. */
function SwitchboardCalls({ office }) {
  const [onlyOpen, setOnlyOpen] = useState(true);
  const [list, error, reload] = usePoll('/api/switchboard/calls' + (onlyOpen ? '?unhandled=true' : ''), 5000);
  async function mark(id) {
    const note = prompt(t('inboundList.note'), '');
    if (note === null) return;
    try { await api('POST', '/api/switchboard/calls/' + encodeURIComponent(id) + '/handled', { note }); reload(); }
    catch (e) { alert(problem(e)); }
  }
  return html`<section class="card" id="switchboard-calls"><h2>${t('inboundList.title')}</h2>
    <label class="check"><input type="checkbox" name="unhandled" checked=${onlyOpen} onChange=${(e) => setOnlyOpen(e.target.checked)} />
      ${t('inboundList.onlyOpen')}</label>
    ${error && html`<p class="error">${error}</p>`}
    <table><thead><tr><th>${t('calls.started')}</th><th>${t('inboundList.caller')}</th><th>${t('inboundList.path')}</th>
      <th>${t('calls.agent')}</th><th>${t('calls.end')}</th><th>${t('inboundList.handled')}</th><th></th></tr></thead>
      <tbody>${(list || []).map((e) => html`<tr data-call=${e.call.id}><td>${new Date(e.call.startedAt).toLocaleString(language())}</td>
        <td>${e.call.numberGiven || t('dash.withheld')}</td><td>${e.path.join(' → ') || '-'}</td><td>${e.call.agent || '-'}</td>
        <td>${e.call.endCause ? t('end.' + e.call.endCause) : '-'}</td>
        <td class="handled">${e.handled ? t('handled.' + e.handled) + (e.note ? ' · ' + e.note : '') : t('handled.open')}</td>
        <td>${office && !e.handled && html`<button class="small mark-handled" onClick=${() => mark(e.call.id)}>${t('inboundList.mark')}</button>`}</td></tr>`)}</tbody></table>
    ${list && list.length === 0 && html`<p class="muted">${t('inboundList.none')}</p>`}</section>`;
}


/** The agent an agent's account is (an agent works their own list and joins tasks as themself). */
function ownAgent(me) {
  return me.role === 'agent' && Array.isArray(me.agents) ? me.agents[0] : null;
}

/** 轮呼: an agent's own list; an agent sees theirs, an admin or supervisor picks one. */
function ListCard({ me, agents }) {
  const own = me.role === 'agent';
  const [agent, setAgent] = useState(ownAgent(me) || '');
  const pick = agent || (agents[0] && agents[0].id) || '';
  const [list, error, reload] = usePoll(pick ? '/api/lists/' + encodeURIComponent(pick) : null, 2000);
  const [csv, setCsv] = useState('');
  const [autoNext, setAutoNext] = useState('0');
  const [errors, setErrors] = useState(null);
  const [note, setNote] = useState(null);
  const base = '/api/lists/' + encodeURIComponent(pick);
  async function act(method, path, body) {
    try { const r = await api(method, base + path, body); setErrors(null); reload(); return r; }
    catch (e) { setErrors(refusal(e)); return null; }
  }
  async function add(ev) {
    ev.preventDefault();
    const r = await act('POST', '/numbers', { csv });
    if (r) {
      setCsv('');
      setNote([t('list.added', { n: r.added })].concat(r.refused.map((b) => t('list.refused', { line: b.line, reason: apiError(b.reason) }))));
    }
  }
  const p = list && list.progress;
  const state = p ? p.state : 'stopped';
  return html`<section class="card" id="list-dialing"><h2>${t('list.title')}</h2>
    ${!own && html`<label class="field"><span>${t('list.agent')}</span><select name="list-agent" value=${pick}
      onChange=${(e) => { setAgent(e.target.value); setNote(null); setErrors(null); }}>
      ${agents.map((a) => html`<option value=${a.id}>${a.id} ${a.name}</option>`)}</select></label>`}
    ${error && html`<p class="error">${error}</p>`}
    ${p && html`<p class="list-state"><strong>${t('liststate.' + state)}</strong> · ${t('list.progress', p)}</p>`}
    <div class="buttons">
      ${(state === 'stopped' || state === 'paused' || state === 'done') && html`<label class="field inline-field"><span>${t('list.autoNext')}</span>
        <input name="autoNextSeconds" value=${autoNext} onInput=${(e) => setAutoNext(e.target.value)} /></label>
        <button id="list-start" onClick=${() => act('POST', '/start', { autoNextSeconds: numberOrText(autoNext) })}>${t('list.start')}</button>`}
      ${state === 'waiting' && html`<button id="list-next" onClick=${() => act('POST', '/next', { action: 'next' })}>${t('list.next')}</button>
        <button id="list-throw-next" onClick=${() => act('POST', '/next', { action: 'throw-next' })}>${t('list.throwNext')}</button>
        <button id="list-throw-pause" onClick=${() => act('POST', '/next', { action: 'throw-pause' })}>${t('list.throwPause')}</button>`}
      ${(state === 'running' || state === 'waiting') && html`<button id="list-pause" onClick=${() => act('POST', '/pause')}>${t('list.pause')}</button>`}
      <button class="small" id="list-clear" onClick=${() => confirm(t('list.clearAsk', { agent: pick })) && act('DELETE', '')}>${t('list.clear')}</button>
    </div>
    <${FormError} errors=${errors} fields=${[]} />
    <form id="list-add" onSubmit=${add}><label class="field"><span>${t('list.add')} · ${t('list.csvHint')}</span>
      <textarea name="csv" rows="3" value=${csv} onInput=${(e) => setCsv(e.target.value)}></textarea></label>
      <button type="submit" id="list-import">${t('list.add')}</button></form>
    ${note && html`<ul class="import-note">${note.map((n) => html`<li>${n}</li>`)}</ul>`}
    ${list && list.entries.length === 0 && html`<p class="muted">${t('list.none')}</p>`}
    ${list && list.entries.length > 0 && html`<table><thead><tr><th>#</th><th>${t('num.number')}</th><th>${t('num.name')}</th>
      <th>${t('num.customer')}</th><th>${t('num.result')}</th><th>${t('num.detail')}</th></tr></thead>
      <tbody>${list.entries.map((e) => html`<tr data-seq=${e.seq}><td>${e.seq}</td><td>${e.number}</td><td>${e.name || '-'}</td>
        <td>${e.customerId || '-'}</td><td class="result">${t('result.' + e.result)}</td><td class="muted">${e.detail}</td></tr>`)}</tbody></table>`}
  </section>`;
}

/** 群呼助手: the tasks, their figures and numbers; admins create, start, pause and delete; agents join. */
function GroupTasksCard({ me, prompts }) {
  const office = me.role === 'installer' || me.role === 'admin';
  const [tasks, error, reload] = usePoll('/api/group-tasks', 3000);
  const [form, setForm] = useState(null);
  const [errors, setErrors] = useState(null);
  const [open, setOpen] = useState(null);
  const [numbers] = usePoll(open ? '/api/group-tasks/' + encodeURIComponent(open) + '/numbers' : null, 3000);
  const set = (k) => (v) => setForm({ ...form, [k]: v });
  const mine = ownAgent(me);
  async function act(id, what, body) {
    try { await api('POST', '/api/group-tasks/' + encodeURIComponent(id) + '/' + what, body); setErrors(null); reload(); }
    catch (e) { alert(problem(e)); }
  }
  async function remove(task) {
    if (!confirm(t('group.deleteAsk', { name: task.name }))) return;
    try { await api('DELETE', '/api/group-tasks/' + encodeURIComponent(task.id)); reload(); } catch (e) { alert(problem(e)); }
  }
  async function save(ev) {
    ev.preventDefault();
    const body = { name: form.name, startsAt: form.startsAt, concurrency: numberOrText(form.concurrency),
      intervalSeconds: numberOrText(form.intervalSeconds), ratio: numberOrText(form.ratio), pacing: form.pacing,
      agents: form.agents.split(/[,，\s]+/).filter((x) => x), ringSeconds: numberOrText(form.ringSeconds),
      openingPrompt: form.openingPrompt, abandonPrompt: form.abandonPrompt, csv: form.csv };
    try { await api('POST', '/api/group-tasks', body); setForm(null); setErrors(null); reload(); }
    catch (e) { setErrors(refusal(e)); }
  }
  const pct = (x) => (x * 100).toFixed(1) + '%';
  return html`<section class="card" id="group-tasks"><h2>${t('group.title')}</h2>
    ${error && html`<p class="error">${error}</p>`}
    ${tasks && tasks.length === 0 && html`<p class="muted">${t('group.none')}</p>`}
    <table><thead><tr><th>${t('group.name')}</th><th>${t('group.state')}</th><th>${t('group.pacing')}</th>
      <th>${t('group.joined')}</th><th>${t('group.numbers')}</th><th></th></tr></thead>
      <tbody>${(tasks || []).map(({ task, state, joined, figures: f, live }) => html`<tr data-task=${task.id}>
        <td>${task.name}<div class="muted">${t('group.concurrency')} ${task.concurrency} · ${task.intervalSeconds}s · ×${task.ratio}</div></td>
        <td class="task-state">${t('taskstate.' + state)}</td><td>${t('pacing.' + task.pacing)}</td>
        <td>${joined.join(', ') || '-'}</td>
        <td class="figures">${t('group.figures', { dialled: f.dialled, answered: f.answered, rate: pct(f.answerRate),
          abandoned: pct(f.abandonedRate), wait: f.meanWaitSeconds.toFixed(1) })}
          ${live && html`<div class="muted live">${t('group.live', { out: live.dialling, waiting: live.waiting, talking: live.talking,
            occupancy: pct(live.occupancy) })}</div>`}</td>
        <td class="buttons">
          ${office && state !== 'running' && html`<button class="small task-start" onClick=${() => act(task.id, 'start')}>${t('group.start')}</button>`}
          ${office && state === 'running' && html`<button class="small task-pause" onClick=${() => act(task.id, 'pause')}>${t('group.pause')}</button>`}
          ${mine && task.agents.includes(mine) && !joined.includes(mine) && html`<button class="small task-join" onClick=${() => act(task.id, 'join', { agent: mine })}>${t('group.join')}</button>`}
          ${mine && joined.includes(mine) && html`<button class="small task-leave" onClick=${() => act(task.id, 'leave', { agent: mine })}>${t('group.leave')}</button>`}
          ${me.role !== 'agent' && html`<button class="small task-results" onClick=${() => setOpen(open === task.id ? null : task.id)}>${t('group.results')}</button>`}
          ${office && html`<button class="small task-delete" onClick=${() => remove(task)}>${t('group.delete')}</button>`}
        </td></tr>`)}</tbody></table>
    ${open && numbers && html`<table id="task-numbers"><thead><tr><th>#</th><th>${t('num.number')}</th><th>${t('num.name')}</th>
      <th>${t('num.result')}</th><th>${t('calls.agent')}</th><th>${t('num.detail')}</th></tr></thead>
      <tbody>${numbers.numbers.map((n) => html`<tr data-seq=${n.seq}><td>${n.seq}</td><td>${n.number}</td><td>${n.name || '-'}</td>
        <td class="result">${t('result.' + n.result)}</td><td>${n.agent || '-'}</td><td class="muted">${n.detail}</td></tr>`)}</tbody></table>`}
    ${office && !form && html`<button id="new-task" onClick=${() => setForm({ name: '', startsAt: '', concurrency: '2', intervalSeconds: '10',
      ratio: '1', pacing: 'fixed', agents: '', ringSeconds: '25', openingPrompt: '', abandonPrompt: '', csv: '' })}>${t('group.new')}</button>`}
    ${form && html`<form id="task-form" onSubmit=${save}>
      <div class="inline"><${Field} name="name" label=${t('group.name')} value=${form.name} onInput=${set('name')} errors=${errors} />
        <${Field} name="startsAt" label=${t('group.startsAt')} value=${form.startsAt} onInput=${set('startsAt')} errors=${errors} /></div>
      <div class="inline"><${Field} name="concurrency" label=${t('group.concurrency')} value=${form.concurrency} onInput=${set('concurrency')} errors=${errors} />
        <${Field} name="intervalSeconds" label=${t('group.interval')} value=${form.intervalSeconds} onInput=${set('intervalSeconds')} errors=${errors} />
        <${Field} name="ratio" label=${t('group.ratio')} value=${form.ratio} onInput=${set('ratio')} errors=${errors} />
        <${Field} name="ringSeconds" label=${t('group.ring')} value=${form.ringSeconds} onInput=${set('ringSeconds')} errors=${errors} /></div>
      <label class="field"><span>${t('group.pacing')}</span><select name="pacing" value=${form.pacing} onChange=${(e) => set('pacing')(e.target.value)}>
        ${['fixed', 'adaptive', 'progressive'].map((x) => html`<option value=${x}>${t('pacing.' + x)}</option>`)}</select></label>
      <${Field} name="agents" label=${t('group.agents')} value=${form.agents} onInput=${set('agents')} errors=${errors} />
      <div class="inline">${['openingPrompt', 'abandonPrompt'].map((k) => html`<label class="field"><span>${t(k === 'openingPrompt' ? 'group.opening' : 'group.abandon')}</span>
        <select name=${k} value=${form[k]} onChange=${(e) => set(k)(e.target.value)}><option value="">${t('group.noPrompt')}</option>
        ${prompts.map((x) => html`<option value=${x.id}>${x.name}</option>`)}</select></label>`)}</div>
      <label class="field"><span>${t('group.numbers')} · ${t('list.csvHint')}</span>
        <textarea name="csv" rows="4" value=${form.csv} onInput=${(e) => set('csv')(e.target.value)}></textarea>
        ${errors && (errors.field === 'numbers' || errors.field === 'csv') && html`<span class="error" data-field="numbers">${errors.message}</span>`}</label>
      <${FormError} errors=${errors} fields=${['name', 'startsAt', 'concurrency', 'intervalSeconds', 'ratio', 'ringSeconds', 'agents', 'numbers', 'csv']} />
      <button type="submit" id="save-task">${t('settings.save')}</button>
      <button type="button" class="small" onClick=${() => { setForm(null); setErrors(null); }}>${t('switchboard.cancel')}</button>
    </form>`}
  </section>`;
}

/** The re-dial restriction (轮呼限制时间) and the abandoned-number lockout. */
function RulesCard() {
  const [rules, , reload] = usePoll('/api/dialing-rules', 0);
  const [form, setForm] = useState(null);
  const [errors, setErrors] = useState(null);
  const f = form || (rules && { redialHours: String(rules.redialHours), abandonedLockoutHours: String(rules.abandonedLockoutHours) });
  async function save(ev) {
    ev.preventDefault();
    try { await api('PUT', '/api/dialing-rules', { redialHours: numberOrText(f.redialHours), abandonedLockoutHours: numberOrText(f.abandonedLockoutHours) });
      setForm(null); setErrors(null); reload(); }
    catch (e) { setErrors(refusal(e)); }
  }
  return f && html`<section class="card" id="dialing-rules"><h2>${t('rules.title')}</h2><form onSubmit=${save}>
    <div class="inline"><${Field} name="redialHours" label=${t('rules.redial')} value=${f.redialHours} onInput=${(v) => setForm({ ...f, redialHours: v })} errors=${errors} />
      <${Field} name="abandonedLockoutHours" label=${t('rules.lockout')} value=${f.abandonedLockoutHours} onInput=${(v) => setForm({ ...f, abandonedLockoutHours: v })} errors=${errors} /></div>
    <${FormError} errors=${errors} fields=${['redialHours', 'abandonedLockoutHours']} />
    <button type="submit" id="save-rules">${t('settings.save')}</button></form></section>`;
}

function Dialing({ me }) {
  const [agents] = usePoll('/api/agents', 0);
  const [prompts] = usePoll('/api/prompts', 0);
  const office = me.role === 'installer' || me.role === 'admin';
  return html`<div class="grid">
    ${agents && html`<${ListCard} me=${me} agents=${agents} />`}
    <${GroupTasksCard} me=${me} prompts=${(prompts && (prompts.prompts || prompts)) || []} />
    ${office && html`<${RulesCard} />`}
  </div>`;
}

/** 防封号: each SIM's health score and why; a resting SIM and when its rest ends; the caps and marks. */
function SimHealthCard({ office }) {
  const [sims, error, reload] = usePoll('/api/sims/health', 5000);
  const [settings, , reloadSettings] = usePoll('/api/settings/sim-protection', 0);
  const [form, setForm] = useState(null);
  const [errors, setErrors] = useState(null);
  const f = form || (settings && Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, String(v)])));
  async function endRest(iccid) {
    try { await api('DELETE', '/api/sims/' + encodeURIComponent(iccid) + '/rest'); reload(); } catch (e) { alert(problem(e)); }
  }
  async function save(ev) {
    ev.preventDefault();
    try { await api('PUT', '/api/settings/sim-protection', Object.fromEntries(Object.entries(f).map(([k, v]) => [k, numberOrText(v)])));
      setForm(null); setErrors(null); reloadSettings(); reload(); }
    catch (e) { setErrors(refusal(e)); }
  }
  const labels = { dailyCalls: 'health.dailyCalls', dailyTalkMinutes: 'health.dailyTalk', restBelow: 'health.restBelow', restHours: 'health.restHours' };
  return html`<section class="card" id="sim-health"><h2>${t('health.title')}</h2>${error && html`<p class="error">${error}</p>`}
    <table><thead><tr><th>${t('sims.line')}</th><th>${t('sims.slot')}</th><th>${t('sims.number')}</th><th>${t('health.score')}</th>
      <th>${t('health.today')}</th><th>${t('health.reasons')}</th><th>${t('health.rest')}</th></tr></thead>
      <tbody>${(sims || []).map((x) => html`<tr data-iccid=${x.iccid} class=${x.resting ? 'resting' : ''}><td>${x.line}</td><td>${x.slot}</td>
        <td>${x.number || '-'}</td><td class="score">${x.score}</td><td>${x.callsToday} / ${x.talkMinutesToday}</td>
        <td class="muted">${x.reasons.join('；') || t('health.ok')}</td>
        <td>${x.resting ? html`${t('health.restUntil', { until: new Date(x.resting.until).toLocaleString(language()) })}
          ${office && html` <button class="small end-rest" onClick=${() => endRest(x.iccid)}>${t('health.endRest')}</button>`}` : '-'}</td></tr>`)}</tbody></table>
    ${office && f && html`<form id="sim-protection" onSubmit=${save}><div class="inline">
      ${Object.keys(labels).map((k) => html`<${Field} name=${k} label=${t(labels[k])} value=${f[k]} onInput=${(v) => setForm({ ...f, [k]: v })} errors=${errors} />`)}</div>
      <${FormError} errors=${errors} fields=${Object.keys(labels)} />
      <button type="submit" id="save-sim-protection">${t('settings.save')}</button></form>`}
  </section>`;
}

/** A rough count of parts, as the box will split: GSM-7 160 (153 per part), otherwise 70 (67). */
function smsParts(text) {
  const gsm = /^[@£$¥èéùìòÇ\nØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&'()*+,\-./0-9:;<=>?¡A-ZÄÖÑÜ§¿a-zäöñüà^{}\\[~\]|€]*$/.test(text);
  const n = gsm ? [...text].reduce((k, c) => k + ('^{}\\[~]|€'.includes(c) ? 2 : 1), 0) : text.length;
  const [one, part] = gsm ? [160, 153] : [70, 67];
  return n <= one ? 1 : Math.ceil(n / part);
}

function Sms({ me }) {
  const [lines] = usePoll('/api/lines', 0);
  const [sent, sentError, reloadSent] = usePoll('/api/sms/sent', 3000);
  const [received, receivedError] = usePoll('/api/sms', 5000);
  const [form, setForm] = useState({ number: '', text: '', line: '' });
  const [errors, setErrors] = useState(null);
  const [queued, setQueued] = useState(null);
  const [ussd, setUssd] = useState({ line: '', code: '*100#' });
  const [ussdErrors, setUssdErrors] = useState(null);
  const [answer, setAnswer] = useState(null);
  const [asking, setAsking] = useState(false);
  const up = (lines || []).filter((l) => l.state === 'up');
  async function send(ev) {
    ev.preventDefault();
    try {
      const body = { number: form.number, text: form.text };
      if (form.line) body.line = form.line;
      const m = await api('POST', '/api/sms', body);
      setQueued(m); setErrors(null); setForm({ ...form, text: '' }); reloadSent();
    } catch (e) { setErrors(refusal(e)); setQueued(null); }
  }
  async function ask(ev) {
    ev.preventDefault();
    setAsking(true); setAnswer(null);
    try { setAnswer(await api('POST', '/api/ussd', { line: ussd.line || (up[0] && up[0].id) || '', code: ussd.code })); setUssdErrors(null); }
    catch (e) { setUssdErrors(refusal(e)); }
    finally { setAsking(false); }
  }
  const lineSelect = (name, value, onChange, any) => html`<label class="field"><span>${t('sms.line')}</span>
    <select name=${name} value=${value} onChange=${(e) => onChange(e.target.value)}>
      ${any && html`<option value="">${t('sms.anyLine')}</option>`}
      ${(lines || []).map((l) => html`<option value=${l.id} disabled=${l.state !== 'up'}>${l.id}${l.state !== 'up' ? ' (' + l.state + ')' : ''}</option>`)}
    </select></label>`;
  return html`<div class="grid">
    <section class="card" id="sms-send"><h2>${t('sms.send')}</h2>
      <form onSubmit=${send}>
        <${Field} name="number" label=${t('sms.number')} value=${form.number} onInput=${(v) => setForm({ ...form, number: v })} errors=${errors} />
        <label class="field"><span>${t('sms.text')}</span>
          <textarea name="text" rows="4" value=${form.text} aria-invalid=${errors && errors.field === 'text' ? 'true' : 'false'}
            onInput=${(e) => setForm({ ...form, text: e.target.value })}></textarea>
          ${errors && errors.field === 'text' && html`<span class="error" data-field="text" title=${errors.detail || ''}>${errors.message}</span>`}
          ${form.text && html`<span class="muted" id="sms-plan">${t('sms.plan', { chars: [...form.text].length, parts: smsParts(form.text) })}</span>`}
        </label>
        ${lineSelect('line', form.line, (v) => setForm({ ...form, line: v }), true)}
        <${FormError} errors=${errors} fields=${['number', 'text']} />
        <button type="submit">${t('sms.submit')}</button>
        ${queued && html`<span class="ok" id="sms-queued">${t('sms.queued')}</span>`}
      </form>
    </section>
    <section class="card" id="ussd"><h2>${t('ussd.title')}</h2>
      <form class="inline" onSubmit=${ask}>
        ${lineSelect('ussd-line', ussd.line || (up[0] && up[0].id) || '', (v) => setUssd({ ...ussd, line: v }), false)}
        <${Field} name="code" label=${t('ussd.code')} value=${ussd.code} onInput=${(v) => setUssd({ ...ussd, code: v })} errors=${ussdErrors} />
        <button type="submit" disabled=${asking}>${t('ussd.ask')}</button>
      </form>
      <${FormError} errors=${ussdErrors} fields=${['code']} />
      ${asking && html`<p class="muted">${t('ussd.asking')}</p>`}
      ${answer && html`<p id="ussd-answer" class="ok">${answer.text}</p>`}
      ${answer && answer.more && html`<p class="muted">${t('ussd.more')}</p>`}
    </section>
    <section class="card wide" id="sms-sent"><h2>${t('sms.sent')}</h2>
      ${sentError && html`<p class="error">${sentError}</p>`}
      ${sent && sent.messages.length === 0 && html`<p class="muted">${t('sms.none')}</p>`}
      <table><tbody>${(sent ? sent.messages : []).map((m) => html`<tr data-id=${m.id} data-state=${m.state}>
        <td class="number">${m.number}</td><td>${m.text}</td><td>${m.lineId}</td><td>${m.parts}</td>
        <td class=${'state-' + m.state}>${t('smsstate.' + m.state)}</td><td class="muted">${m.detail}</td><td class="muted">${m.createdAt}</td></tr>`)}
      </tbody></table>
    </section>
    <section class="card wide" id="sms-received"><h2>${t('sms.received')}</h2>
      ${receivedError && html`<p class="error">${receivedError}</p>`}
      ${received && received.length === 0 && html`<p class="muted">${t('sms.none')}</p>`}
      <table><tbody>${(received || []).map((m) => html`<tr>
        <td class="number">${m.sender}</td><td>${m.text}${m.complete === false ? ' ' + t('sms.incomplete') : ''}</td>
        <td>${m.line}</td><td class="muted">${m.sentAt}</td></tr>`)}
      </tbody></table>
    </section>
  </div>`;
}

const PAGES = [
  { id: 'dashboard', roles: ['installer', 'admin', 'supervisor', 'agent'], view: Dashboard },
  { id: 'calls', roles: ['installer', 'admin', 'supervisor', 'agent'], view: Calls },
  { id: 'figures', roles: ['installer', 'admin', 'supervisor', 'agent'], view: Figures },
  { id: 'dialing', roles: ['installer', 'admin', 'supervisor', 'agent'], view: Dialing },
  { id: 'sims', roles: ['installer', 'admin', 'supervisor'], view: Sims },
  { id: 'guard', roles: ['installer', 'admin', 'supervisor'], view: Guard },
  { id: 'switchboard', roles: ['installer', 'admin', 'supervisor'], view: Switchboard },
  { id: 'prompts', roles: ['installer', 'admin', 'supervisor', 'agent'], view: Prompts },
  { id: 'sms', roles: ['installer', 'admin'], view: Sms },
  { id: 'sync', roles: ['installer', 'admin'], view: Sync },
  { id: 'users', roles: ['installer', 'admin'], view: Users },
  { id: 'audit', roles: ['installer', 'admin'], view: Audit },
  { id: 'system', roles: ['installer', 'admin'], view: System },
];

function currentPage() {
  return (location.hash || '#dashboard').slice(1);
}

function App() {
  const [me, setMe] = useState(undefined);
  const [page, setPage] = useState(currentPage());
  const [, setLang] = useState(language());
  const signedIn = useCallback((s) => { setCsrf(s.csrf); setMe(s); }, []);
  useEffect(() => {
    api('GET', '/api/session').then(signedIn).catch(() => setMe(null));
    const onHash = () => setPage(currentPage());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => { document.title = t('app.title'); });
  const switchLanguage = () => { setLanguage(language() === 'zh-CN' ? 'en' : 'zh-CN'); setLang(language()); };
  const header = html`<header>
    <strong>${t('app.title')}</strong>
    ${me && !me.mustChangePassword && html`<nav>${PAGES.filter((p) => p.roles.includes(me.role)).map((p) =>
      html`<a href=${'#' + p.id} id=${'nav-' + p.id} class=${p.id === page ? 'active' : ''}>${t('nav.' + p.id)}</a>`)}</nav>`}
    <span class="spacer"></span>
    ${me && html`<span class="who">${me.name} · ${t('role.' + me.role)}</span>`}
    <button class="small" id="lang" onClick=${switchLanguage}>${t('lang.switch')}</button>
    ${me && html`<button class="small" id="logout" onClick=${() => api('DELETE', '/api/session').finally(() => setMe(null))}>${t('nav.logout')}</button>`}
  </header>`;
  if (me === undefined) return header;
  if (me === null) return html`${header}<main><${Login} onIn=${signedIn} /></main>`;
  if (me.mustChangePassword) return html`${header}<main><${ChangePassword} onDone=${signedIn} /></main>`;
  const found = PAGES.find((p) => p.id === page && p.roles.includes(me.role)) || PAGES[0];
  return html`${header}<main id=${'page-' + found.id}><${found.view} me=${me} /></main>`;
}

setLanguage(language());
render(html`<${App} />`, document.getElementById('app'));
