package io.branchline.box.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.box.BoxApi;
import io.branchline.box.BoxProcess;
import io.branchline.box.cli.ExitCode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The system page's restart, on a box as systemd runs it: the answer first, then the process ends with the
 * restart code, which the unit's Restart=on-failure starts again; in simulate mode it is refused.
 */
class RestartTest {
    @TempDir
    Path dir;

    @Test
    void anInstallersRestartEndsTheProcessWithTheCodeSystemdRestarts() throws Exception {
        Path config = dir.resolve("branchline.yaml");
        Files.writeString(config, "box:\n  id: restarting\n");
        int port = BoxProcess.freePort();
        Process box = BoxProcess.main(dir, "run", "--config", config.toString(), "--data-dir", dir.toString(), "--port",
                String.valueOf(port));
        try {
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.currentTimeMillis() + 30_000;
            HttpResponse<String> r = null;
            while (System.currentTimeMillis() < deadline) {
                try {
                    r = http.send(BoxApi.request(port, BoxApi.tokenIn(dir), "/api/system/restart")
                            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                    break;
                } catch (java.io.IOException notUpYet) {
                    Thread.sleep(100);
                }
            }
            assertEquals(202, r.statusCode(), r.body());
            assertTrue(box.waitFor(20, TimeUnit.SECONDS), "the box ends");
            assertEquals(ExitCode.RESTART, box.exitValue());
        } finally {
            BoxProcess.kill(box);
        }
    }
}
