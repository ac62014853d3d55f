package io.branchline.box.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.branchline.box.web.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks the running box over its API; used by the CLI commands that show state. */
final class BoxClient {
    /** The box did not answer at that address. */
    static final class Unreachable extends RuntimeException {
        Unreachable(String message) {
            super(message);
        }
    }

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    BoxClient(String host, int port) {
        this.base = "http://" + host + ":" + port;
    }

    String base() {
        return base;
    }

    String getText(String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new Unreachable("the box at " + base + " answered " + r.statusCode() + " to " + path);
            }
            return r.body();
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

        /** The "error" of an error body, else the body. */
        String error() {
            try {
                var n = Json.MAPPER.readTree(body);
                return TerminalText.safe(n.has("error") ? n.get("error").asText() : body);
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
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", contentType);
            b.method(method, body);
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new Unreachable("the box is not running at " + base + " (start it with: branchline run)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted");
        }
    }

    <T> T get(String path, TypeReference<T> type) {
        try {
            return Json.MAPPER.readValue(getText(path), type);
        } catch (IOException e) {
            throw new Unreachable("the box at " + base + " sent an answer this CLI cannot read: " + e.getMessage());
        }
    }
}
