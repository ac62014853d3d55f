package io.branchline.box.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.branchline.box.web.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** Asks the running box over its API; used by the CLI commands that show state. */
final class BoxClient {
    /** The box did not answer at that address. */
    static class Unreachable extends RuntimeException {
        Unreachable(String message) {
            super(message);
        }
    }

    /** The box answered, but takes none of the tokens the CLI has. */
    static final class Refused extends Unreachable {
        Refused(String message) {
            super(message);
        }
    }

    /** A token to authenticate with and where it was found; a null secret: looked there, found none. */
    record Token(String secret, String source) {
    }

    private final String base;
    private final List<Token> tokens;
    private int current;

    BoxClient(String host, int port, List<Token> tokens) {
        this.base = "http://" + host + ":" + port;
        this.tokens = List.copyOf(tokens);
        this.current = 0;
        skipEmpty();
    }

    private void skipEmpty() {
        while (current < tokens.size() && tokens.get(current).secret() == null) {
            current++;
        }
    }

    String base() {
        return base;
    }

    /** {@code s} as a query value. */
    static String query(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** {@code s} as one path segment (a space is %20 there, not +). */
    static String segment(String s) {
        return query(s).replace("+", "%20");
    }

    String getText(String path) {
        Reply r = exchange(new Request("GET", path, null, null, Duration.ofSeconds(5)));
        if (r.status() != 200) {
            throw new Unreachable("the box at " + base + " answered " + r.status() + " to " + path + ": " + r.error());
        }
        return r.body();
    }

    /** One request to the box (a GET of {@link #getText} has neither content type nor body). */
    private record Request(String method, String path, String contentType, byte[] body, Duration timeout) {
    }

    /**
     * Sends the request with the first token the box takes: on 401 the next one is tried, and when none is
     * left the answer says where the CLI looked.
     *
     * <p>Through {@link HttpURLConnection}, not java.net.http: the CLI asks the box on this machine once per
     * command, and java.net.http's client sets up TLS, a selector thread and an executor before its first
     * request, about a third of a command's time (measured by scripts/bench-footprint.sh).
     */
    private Reply exchange(Request request) {
        try {
            while (true) {
                HttpURLConnection c = (HttpURLConnection) URI.create(base + request.path()).toURL().openConnection();
                c.setConnectTimeout(2_000);
                c.setReadTimeout((int) request.timeout().toMillis());
                c.setInstanceFollowRedirects(false);
                c.setUseCaches(false);
                c.setRequestMethod(request.method());
                if (current < tokens.size()) {
                    c.setRequestProperty("Authorization", "Bearer " + tokens.get(current).secret());
                }
                if (request.contentType() != null) {
                    c.setRequestProperty("Content-Type", request.contentType());
                }
                // POST and PUT always carry a length (0 when empty), as the box's API expects of a write.
                if (request.body() != null && (request.body().length > 0 || request.method().equals("POST")
                        || request.method().equals("PUT"))) {
                    c.setDoOutput(true);
                    c.setFixedLengthStreamingMode(request.body().length);
                    try (OutputStream out = c.getOutputStream()) {
                        out.write(request.body());
                    }
                }
                int status = c.getResponseCode();
                String body;
                try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                    body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                if (status != 401) {
                    return new Reply(status, body);
                }
                if (current < tokens.size()) {
                    current++;
                    skipEmpty();
                    if (current < tokens.size()) {
                        continue;
                    }
                }
                throw new Refused("the box at " + base + " wants a token, and none the CLI found works (looked at "
                        + String.join(", ", tokens.stream().map(Token::source).toList()) + "). On the box, run as root"
                        + " or the box's user, give --data-dir DIR of the running box, or set " + BoxAddress.TOKEN_ENV
                        + " to an API token");
            }
        } catch (java.net.SocketTimeoutException e) {
            throw new Unreachable("the box at " + base + " did not answer " + request.method() + " " + request.path()
                    + " within " + request.timeout().toSeconds() + " s");
        } catch (IOException e) {
            throw new Unreachable("the box is not running at " + base + " (start it with: branchline run)");
        }
    }

    /** An answer of the box, whatever its status. */
    record Reply(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The "error" of an error body after the field it names ("state: must be one of ..."), else the body. */
        String error() {
            try {
                var n = Json.MAPPER.readTree(body);
                if (!n.has("error")) {
                    return TerminalText.safe(body);
                }
                String field = n.path("field").asText("");
                String error = n.get("error").asText();
                return TerminalText.safe(field.isEmpty() || error.startsWith(field) ? error : field + ": " + error);
            } catch (IOException e) {
                return TerminalText.safe(body);
            }
        }
    }

    Reply send(String method, String path, String jsonBody) {
        return exchange(new Request(method, path, "application/json",
                jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(30)));
    }

    /** Uploads a file's bytes (a prompt); decoding it can take the box a few seconds. */
    Reply upload(String path, byte[] file) {
        return exchange(new Request("POST", path, "application/octet-stream", file, Duration.ofSeconds(30)));
    }

    <T> T get(String path, TypeReference<T> type) {
        try {
            return Json.MAPPER.readValue(getText(path), type);
        } catch (IOException e) {
            throw new Unreachable("the box at " + base + " sent an answer this CLI cannot read: " + e.getMessage());
        }
    }
}
