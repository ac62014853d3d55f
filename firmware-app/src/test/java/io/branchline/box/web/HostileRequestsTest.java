package io.branchline.box.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.box.Box;
import io.branchline.box.RunningBox;
import io.branchline.box.SimulatedBox;
import io.branchline.box.call.CallView;
import io.branchline.box.config.BoxConfig;
import io.branchline.box.store.StoreException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a hostile tester sends the API: every bad request gets a 4xx in the JSON error shape, bodies are
 * capped while they arrive, and the box stays up to answer the next request.
 */
class HostileRequestsTest {
    @RegisterExtension
    static final RunningBox running = RunningBox.inMemory();

    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> send(String method, String path, HttpRequest.BodyPublisher body, String contentType)
            throws Exception {
        return http.send(io.branchline.box.BoxApi.request(running.box(), path)
                .header("Content-Type", contentType).method(method, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A body of {@code bytes} bytes sent chunked (no Content-Length), as a client that streams would. */
    static HttpRequest.BodyPublisher chunked(long bytes, byte fill) {
        Supplier<InputStream> s = () -> new InputStream() {
            long left = bytes;

            @Override
            public int read() {
                return left-- > 0 ? fill : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, fill);
                left -= n;
                return n;
            }
        };
        return HttpRequest.BodyPublishers.ofInputStream(s);
    }

    static void assertJsonError(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(Json.MAPPER.readTree(r.body()).hasNonNull("error"), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    }

    @Test
    void emptyBodiesAreA400NotA500() throws Exception {
        for (String path : new String[] {"/api/calls", "/api/guard/blacklist", "/api/guard/approvals",
                "/api/lines/sim-1/at"}) {
            HttpResponse<String> r = send("POST", path, HttpRequest.BodyPublishers.noBody(), "application/json");
            assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, path + " -> " + r.statusCode() + " " + r.body());
            assertTrue(Json.MAPPER.readTree(r.body()).hasNonNull("error"), path + " -> " + r.body());
        }
        assertJsonError(send("PUT", "/api/guard/settings", HttpRequest.BodyPublishers.noBody(), "application/json"), 400);
    }

    @Test
    void aChunkedUploadOverTheLimitIs413AndTheBoxStaysUp() throws Exception {
        HttpResponse<String> r = send("POST", "/api/prompts?name=big", chunked(40L << 20, (byte) 1), "audio/mpeg");
        assertJsonError(r, 413);
        HttpResponse<String> json = send("POST", "/api/guard/blacklist", chunked(3L << 20, (byte) '1'),
                "application/json");
        assertJsonError(json, 413);
        assertEquals(200, send("GET", "/api/health", HttpRequest.BodyPublishers.noBody(), "text/plain").statusCode());
    }

    @Test
    void unknownRoutesAndMethodsAnswerInJson() throws Exception {
        assertJsonError(send("GET", "/api/nothing-here", HttpRequest.BodyPublishers.noBody(), "text/plain"), 404);
        assertJsonError(send("DELETE", "/api/lines", HttpRequest.BodyPublishers.noBody(), "text/plain"), 404);
        assertJsonError(send("GET", "/nothing-here", HttpRequest.BodyPublishers.noBody(), "text/plain"), 404);
        assertJsonError(send("GET", "/ui/not-this-version/app.mjs", HttpRequest.BodyPublishers.noBody(), "text/plain"),
                404);
        var page = send("GET", "/", HttpRequest.BodyPublishers.noBody(), "text/plain");
        assertEquals(200, page.statusCode(), "/ is the admin page");
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
    }

    @Test
    void datesFarOutOfRangeAre400() throws Exception {
        var none = HttpRequest.BodyPublishers.noBody();
        assertJsonError(send("GET", "/api/calls?from=%2B1000000000-01-01T00:00:00Z", none, "text/plain"), 400);
        assertJsonError(send("GET", "/api/calls?from=999999999-12-31", none, "text/plain"), 400);
        assertJsonError(send("GET", "/api/calls/figures?date=%2B999999999-12-31", none, "text/plain"), 400);
        assertJsonError(send("GET", "/api/calls?page=99999999999999999999", none, "text/plain"), 400);
    }

    @Test
    void aRangePast2To63IsUnsatisfiableNotAnError() throws Exception {
        CallView v = running.api().call("1001", "13900000006", null);
        running.api().await(v.id(), c -> c.state().equals("active"));
        Thread.sleep(1200);
        running.api().send("DELETE", "/api/calls/" + v.id(), null);
        SimulatedBox.await("recorded", () -> running.box().calls().records().find(v.id())
                .map(CallView::hasRecording).orElse(false));
        var r = running.api().bytes("/api/calls/" + v.id() + "/recording", "bytes=99999999999999999999-");
        assertEquals(416, r.statusCode());
        var r2 = running.api().bytes("/api/calls/" + v.id() + "/recording", "bytes=0-99999999999999999999");
        assertEquals(206, r2.statusCode());
    }

    @Test
    void aSecondBoxOnTheSameDataFolderIsRefusedNamingTheHolder() {
        StoreException e = assertThrows(StoreException.class, () -> SimulatedBox.start(BoxConfig.empty(),
                running.dataDir(), false));
        assertTrue(e.getMessage().contains("another box is using the data folder"), e.getMessage());
        assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
    }

    @Test
    void aSecondBoxOnABusyPortSaysSoAndLeavesNothingRunning() throws Exception {
        java.nio.file.Path other = java.nio.file.Files.createTempDirectory("branchline-port-");
        ApiServer.ListenException e = assertThrows(ApiServer.ListenException.class, () -> Box.start(new Box.Options(
                BoxConfig.empty(), other, "127.0.0.1", running.box().port(), true, false)));
        assertTrue(e.getMessage().contains("cannot listen on 127.0.0.1:" + running.box().port()), e.getMessage());
        // the data folder was let go: a box can start there now
        try (Box again = SimulatedBox.start(BoxConfig.empty(), other, false)) {
            assertTrue(again.port() > 0);
        }
    }
}
