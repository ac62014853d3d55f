package io.branchline.box.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.RunningBox;
import io.branchline.box.SimulatedBox;
import io.branchline.box.web.Json;
import io.branchline.hw.emulator.EmulatedNetwork;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Text messages the box sends, on the simulated box: through the API and the CRM's command, on the line
 * asked for or any line in turn, in parts when long, followed by the network's status reports to delivered
 * or failed; the call guard's blacklist on every path; bad requests refused naming the field; USSD answers
 * decoded.
 */
class SmsSendingTest {
    @RegisterExtension
    static final RunningBox running = RunningBox.inMemory();

    private HttpResponse<String> post(String path, String body) throws Exception {
        return running.api().send("POST", path, body);
    }

    private JsonNode message(String id) throws Exception {
        return Json.MAPPER.readTree(running.api().send("GET", "/api/sms/sent/" + id, null).body());
    }

    private String awaitState(String id, String state) throws Exception {
        SimulatedBox.await(id + " " + state, () -> {
            try {
                return message(id).path("state").asText().equals(state);
            } catch (Exception e) {
                return false;
            }
        });
        return state;
    }

    private EmulatedNetwork network() {
        return running.box().simulated().orElseThrow().network();
    }

    /** Every message that left the box, as (sender, text): through the network's modems or the GoIP's ports. */
    private List<List<String>> sent() {
        var sim = running.box().simulated().orElseThrow();
        List<List<String>> out = new java.util.ArrayList<>();
        network().messages().forEach(m -> out.add(List.of(m.from() + "#" + m.part(), m.text())));
        sim.goip().orElseThrow().ports().forEach(p -> p.sent().forEach(m -> out.add(List.of(p.goipId(), m.text()))));
        return out;
    }

    @Test
    void aLongChineseMessageToAnotherLineArrivesWholeAndIsReportedDelivered() throws Exception {
        String text = "王先生您好：您申请的贷款已初审通过，" + "请携带身份证与收入证明到本支行办理。".repeat(4);
        HttpResponse<String> r = post("/api/sms", "{\"number\":\"13800000088\",\"text\":\"" + text
                + "\",\"line\":\"sim-1\"}");
        assertEquals(202, r.statusCode(), r.body());
        JsonNode queued = Json.MAPPER.readTree(r.body());
        assertEquals(2, queued.path("parts").asInt());
        assertEquals("ucs2", queued.path("encoding").asText());
        String id = queued.path("id").asText();
        awaitState(id, "delivered");
        JsonNode done = message(id);
        assertEquals("sim-1", done.path("lineId").asText());
        assertEquals(2, done.path("sent").size());
        assertTrue(StreamSupport.stream(done.path("sent").spliterator(), false)
                .allMatch(p -> p.path("status").asInt(-1) == 0), done.toString());
        // The hotline's SIM (13800000088) received it: kept, and listed with the received ones.
        SimulatedBox.await("received on the hotline", () -> {
            try {
                return running.api().send("GET", "/api/sms", null).body().contains(text);
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void withoutALineTheMessagesTakeTheLinesInTurn() throws Exception {
        List<List<String>> before = sent();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = post("/api/sms", "{\"number\":\"13900000015\",\"text\":\"turn " + i + "\"}");
            assertEquals(202, r.statusCode(), r.body());
            awaitState(Json.MAPPER.readTree(r.body()).path("id").asText(), "delivered");
        }
        List<String> senders = sent().stream().filter(m -> !before.contains(m) && m.get(1).startsWith("turn "))
                .map(m -> m.get(0)).distinct().toList();
        assertEquals(3, senders.size(), "three SIMs, one each: " + senders);
    }

    @Test
    void aNumberTheCentreRefusesEndsFailedWithTheReason() throws Exception {
        HttpResponse<String> r = post("/api/sms", "{\"number\":\"13900000004\",\"text\":\"hello\",\"line\":\"sim-1\"}");
        String id = Json.MAPPER.readTree(r.body()).path("id").asText();
        awaitState(id, "failed");
        assertTrue(message(id).path("detail").asText().contains("could not deliver"), message(id).toString());
    }

    @Test
    void aBlacklistedNumberIsNeverSentToByAnyPath() throws Exception {
        assertEquals(201, post("/api/guard/blacklist", "{\"numbers\":[\"13900000099\"],\"reason\":\"投诉\"}")
                .statusCode());
        int before = sent().size();
        HttpResponse<String> api = post("/api/sms", "{\"number\":\"+86 139-0000-0099\",\"text\":\"hi\"}");
        assertEquals(403, api.statusCode(), api.body());
        assertTrue(api.body().contains("blacklist"), api.body());
        var store = running.box().crmStubs().get(0).store();
        var crm = store.issue("branchline", "sms.send", Json.MAPPER.readTree(
                "{\"number\":\"13900000099\",\"text\":\"hi\"}"));
        SimulatedBox.await("acknowledged", () -> store.acks().containsKey(crm.id()));
        assertEquals("rejected", store.acks().get(crm.id()).path("outcome").asText(), store.acks().get(crm.id()).toString());
        Thread.sleep(300);
        assertEquals(before, sent().size(), "nothing reached the network");
    }

    @Test
    void theCrmSendsAMessageAndTheSameRequestTwiceIsOneMessage() throws Exception {
        var store = running.box().crmStubs().get(0).store();
        var first = store.issue("branchline", "sms.send", Json.MAPPER.readTree(
                "{\"number\":\"13900000025\",\"text\":\"您的还款日是15号\",\"requestId\":\"crm-msg-77\"}"));
        var again = store.issue("branchline", "sms.send", Json.MAPPER.readTree(
                "{\"number\":\"13900000025\",\"text\":\"您的还款日是15号\",\"requestId\":\"crm-msg-77\"}"));
        SimulatedBox.await("both acknowledged", () -> store.acks().containsKey(first.id())
                && store.acks().containsKey(again.id()));
        String id = store.acks().get(first.id()).path("result").path("id").asText();
        assertEquals(id, store.acks().get(again.id()).path("result").path("id").asText());
        awaitState(id, "delivered");
        assertEquals(1, sent().stream().filter(m -> m.get(1).equals("您的还款日是15号")).count());
        SimulatedBox.await("the CRM heard it delivered", () -> store.items().stream().anyMatch(e ->
                e.kind().equals("sms.out") && e.payload().path("sms").path("id").asText().equals(id)
                        && e.payload().path("sms").path("state").asText().equals("delivered")));
    }

    @Test
    void badRequestsAreRefusedNamingTheField() throws Exception {
        record Case(String body, String field) {
        }
        for (Case c : List.of(
                new Case("{\"number\":\"*100#\",\"text\":\"hi\"}", "number"),
                new Case("{\"number\":\"**21*13900000001#\",\"text\":\"hi\"}", "number"),
                new Case("{\"number\":\"139 0000 0005, 12\",\"text\":\"hi\"}", "number"),
                new Case("{\"number\":\"" + "1".repeat(41) + "\",\"text\":\"hi\"}", "number"),
                new Case("{\"number\":13900000005,\"text\":\"hi\"}", "number"),
                new Case("{\"text\":\"hi\"}", "number"),
                new Case("{\"number\":\"13900000005\"}", "text"),
                new Case("{\"number\":\"13900000005\",\"text\":\"\"}", "text"),
                new Case("{\"number\":\"13900000005\",\"text\":\"" + "x".repeat(1531) + "\"}", "text"),
                new Case("{\"number\":\"13900000005\",\"text\":\"" + "字".repeat(671) + "\"}", "text"),
                new Case("{\"number\":\"13900000005\",\"text\":\"bell\\u0007\"}", "text"),
                new Case("{\"number\":\"13900000005\",\"text\":\"hi\",\"line\":\"nowhere\"}", "line"),
                new Case("{\"number\":\"13900000005\",\"text\":\"hi\",\"requestId\":\"a b\"}", "requestId"),
                new Case("{\"number\":\"13900000005\",\"text\":\"hi\",\"force\":\"yes\"}", "force"),
                new Case("{\"number\":\"13900000005\",\"text\":\"hi\",\"cc\":\"13900000006\"}", "cc"),
                new Case("[1,2]", "body"),
                new Case("not json", "body"))) {
            HttpResponse<String> r = post("/api/sms", c.body());
            assertEquals(400, r.statusCode(), c.body() + " -> " + r.body());
            assertEquals(c.field(), Json.MAPPER.readTree(r.body()).path("field").asText(), c.body() + " -> " + r.body());
        }
        assertEquals(404, running.api().send("GET", "/api/sms/sent/no-such-id", null).statusCode());
    }

    @Test
    void aShortServiceNumberIsAPhoneNumberForTextMessages() throws Exception {
        HttpResponse<String> r = post("/api/sms", "{\"number\":\"10086\",\"text\":\"CXYE\",\"line\":\"sim-1\"}");
        assertEquals(202, r.statusCode(), r.body());
        awaitState(Json.MAPPER.readTree(r.body()).path("id").asText(), "delivered");
    }

    @Test
    void ussdAnswersAreDecodedAndBadCodesNeverReachTheModem() throws Exception {
        HttpResponse<String> balance = post("/api/ussd", "{\"line\":\"sim-1\",\"code\":\"*100#\"}");
        assertEquals(200, balance.statusCode(), balance.body());
        JsonNode b = Json.MAPPER.readTree(balance.body());
        assertEquals("您的账户余额为12.34元", b.path("text").asText());
        assertEquals(72, b.path("dcs").asInt());
        assertTrue(b.path("raw").asText().matches("[0-9A-F]+"), "the raw answer is kept: " + b);
        HttpResponse<String> huawei = post("/api/ussd", "{\"line\":\"desk-1002\",\"code\":\"*101#\"}");
        assertEquals(200, huawei.statusCode(), huawei.body());
        assertEquals("Unknown request *101#", Json.MAPPER.readTree(huawei.body()).path("text").asText(),
                "a Huawei's packed GSM-7 answer, decoded");
        assertEquals(400, post("/api/ussd", "{\"line\":\"sim-1\",\"code\":\"ATD13900000005;\"}").statusCode());
        assertEquals(400, post("/api/ussd", "{\"line\":\"sim-1\",\"code\":\"*100#\\r\\nAT+CFUN=0\"}").statusCode());
        assertEquals(400, post("/api/ussd", "{\"line\":\"sim-1\"}").statusCode());
        assertEquals(404, post("/api/ussd", "{\"line\":\"nowhere\",\"code\":\"*100#\"}").statusCode());
        assertEquals(400, post("/api/ussd", "[]").statusCode());
    }

    private io.branchline.box.cli.CliRun.Result cli(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 4);
        all[args.length] = "--port";
        all[args.length + 1] = String.valueOf(running.box().port());
        all[args.length + 2] = "--data-dir";
        all[args.length + 3] = running.dataDir().toString();
        return io.branchline.box.cli.CliRun.run(all);
    }

    @Test
    void theInstallerSendsAndFollowsAMessageAndAsksUssdFromTheCli() {
        var sent = cli("sms", "send", "--number", "13800000088", "--text", "测试 test", "--line", "hotline", "--wait");
        assertEquals(0, sent.code(), sent.err());
        assertTrue(sent.out().contains("delivered on line hotline"), sent.out());
        String id = sent.out().substring(4, 40);
        var listed = cli("sms", "sent");
        assertEquals(0, listed.code(), listed.err());
        assertTrue(listed.out().contains(id) && listed.out().contains("测试 test"), listed.out());
        var shown = cli("sms", "show", id);
        assertTrue(shown.out().contains("part 1: reference") && shown.out().contains("status 0"), shown.out());
        var code = cli("sms", "send", "--number", "*100#", "--text", "hi");
        assertEquals(2, code.code());
        assertTrue(code.err().contains("service code"), code.err());
        assertEquals(2, cli("sms", "send", "--number", "13900000005").code(), "no text");
        assertEquals(1, cli("sms", "show", "nope").code());
        var balance = cli("ussd", "--line", "sim-1", "--code", "*100#", "--raw");
        assertEquals(0, balance.code(), balance.err());
        assertTrue(balance.out().contains("您的账户余额为12.34元") && balance.out().contains("dcs: 72"), balance.out());
        var hostile = cli("ussd", "--line", "sim-1", "--code", "*100#;ATH");
        assertEquals(2, hostile.code());
        assertTrue(hostile.err().contains("code:"), hostile.err());
    }
}
