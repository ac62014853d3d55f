package io.branchline.box.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.BoxApi;
import io.branchline.box.Browser;
import io.branchline.box.RunningBox;
import io.branchline.box.SimulatedBox;
import io.branchline.box.call.CallView;
import io.branchline.box.cli.CliRun;
import io.branchline.box.web.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * 隐号 (004 8.7): a viewer set so sees every customer number as 150****4763, on every route that answers
 * with JSON. The routes are the box's own table ({@link RouteRules}): a new GET route is fetched here as soon
 * as it exists, and one with a path parameter this test has no sample for fails it.
 */
class MaskedNumbersTest {
    @RegisterExtension
    static final RunningBox running = RunningBox.inMemory();

    @TempDir
    static Path dir;

    /** Customer numbers the box is given below, none of which a masked viewer may see whole. */
    static final List<String> CUSTOMERS = List.of("13912345675", "13912345679", "13912345678", "13912345670");

    static String callId;
    static String taskId;
    static String smsId;
    static String maskedToken;
    static Browser agent;

    @BeforeAll
    static void aDayAtTheOffice() throws Exception {
        BoxApi installer = running.api();
        CallView call = installer.call("1001", "13912345675", null);
        installer.await(call.id(), v -> v.state().equals("active"));
        Thread.sleep(500);
        installer.send("DELETE", "/api/calls/" + call.id(), null);
        installer.await(call.id(), v -> v.hasRecording());
        callId = call.id();
        assertEquals(201, installer.send("POST", "/api/guard/blacklist", "{\"numbers\":[\"13912345679\"],\"reason\":"
                + "\"asked not to be called again\"}").statusCode());
        assertEquals(201, installer.send("POST", "/api/guard/risk", "{\"numbers\":[\"13912345670\"],\"reason\":"
                + "\"complained to 12315\"}").statusCode());
        assertEquals(200, installer.send("POST", "/api/simulate/sms/desk-1001?from=%2B8613912345678&text="
                + java.net.URLEncoder.encode("回电 13912345678", java.nio.charset.StandardCharsets.UTF_8), null)
                .statusCode());
        SimulatedBox.await("the text message kept", () -> {
            try {
                return installer.send("GET", "/api/sms", null).body().contains("回电");
            } catch (Exception e) {
                return false;
            }
        });
        HttpResponse<String> sms = installer.send("POST", "/api/sms", "{\"number\":\"13912345678\",\"text\":"
                + "\"回电 13912345678\"}");
        assertEquals(202, sms.statusCode(), sms.body());
        smsId = Json.MAPPER.readTree(sms.body()).path("id").asText();
        HttpResponse<String> task = installer.send("POST", "/api/group-tasks", "{\"name\":\"回访\",\"concurrency\":2,"
                + "\"agents\":[\"1001\"],\"numbers\":[{\"number\":\"13912345678\",\"name\":\"张三\"}]}");
        assertEquals(201, task.statusCode(), task.body());
        taskId = Json.MAPPER.readTree(task.body()).path("task").path("id").asText();
        assertEquals(200, installer.send("POST", "/api/lists/1002/numbers", "{\"numbers\":[\"13912345678\"]}")
                .statusCode());
        HttpResponse<String> token = installer.send("POST", "/api/tokens", "{\"name\":\"masked-installer\",\"role\":"
                + "\"installer\",\"masked\":true}");
        assertEquals(201, token.statusCode(), token.body());
        maskedToken = Json.MAPPER.readTree(token.body()).path("secret").asText();
        agent = Browser.newAccount(running.box(), "{\"name\":\"xiao-wang\",\"role\":\"agent\",\"agent\":\"1001\"}",
                "a long enough pass");
    }

    /** A concrete path for each route with parameters. */
    static Map<String, String> samples() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("/api/lines/{id}", "/api/lines/desk-1001");
        s.put("/api/lines/{id}/wire", "/api/lines/desk-1001/wire");
        s.put("/api/calls/{id}", "/api/calls/" + callId);
        s.put("/api/calls/{id}/recording", "/api/calls/" + callId + "/recording");
        s.put("/api/prompts/{id}/audio", "/api/prompts/none/audio");
        s.put("/api/live", "/api/live?once=true"); // a stream: its first event
        s.put("/ui/**", "/ui/none/app.mjs");
        s.put("/api/settings/lines/{line}", "/api/settings/lines/desk-1001");
        s.put("/api/switchboard/menus/{id}", "/api/switchboard/menus/main");
        s.put("/api/switchboard/queues/{id}", "/api/switchboard/queues/loans");
        s.put("/api/agents/{id}/states", "/api/agents/1001/states");
        s.put("/api/group-tasks/{id}", "/api/group-tasks/" + taskId);
        s.put("/api/lists/{agent}", "/api/lists/1002");
        s.put("/api/sms/sent/{id}", "/api/sms/sent/" + smsId);
        s.put("/api/group-tasks/{id}/numbers", "/api/group-tasks/" + taskId + "/numbers");
        return s;
    }

    HttpResponse<String> asMasked(String path) throws Exception {
        return HttpResponseOf.string(BoxApi.request(running.box().port(), maskedToken, path));
    }

    @Test
    void noRouteShowsAMaskedViewerACustomerNumberWhole() throws Exception {
        List<String> leaks = new ArrayList<>();
        int fetched = 0;
        for (RouteRules.Rule r : RouteRules.box().all()) {
            if (r.changes() || r.pattern().equals("/api/calls/{id}/recording")) {
                continue;
            }
            String path = samples().getOrDefault(r.pattern(), r.pattern().contains("{") ? null : r.pattern());
            assertTrue(path != null, "give " + r.pattern() + " a sample path in this test");
            for (String variant : List.of(path, path + (path.contains("?") ? "&" : "?") + "active=true")) {
                HttpResponse<String> res = asMasked(variant);
                fetched++;
                for (String n : CUSTOMERS) {
                    if (res.body().contains(n)) {
                        leaks.add(variant + " shows " + n + ": " + res.body());
                    }
                }
            }
        }
        assertTrue(leaks.isEmpty(), String.join("\n", leaks));
        assertTrue(fetched > 40, "fetched " + fetched);
        String calls = asMasked("/api/calls").body();
        assertTrue(calls.contains("139****5675"), "masked as the seed shows it: " + calls);
        String unmasked = running.api().send("GET", "/api/calls", null).body();
        assertTrue(unmasked.contains("13912345675"), "the installer's own token sees it whole: " + unmasked);
        assertTrue(asMasked("/api/sms").body().contains("回电 139****5678"), "inside text too");
        assertEquals(403, asMasked("/api/system/backup").statusCode(), "a database cannot be masked");
    }

    @Test
    void theMaskedAgentHearsTheRecordingAndCallsTheCustomerBackWithoutSeeingTheNumber() throws Exception {
        String mine = agent.send("GET", "/api/calls/" + callId, null).body();
        assertTrue(mine.contains("139****5675") && !mine.contains("13912345675"), mine);
        HttpResponse<byte[]> wav = agent.bytes("/api/calls/" + callId + "/recording");
        assertEquals(200, wav.statusCode());
        assertEquals("RIFF", new String(wav.body(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        HttpResponse<String> again = agent.send("POST", "/api/calls", "{\"agent\":\"1001\",\"redial\":\"" + callId + "\"}");
        assertEquals(201, again.statusCode(), again.body());
        assertFalse(again.body().contains("13912345675"), again.body());
        String id = Json.MAPPER.readTree(again.body()).path("id").asText();
        CallView placed = running.api().get(id);
        assertEquals("13912345675", placed.numberGiven(), "the box dialled the customer");
        String live = agent.send("GET", "/api/live?once=true", null).body();
        assertTrue(live.startsWith("event: state") && live.contains("139****5675") && !live.contains("13912345675"),
                "the live dashboard's events too: " + live);
        running.api().send("DELETE", "/api/calls/" + id, null);
        running.api().await(id, v -> v.state().equals("ended"));
    }

    @Test
    void anErrorNamingTheNumberIsMaskedToo() throws Exception {
        HttpResponse<String> refused = agent.send("POST", "/api/calls", "{\"agent\":\"1001\",\"number\":\"13912345679\"}");
        assertEquals(409, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("139****5679") && !refused.body().contains("13912345679"), refused.body());
    }

    @Test
    void theCliPrintsWhatTheApiMaskedForItsToken() throws Exception {
        Path token = dir.resolve("masked.token");
        Files.writeString(token, maskedToken);
        CliRun.Result r = CliRun.run("calls", "--port", String.valueOf(running.box().port()), "--token-file",
                token.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("139****5675") && !r.out().contains("13912345675"), r.out());
    }

    @Test
    void numbersAreMaskedAsTheSeedShowsThem() {
        assertEquals("150****4763", NumberMask.mask("15012344763"));
        assertEquals("+86 150****4763", NumberMask.mask("+86 150-1234-4763"));
        assertEquals("+86 150****4763", NumberMask.maskText("+8615012344763"));
        assertEquals("075*****5678", NumberMask.mask("075512345678"));
        assertEquals("***4567", NumberMask.mask("1234567"));
        assertEquals("call 150****4763 back", NumberMask.maskText("call 15012344763 back"));
        assertEquals("2026-12-02T03:53:50.123Z", NumberMask.maskText("2026-12-02T03:53:50.123Z"), "a time is no number");
        assertEquals("2026-12-02", NumberMask.maskText("2026-12-02"));
        JsonNode masked = NumberMask.apply(Json.MAPPER.createObjectNode().put("id", "12345678-aaaa").put("simIccid",
                "89860012345678900011").put("number", "15012344763").put("talkMs", 15012344763L));
        assertEquals("12345678-aaaa", masked.path("id").asText(), "identifiers stay");
        assertEquals("89860012345678900011", masked.path("simIccid").asText());
        assertEquals("150****4763", masked.path("number").asText());
        assertEquals(15012344763L, masked.path("talkMs").asLong(), "counts are not numbers to mask");
    }

    /** Sends a prepared request and reads the answer as text. */
    static final class HttpResponseOf {
        private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

        static HttpResponse<String> string(HttpRequest.Builder b) throws Exception {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
