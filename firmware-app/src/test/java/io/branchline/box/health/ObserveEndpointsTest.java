package io.branchline.box.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.RunningBox;
import io.branchline.box.SimulatedBox;
import io.branchline.box.call.CallView;
import io.branchline.box.web.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /health and /metrics of a simulated box: on their own loopback socket, with the box's checks and figures. */
class ObserveEndpointsTest {
    @RegisterExtension
    static final RunningBox running = RunningBox.inMemory();

    private static HttpResponse<String> get(int port, String path, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (accept != null) {
            b.header("Accept", accept);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthListsTheBoxsOwnChecksWithTheirReasons() throws Exception {
        SimulatedBox.await("lines probed", () -> running.box().awaitLinesProbed(java.time.Duration.ofSeconds(1)));
        int port = running.box().observePort();
        HttpResponse<String> all = get(port, "/health", null);
        assertEquals(200, all.statusCode(), all.body());
        JsonNode body = Json.MAPPER.readTree(all.body());
        assertEquals("UP", body.get("status").asText());
        List<String> names = new ArrayList<>();
        body.get("checks").forEach(c -> names.add(c.get("name").asText()));
        assertTrue(names.containsAll(List.of("database", "media-clock", "line-loops", "lines", "sync", "disk")), names.toString());
        JsonNode lines = find(body, "lines");
        assertTrue(lines.get("data").get("reason").asText().matches("\\d+ of \\d+ up"), lines.toString());
        HttpResponse<String> live = get(port, "/health/live", null);
        assertEquals(200, live.statusCode());
        assertTrue(!live.body().contains("\"sync\""), "readiness checks stay out of liveness: " + live.body());
        HttpResponse<String> ready = get(port, "/health/ready", null);
        assertEquals(200, ready.statusCode());
        assertTrue(ready.body().contains("\"sync\""), ready.body());
    }

    @Test
    void metricsCountCallsByResultAndShowEachLine() throws Exception {
        SimulatedBox.await("sim-1 up", () -> running.box().lines().line("sim-1").orElseThrow().snapshot().status().state()
                == io.branchline.hw.modem.LineState.UP);
        int port = running.box().observePort();
        double before = value(get(port, "/metrics", null).body(), "branchline_calls_total\\{result=\"busy\"");
        CallView v = running.api().call("1002", "13900000002", null); // the network answers busy
        running.api().await(v.id(), c -> c.state().equals("ended") && c.endCause() != null);
        Thread.sleep(5_200); // what costs a query is read at most every 5 s
        HttpResponse<String> metrics = get(port, "/metrics", null);
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        String text = metrics.body();
        assertEquals(before + 1, value(text, "branchline_calls_total\\{result=\"busy\""), 0.001);
        assertEquals(1.0, value(text, "branchline_line_up\\{line=\"sim-1\""), 0.001);
        assertTrue(text.contains("branchline_outbox_backlog"), "the simulated CRM syncs");
        assertTrue(text.contains("branchline_sim_health_score{iccid=\"89860012345678900011\""), "each SIM's health");
        assertTrue(text.contains("memory_usedHeap_bytes"), "the JVM's own meters");
    }

    @Test
    void theApiPortDoesNotServeThemAndTheObservePortListensOnLoopbackOnly() throws Exception {
        for (String path : new String[] {"/metrics", "/health", "/observe/metrics", "/observe/health"}) {
            int status = get(running.box().port(), path, null).statusCode();
            assertTrue(status == 401 || status == 404, path + " on the API port: " + status);
            assertTrue(!get(running.box().port(), path, null).body().contains("branchline_"), path);
        }
        try (java.net.Socket s = new java.net.Socket()) {
            java.net.InetAddress lan = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                    .flatMap(i -> java.util.Collections.list(i.getInetAddresses()).stream())
                    .filter(a -> a instanceof java.net.Inet4Address && !a.isLoopbackAddress()).findFirst().orElse(null);
            if (lan != null) {
                boolean refused = false;
                try {
                    s.connect(new java.net.InetSocketAddress(lan, running.box().observePort()), 1000);
                } catch (java.io.IOException e) {
                    refused = true;
                }
                assertTrue(refused, "no answer on " + lan);
            }
        }
    }

    private static JsonNode find(JsonNode body, String name) {
        for (JsonNode c : body.get("checks")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError(name + " missing in " + body);
    }

    private static double value(String text, String prefix) {
        Matcher m = Pattern.compile("(?m)^" + prefix + "[^}]*} ([0-9.E+-]+)$").matcher(text);
        if (!m.find()) {
            throw new AssertionError(prefix + " not in\n" + text);
        }
        return Double.parseDouble(m.group(1));
    }
}
