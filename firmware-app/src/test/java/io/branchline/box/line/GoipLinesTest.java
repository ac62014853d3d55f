package io.branchline.box.line;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.RunningBox;
import io.branchline.box.SimulatedBox;
import io.branchline.box.web.Json;
import io.branchline.hw.emulator.EmulatedGoipPort;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The simulate mode's GoIP ports as lines of the box: listed beside the modems, text messages out and in,
 * USSD, the guard, the control commands, and calls both ways over SIP.
 */
class GoipLinesTest {
    @RegisterExtension
    static final RunningBox running = RunningBox.inMemory();

    private HttpResponse<String> post(String path, String body) throws Exception {
        return running.api().send("POST", path, body);
    }

    private EmulatedGoipPort port(String line) {
        return running.box().simulated().orElseThrow().goipPort(line).orElseThrow();
    }

    private JsonNode line(String id) throws Exception {
        return Json.MAPPER.readTree(running.api().send("GET", "/api/lines/" + id, null).body());
    }

    private void awaitUp(String id) {
        SimulatedBox.await(id + " up", () -> {
            try {
                return line(id).path("state").asText().equals("up");
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void goipPortsAreListedBesideTheModemsWithTheirSimAndSignal() throws Exception {
        awaitUp("goip-1");
        JsonNode l = line("goip-1");
        assertEquals("GoIP", l.path("vendor").asText());
        assertEquals("13800000201", l.path("ownNumber").asText());
        assertEquals(2 * 23 - 113, l.path("signalDbm").asInt());
        assertEquals("CHINA MOBILE", l.path("operator").asText());
        assertTrue(l.path("port").asText().startsWith("127.0.0.1:"), l.toString());
        String all = running.api().send("GET", "/api/lines", null).body();
        assertTrue(all.contains("\"sim-1\"") && all.contains("\"goip-2\""), all);
    }

    @Test
    void aTextGoesOutOnAGoipPortAndIsReportedDelivered() throws Exception {
        awaitUp("goip-1");
        HttpResponse<String> r = post("/api/sms", "{\"number\":\"13900002222\",\"text\":\"您好，这是 GoIP 发出的短信\","
                + "\"line\":\"goip-1\"}");
        assertEquals(202, r.statusCode(), r.body());
        String id = Json.MAPPER.readTree(r.body()).path("id").asText();
        SimulatedBox.await("delivered", () -> {
            try {
                return Json.MAPPER.readTree(running.api().send("GET", "/api/sms/sent/" + id, null).body())
                        .path("state").asText().equals("delivered");
            } catch (Exception e) {
                return false;
            }
        });
        assertTrue(port("goip-1").sent().stream().anyMatch(m -> m.text().equals("您好，这是 GoIP 发出的短信")
                && m.number().equals("13900002222")));
    }

    @Test
    void theGuardRefusesABlacklistedNumberOnGoipPortsToo() throws Exception {
        assertEquals(201, post("/api/guard/blacklist", "{\"numbers\":[\"13900007799\"],\"reason\":\"投诉\"}")
                .statusCode());
        int before = port("goip-2").sent().size();
        HttpResponse<String> r = post("/api/sms", "{\"number\":\"13900007799\",\"text\":\"hi\",\"line\":\"goip-2\"}");
        assertEquals(403, r.statusCode(), r.body());
        Thread.sleep(300);
        assertEquals(before, port("goip-2").sent().size());
    }

    @Test
    void aTextArrivingAtAGoipPortIsKeptAndReachesTheCrm() throws Exception {
        awaitUp("goip-2");
        HttpResponse<String> r = post("/api/simulate/sms/goip-2?from=13912340000&text="
                + java.net.URLEncoder.encode("请回电；谢谢", java.nio.charset.StandardCharsets.UTF_8), "");
        assertEquals(200, r.statusCode(), r.body());
        var store = running.box().crmStubs().get(0).store();
        SimulatedBox.await("the CRM has it", () -> store.items().stream().anyMatch(e -> e.kind().equals("sms")
                && e.payload().path("sms").path("line").asText().equals("goip-2")
                && e.payload().path("sms").path("text").asText().equals("请回电；谢谢")
                && e.payload().path("sms").path("sender").asText().equals("13912340000")));
        SimulatedBox.await("acknowledged to the GoIP", () -> port("goip-2").unacknowledged() == 0);
    }

    @Test
    void ussdIsAnsweredOnAGoipPort() throws Exception {
        awaitUp("goip-1");
        HttpResponse<String> r = post("/api/ussd", "{\"line\":\"goip-1\",\"code\":\"*100#\"}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("您的账户余额为12.34元", Json.MAPPER.readTree(r.body()).path("text").asText());
        HttpResponse<String> bad = post("/api/ussd", "{\"line\":\"goip-1\",\"code\":\"*100#\\nAT+CFUN=0\"}");
        assertEquals(400, bad.statusCode(), bad.body());
    }

    @Test
    void controlCommandsReachTheGoipAndBadOnesAreRefusedNamingTheField() throws Exception {
        awaitUp("goip-1");
        HttpResponse<String> r = post("/api/lines/goip-1/goip", "{\"command\":\"get-number\"}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("13800000201", Json.MAPPER.readTree(r.body()).path("answer").asText());
        record Case(String line, String body, int status, String field) {
        }
        for (Case c : List.of(
                new Case("sim-1", "{\"command\":\"get-number\"}", 409, "id"),
                new Case("nope", "{\"command\":\"get-number\"}", 404, "id"),
                new Case("goip-1", "{\"command\":\"format-disk\"}", 400, "command"),
                new Case("goip-1", "{\"command\":[\"reboot-device\"]}", 400, "command"),
                new Case("goip-1", "{\"command\":\"set-number\",\"value\":\"*21*139#\"}", 400, "value"),
                new Case("goip-1", "{\"command\":\"set-number\",\"value\":\"" + "1".repeat(21) + "\"}", 400, "value"),
                new Case("goip-1", "{\"command\":\"out-call-interval\",\"value\":\"-5\"}", 400, "value"),
                new Case("goip-1", "{\"command\":\"out-call-interval\",\"value\":\"ten\"}", 400, "value"),
                new Case("goip-1", "[]", 400, null),
                new Case("goip-1", "not json", 400, null))) {
            HttpResponse<String> res = post("/api/lines/" + c.line() + "/goip", c.body());
            assertEquals(c.status(), res.statusCode(), c + " → " + res.body());
            if (c.field() != null) {
                assertEquals(c.field(), Json.MAPPER.readTree(res.body()).path("field").asText(), c + " → " + res.body());
            }
        }
        assertTrue(port("goip-1").commands().stream().noneMatch(cmd -> cmd.contains("*21*")), "nothing bad reached it");
    }

    private JsonNode call(String id) throws Exception {
        var live = running.box().calls().get(id);
        if (live.isEmpty()) {
            return Json.MAPPER.valueToTree(running.box().calls().records().find(id).orElseThrow());
        }
        return Json.MAPPER.valueToTree(live.get());
    }

    private void awaitCarriesCalls(String line) {
        SimulatedBox.await(line + " registered over SIP", () -> port(line).sipRegistered());
        awaitUp(line);
    }

    @Test
    void aTestCallGoesOutOnAGoipPortOverSipIsAnsweredRecordedAndEndsWithItsRecord() throws Exception {
        awaitCarriesCalls("goip-2");
        HttpResponse<String> r = post("/api/lines/goip-2/test-call", "{\"number\":\"13900000001\"}");
        assertEquals(201, r.statusCode(), r.body());
        String id = Json.MAPPER.readTree(r.body()).path("id").asText();
        SimulatedBox.await("the port dialled it", () -> port("goip-2").dialled().equals("13900000001"));
        // the network's number ending in 1 answers after 2 s and hangs up 10 s later
        SimulatedBox.await("answered", () -> {
            try {
                return call(id).path("answeredAt").isTextual();
            } catch (Exception e) {
                return false;
            }
        });
        SimulatedBox.await("the customer heard the box", () -> port("goip-2").voice().heard().frames() > 0);
        int hangUp = running.api().send("DELETE", "/api/calls/" + id, null).statusCode();
        assertTrue(hangUp / 100 == 2, "hang-up: " + hangUp);
        SimulatedBox.await("its record", () -> {
            try {
                JsonNode c = call(id);
                return c.path("endCause").asText().equals("normal") && c.path("line").asText().equals("goip-2");
            } catch (Exception e) {
                return false;
            }
        });
        assertTrue(call(id).path("hasRecording").asBoolean(), call(id).toString());
        assertTrue(running.box().simulated().orElseThrow().network().records().stream()
                .anyMatch(n -> n.caller().equals("13800000202") && n.dialed().equals("13900000001")));
    }

    /** A caller on {@code line} presses 1 and 1 in the example menu and reaches agent 1001; then hangs up. */
    private void callerReachesAgent1001(String line, String caller) throws Exception {
        awaitCarriesCalls(line);
        HttpResponse<String> r = post("/api/simulate/call/" + line + "?from=" + caller, "");
        assertEquals(200, r.statusCode(), r.body());
        SimulatedBox.await("the switchboard answers on " + line, () -> running.box().calls().active().stream()
                .anyMatch(c -> c.line().equals(line) && c.state().equals("active")));
        io.branchline.box.call.CallView call = running.box().calls().active().stream()
                .filter(c -> c.line().equals(line)).findFirst().orElseThrow();
        assertEquals(caller, call.numberGiven());
        SimulatedBox.await("the caller hears the welcome", () -> port(line).voice().heard().frames() > 25);
        assertEquals(200, post("/api/simulate/call/" + line + "/keys?digits=1", "").statusCode());
        Thread.sleep(800);
        assertEquals(200, post("/api/simulate/call/" + line + "/keys?digits=1", "").statusCode());
        running.api().await(call.id(), v -> v.agent().equals("1001")); // 1 贷款咨询, 1 agent 1001
        assertEquals(200, running.api().send("DELETE", "/api/simulate/call/" + line, null).statusCode());
        var f = io.branchline.box.call.CallRecords.Filter.inboundFrom(caller);
        SimulatedBox.await("the record", () -> !running.box().calls().records().list(f).isEmpty());
        assertEquals(line, running.box().calls().records().list(f).get(0).line());
        SimulatedBox.await("the port is free", () -> !port(line).inCall());
    }

    @Test
    void aCallerRingingAGoipPortReachesTheSwitchboardWhoseMenuTakesTheirKeysAsRfc2833Events() throws Exception {
        callerReachesAgent1001("goip-1", "13700005678");
    }

    @Test
    void onAPortSetToInbandDtmfTheBoxHearsTheCallersKeysInTheVoice() throws Exception {
        assertTrue(running.box().lines().line("goip-2").orElseThrow().calls().map(c -> !c.keysFromLine())
                .orElse(true), "goip-2 sends keys in-band");
        callerReachesAgent1001("goip-2", "13700005679");
    }

    @Test
    void aServiceCodeIsRefusedForATestCallOnAGoipPortBeforeAnythingIsSent() throws Exception {
        awaitCarriesCalls("goip-1");
        HttpResponse<String> r = post("/api/lines/goip-1/test-call", "{\"number\":\"**21*13900000001#\"}");
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("number", Json.MAPPER.readTree(r.body()).path("field").asText());
        assertTrue(!port("goip-1").inCall());
    }

    @Test
    void theDoctorSaysWhichGoipPortsCarryCallsAndWhetherTheSipPortIsFree() throws Exception {
        awaitCarriesCalls("goip-1");
        List<LineView> views = Json.MAPPER.readValue(running.api().send("GET", "/api/lines", null).body(),
                new com.fasterxml.jackson.core.type.TypeReference<>() { });
        var config = io.branchline.box.config.ConfigLoader.parse("goip:\n  sip-port: 45060\n", "t.yaml");
        var found = io.branchline.box.doctor.Doctor.checkGoip(config, views).toString();
        assertTrue(found.contains("goip-1: up from 127.0.0.1:") && found.contains("carries calls"), found);
        var idle = io.branchline.box.doctor.Doctor.checkGoip(io.branchline.box.config.ConfigLoader.parse(
                "goip:\n  sip-port: 45060\n  lines:\n    - id: g1\n      goip-id: g1\n      password: pw\n", "t.yaml"),
                List.of()).toString();
        assertTrue(idle.contains("45060 is free for the GoIPs' SIP"), idle);
    }

    @Test
    void aSimulatedCallerOnAGoipPortIsRefusedWhenMalformedOrWhileThePortIsBusy() throws Exception {
        awaitCarriesCalls("goip-2");
        assertEquals(400, post("/api/simulate/call/goip-2?from=" + "1".repeat(25), "").statusCode());
        assertEquals(414, post("/api/simulate/call/goip-2?from=" + "1".repeat(5000), "").statusCode(), "URI too long");
        assertEquals(400, post("/api/simulate/call/goip-2?from=139%0D%0AATH", "").statusCode());
        assertEquals(404, post("/api/simulate/call/goip-2/keys?digits=1", "").statusCode(), "nobody calling yet");
        assertEquals(200, post("/api/simulate/call/goip-2?from=13700005670", "").statusCode());
        HttpResponse<String> again = post("/api/simulate/call/goip-2?from=13700005671", "");
        assertEquals(409, again.statusCode(), again.body());
        assertEquals(400, post("/api/simulate/call/goip-2/keys?digits=1%3BATH", "").statusCode());
        assertEquals(200, running.api().send("DELETE", "/api/simulate/call/goip-2", null).statusCode());
        assertEquals(404, running.api().send("DELETE", "/api/simulate/call/goip-2", null).statusCode(), "hung up once");
        SimulatedBox.await("the port is free", () -> !port("goip-2").inCall());
    }
}
