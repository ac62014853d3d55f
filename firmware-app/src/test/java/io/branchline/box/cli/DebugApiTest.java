package io.branchline.box.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.box.Box;
import io.branchline.box.SimulatedBox;
import io.branchline.box.config.BoxConfig;
import io.branchline.hw.modem.LineState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raw AT only behind the debug switch, and the wire log an installer downloads. */
class DebugApiTest {
    @TempDir
    Path dataDir;

    final HttpClient http = HttpClient.newHttpClient();

    private Box start(boolean rawAt) throws InterruptedException {
        return SimulatedBox.start(BoxConfig.empty(), dataDir, rawAt);
    }

    private HttpResponse<String> post(Box box, String path, String body) throws Exception {
        return http.send(io.branchline.box.BoxApi.request(box, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void rawAtIsRefusedWithoutTheDebugSwitch() throws Exception {
        try (Box box = start(false)) {
            HttpResponse<String> r = post(box, "/api/lines/sim-1/at", "{\"command\":\"AT+CSQ\"}");
            assertEquals(403, r.statusCode());
            assertTrue(r.body().contains("\"field\":\"command\""), r.body());
        }
    }

    @Test
    void withTheSwitchOneCheckedLineGoesToTheModemAndShowsInTheWireLog() throws Exception {
        try (Box box = start(true)) {
            HttpResponse<String> ok = post(box, "/api/lines/sim-1/at", "{\"command\":\"AT+CGMR\"}");
            assertEquals(200, ok.statusCode(), ok.body());
            assertTrue(ok.body().contains("EC25EFAR06A06M4G") && ok.body().contains("\"result\":\"OK\""), ok.body());
            HttpResponse<String> injected = post(box, "/api/lines/sim-1/at", "{\"command\":\"AT+CSQ\\rATD1;\"}");
            assertEquals(400, injected.statusCode());
            assertTrue(injected.body().contains("\"field\":\"command\""), injected.body());
            HttpResponse<String> wire = http.send(io.branchline.box.BoxApi.request(box,
                    "/api/lines/sim-1/wire").build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(wire.body().contains(" out \"AT+CGMR\\r\""), wire.body());
            assertTrue(wire.body().contains(" in \""), wire.body());
            assertTrue(!wire.body().contains("ATD1;"), "the refused command never reached the wire");
        }
    }
}
