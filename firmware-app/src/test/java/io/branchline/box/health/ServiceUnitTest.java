package io.branchline.box.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.box.BoxProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The systemd unit the package installs, and the box as systemd sees it: Type=notify with READY=1 once HTTP
 * answers, watchdog pings, STOPPING=1 on SIGTERM, and a hardened unit whose exposure systemd-analyze scores at
 * 3.0 or less.
 */
class ServiceUnitTest {
    static final Path UNIT = Path.of("..", "systemd", "branchline.service");

    @TempDir
    Path dir;

    @Test
    void theUnitIsANotifyServiceWithAWatchdogAndNoSettingThatBreaksTheJit() throws Exception {
        String unit = Files.readString(UNIT);
        for (String line : new String[] {"Type=notify", "NotifyAccess=main", "WatchdogSec=30", "Restart=on-failure",
                "User=branchline", "SupplementaryGroups=dialout audio gpio", "DevicePolicy=closed",
                "ExecStart=/opt/branchline/bin/branchline run --config /etc/branchline/branchline.yaml --data-dir"
                        + " /var/lib/branchline"}) {
            assertTrue(unit.lines().anyMatch(line::equals), "the unit says " + line);
        }
        assertFalse(unit.lines().anyMatch(l -> l.startsWith("MemoryDenyWriteExecute")), "the JIT writes code");
    }

    @Test
    void systemdAnalyzeScoresTheUnitsExposureAtThreeOrLess() throws Exception {
        Process p = new ProcessBuilder("systemd-analyze", "security", "--offline=true", "--no-pager",
                UNIT.toAbsolutePath().normalize().toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        Matcher m = Pattern.compile("Overall exposure level for branchline.service: ([0-9.]+)").matcher(out);
        assertTrue(m.find(), out);
        double exposure = Double.parseDouble(m.group(1));
        System.out.println("systemd-analyze security exposure: " + exposure);
        assertTrue(exposure <= 3.0, "exposure " + exposure + "\n" + out);
    }

    @Test
    void theBoxTellsSystemdItIsReadyOnceItAnswersThenPingsAndSaysWhenItStops() throws Exception {
        Path socket = dir.resolve("notify");
        NotifyListener heard = NotifyListener.at(socket);
        Process box = null;
        try {
            int port = BoxProcess.freePort();
            box = BoxProcess.main(dir, Map.of("NOTIFY_SOCKET", socket.toString(), "WATCHDOG_USEC", "1500000"),
                    "run", "--simulate", "--data-dir", dir.resolve("data").toString(), "--port", Integer.toString(port));
            String ready = heard.await("READY=1", 60);
            assertTrue(ready.contains("READY=1\nSTATUS="), ready);
            assertTrue(Pattern.compile("STATUS=\\d+ of \\d+ lines up, 0 calls, CRM backlog \\d+").matcher(ready).find(),
                    ready);
            // Ready means answering: the API is up by the time systemd hears it.
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            String pinged = heard.await("WATCHDOG=1", 10);
            assertTrue(pinged.contains("WATCHDOG=1\nSTATUS="), pinged);
            box.destroy(); // SIGTERM, as systemctl stop
            assertTrue(box.waitFor(30, TimeUnit.SECONDS));
            String stopping = heard.await("STOPPING=1", 5);
            assertTrue(stopping.contains("STOPPING=1"), stopping);
        } finally {
            if (box != null) {
                box.destroyForcibly();
            }
            heard.close();
        }
    }

    /**
     * The launcher's warm-up (scripts/branchline warm-up, run by the package after installing): the box starts,
     * tells systemd it is ready, and stops by itself with a clean exit, so that the JVM writes its class archive.
     */
    @Test
    void theWarmUpStartsTheBoxUntilReadyAndStopsByItself() throws Exception {
        Path socket = dir.resolve("notify-warm-up");
        NotifyListener heard = NotifyListener.at(socket);
        Process box = null;
        try {
            Files.writeString(dir.resolve("warm-up.yaml"), "http:\n  observe-port: 0\n");
            box = BoxProcess.main(dir, Map.of("NOTIFY_SOCKET", socket.toString()), "run", "--simulate",
                    "--exit-when-ready", "--port", "0", "--data-dir", dir.resolve("warm-up").toString(),
                    "--config", dir.resolve("warm-up.yaml").toString());
            assertTrue(box.waitFor(90, TimeUnit.SECONDS), "the warm-up did not stop by itself");
            assertEquals(0, box.exitValue());
            assertTrue(heard.await("READY=1", 1).contains("READY=1"), "it stopped before it was ready");
            assertTrue(Files.exists(dir.resolve("warm-up").resolve("branchline.db")), "the schema was not migrated");
        } finally {
            if (box != null) {
                box.destroyForcibly();
            }
            heard.close();
        }
    }
}
