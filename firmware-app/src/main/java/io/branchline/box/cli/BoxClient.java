package io.branchline.box.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.branchline.box.web.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
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
        Reply r = exchange(() -> HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5)).GET());
        if (r.status() != 200) {
            throw new Unreachable("the box at " + base + " answered " + r.status() + " to " + path + ": " + r.error());
        }
        return r.body();
    }

    /**
     * Sends the request with the first token the box takes: on 401 the next one is tried, and when none is
     * left the answer says where the CLI looked.
     */
    private Reply exchange(java.util.function.Supplier<HttpRequest.Builder> request) {
        try {
            while (true) {
                HttpRequest.Builder b = request.get();
                if (current < tokens.size()) {
                    b.header("Authorization", "Bearer " + tokens.get(current).secret());
                }
                HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 401) {
                    return new Reply(r.statusCode(), r.body());
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
        } catch (IOException e) {
            throw new Unreachable("the box is not running at " + base + " (start it with: branchline run)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted");
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
        return send(method, path, "application/json", jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(jsonBody));
    }

    /** Uploads a file's bytes (a prompt); decoding it can take the box a few seconds. */
    Reply upload(String path, byte[] file) {
        return send("POST", path, "application/octet-stream", HttpRequest.BodyPublishers.ofByteArray(file));
    }

    private Reply send(String method, String path, String contentType, HttpRequest.BodyPublisher body) {
        return exchange(() -> HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).method(method, body));
    }

    <T> T get(String path, TypeReference<T> type) {
        try {
            return Json.MAPPER.readValue(getText(path), type);
        } catch (IOException e) {
            throw new Unreachable("the box at " + base + " sent an answer this CLI cannot read: " + e.getMessage());
        }
    }
}
