package io.branchline.box;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.branchline.box.call.CallView;
import io.branchline.box.web.Json;
import io.branchline.hw.audio.WavFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

/** A running box's HTTP API as the tests use it: requests, calls placed and awaited, recordings fetched. */
public final class BoxApi {
    private final Box box;
    private final HttpClient http = HttpClient.newHttpClient();

    public BoxApi(Box box) {
        this.box = box;
    }

    /** A request to the box as its CLI makes it: with the box's local token. */
    public static HttpRequest.Builder request(Box box, String path) {
        return request(box.port(), box.localToken(), path);
    }

    /** A request to a box on {@code port} with {@code token} (a box in another process: its cli-token file). */
    public static HttpRequest.Builder request(int port, String token, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token);
    }

    /** The token a box in another process wrote into its data folder. */
    public static String tokenIn(Path dataDir) throws java.io.IOException {
        return Files.readString(dataDir.resolve(io.branchline.box.access.LocalToken.FILE)).strip();
    }

    private HttpRequest.Builder request(String path) {
        return request(box, path);
    }

    public HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = request(path).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET of bytes, with a Range header unless {@code range} is null. */
    public HttpResponse<byte[]> bytes(String path, String range) throws Exception {
        HttpRequest.Builder b = request(path);
        if (range != null) {
            b.header("Range", range);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<String> upload(String path, byte[] body) throws Exception {
        return http.send(request(path).header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Places a call ({@code mode} may be null) and returns it as the box answered (201). */
    public CallView call(String agent, String number, String mode) throws Exception {
        HttpResponse<String> r = send("POST", "/api/calls", "{\"agent\":\"" + agent + "\",\"number\":\"" + number + "\""
                + (mode == null ? "" : ",\"mode\":\"" + mode + "\"") + "}");
        assertEquals(201, r.statusCode(), r.body());
        return Json.MAPPER.readValue(r.body(), CallView.class);
    }

    public CallView get(String id) throws Exception {
        return Json.MAPPER.readValue(send("GET", "/api/calls/" + id, null).body(), CallView.class);
    }

    /** Polls the call until {@code cond} holds, for up to 20 s. */
    public CallView await(String id, Predicate<CallView> cond) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        CallView v = null;
        while (System.currentTimeMillis() < deadline) {
            v = get(id);
            if (cond.test(v)) {
                return v;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("call never got there; last: " + v);
    }

    /** Downloads a call's recording into {@code dir} and reads it. */
    public WavFile.Contents recording(String id, Path dir) throws Exception {
        HttpResponse<byte[]> r = bytes("/api/calls/" + id + "/recording", null);
        assertEquals(200, r.statusCode());
        Path f = dir.resolve(id + ".wav");
        Files.write(f, r.body());
        return WavFile.read(f);
    }
}
