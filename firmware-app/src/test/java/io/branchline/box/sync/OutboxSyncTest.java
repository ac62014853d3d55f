package io.branchline.box.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.box.Box;
import io.branchline.box.SimulatedBox;
import io.branchline.box.call.CallView;
import io.branchline.box.config.BoxConfig;
import io.branchline.box.crmstub.CrmStub;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox against the in-process CRM stubs of a simulated box. */
class OutboxSyncTest {
    @TempDir
    static Path dataDir;

    static Box box;

    @BeforeAll
    static void start() {
        box = SimulatedBox.start(BoxConfig.empty(), dataDir, false);
    }

    @AfterAll
    static void stop() {
        box.close();
    }

    static CrmStub privateStub() {
        return box.crmStubs().get(0);
    }

    static CrmStub publicStub() {
        return box.crmStubs().get(1);
    }

    /** The stub of the server the box uses now (a failover in an earlier test may have moved it). */
    static CrmStub currentStub() {
        return box.sync().orElseThrow().status().endpoint().equals("public") ? publicStub() : privateStub();
    }

    static int keysAtTheCrm() {
        Set<String> keys = new HashSet<>();
        for (CrmStub s : box.crmStubs()) {
            s.store().items().forEach(i -> keys.add(i.key()));
        }
        return keys.size();
    }

    static CallView record(int i) {
        return new CallView("synthetic-" + i, "1001", "desk-1001", "8986", "13800001001", "13900000005",
                "13900000005", "direct", "", "ended", "2026-11-22T06:00:00.000Z", null, "2026-11-22T06:00:01.000Z",
                1000, 0, "busy", "", false, null, CallView.OUT);
    }

    @Test
    void aCallsRecordReachesTheCrmExactlyOnce() {
        CallView placed = box.calls().start("1002", "13900000002", "", "direct");
        SimulatedBox.await("at the CRM", () -> privateStub().store().items().stream()
                .anyMatch(i -> i.key().equals("call:" + placed.id())));
        assertEquals(1, privateStub().store().items().stream().filter(i -> i.key().equals("call:" + placed.id()))
                .count());
        assertEquals("busy", privateStub().store().items().stream().filter(i -> i.key().equals("call:" + placed.id()))
                .findFirst().orElseThrow().payload().path("call").path("endCause").asText());
        assertTrue(privateStub().store().registrations() >= 1 && privateStub().store().heartbeats() >= 1);
        CallView answered = box.calls().start("1002", "13900000005", "", "direct");
        SimulatedBox.await("ringing and answered at the CRM", () -> currentStub().store().items().stream()
                .filter(i -> i.key().equals("ringing:" + answered.id()) || i.key().equals("answered:" + answered.id()))
                .count() == 2);
        box.calls().hangUp(answered.id());
        SimulatedBox.await("line free", () -> box.calls().active().isEmpty());
    }

    @Test
    void fiveHundredRecordsWrittenWhileTheCrmIsDownAllArriveOnceWhenItIsBack() {
        int before = keysAtTheCrm();
        privateStub().down(true);
        publicStub().down(true);
        for (int i = 0; i < 500; i++) {
            box.calls().records().save(record(i));
        }
        SimulatedBox.await("retrying", () -> box.sync().orElseThrow().status().retries() >= 2);
        assertTrue(box.sync().orElseThrow().status().backlog() >= 500);
        privateStub().down(false);
        publicStub().down(false);
        SimulatedBox.await("all sent", () -> box.sync().orElseThrow().status().backlog() == 0);
        assertEquals(before + 500, keysAtTheCrm());
        assertEquals(0, privateStub().store().duplicates() + publicStub().store().duplicates(),
                "the CRM never had to drop a duplicate");
        box.sync().orElseThrow().endpoints().use("private");
    }

    @Test
    void aClickToCallCommandReachesTheBoxWithinASecondAndRunsOnceEvenWhenDeliveredTwice() throws Exception {
        var store = currentStub().store();
        var args = io.branchline.box.web.Json.MAPPER.readTree("{\"agent\":\"1002\",\"number\":\"13900000002\"}");
        long t0 = System.nanoTime();
        var cmd = store.issue("branchline", "call.start", args);
        SimulatedBox.await("acknowledged", () -> store.acks().containsKey(cmd.id()));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(millis < 1000, "acknowledged after " + millis + " ms");
        assertEquals("done", store.acks().get(cmd.id()).path("outcome").asText());
        String callId = store.acks().get(cmd.id()).path("result").path("call").asText();
        SimulatedBox.await("ended", () -> box.calls().records().find(callId).isPresent());
        int records = box.calls().records().outboxRows();
        store.redeliver(cmd);
        Thread.sleep(1500);
        assertEquals(records, box.calls().records().outboxRows(), "a second delivery places no second call");
        assertEquals("done", store.acks().get(cmd.id()).path("outcome").asText());
    }

    @Test
    void blacklistCommandsFromTheCrmStopTheBoxDialingANumberAndLetItAgain() throws Exception {
        var store = currentStub().store();
        var add = store.issue("branchline", "guard.blacklist.add", io.branchline.box.web.Json.MAPPER.readTree(
                "{\"numbers\":[\"+86 139-0000-0015\",\"13900000016\"],\"reason\":\"客户投诉\"}"));
        var bad = store.issue("branchline", "guard.blacklist.add", io.branchline.box.web.Json.MAPPER.readTree(
                "{\"numbers\":[\"13900000017\",\"ATH\"]}"));
        SimulatedBox.await("acknowledged", () -> store.acks().containsKey(add.id()) && store.acks().containsKey(bad.id()));
        assertEquals("done", store.acks().get(add.id()).path("outcome").asText());
        assertEquals("rejected", store.acks().get(bad.id()).path("outcome").asText());
        assertTrue(store.acks().get(bad.id()).path("reason").asText().startsWith("numbers[1]:"),
                store.acks().get(bad.id()).toString());
        io.branchline.box.call.CallRequestException refused = org.junit.jupiter.api.Assertions.assertThrows(
                io.branchline.box.call.CallRequestException.class, () -> box.calls().start("1002", "13900000015", "",
                        "direct"));
        assertEquals("number", refused.field());
        assertTrue(refused.getMessage().contains("on the blacklist (客户投诉)"), refused.getMessage());
        CallView allowed = box.calls().start("1002", "13900000017", "", "direct");
        assertTrue(allowed.id() != null, "a rejected update changed nothing");
        box.calls().hangUp(allowed.id());
        SimulatedBox.await("line free", () -> box.calls().active().isEmpty());
        var remove = store.issue("branchline", "guard.blacklist.remove", io.branchline.box.web.Json.MAPPER.readTree(
                "{\"numbers\":[\"13900000015\"]}"));
        SimulatedBox.await("acknowledged", () -> store.acks().containsKey(remove.id()));
        assertEquals(1, store.acks().get(remove.id()).path("result").path("changed").asInt());
        CallView again = box.calls().start("1002", "13900000015", "", "direct");
        box.calls().hangUp(again.id());
        SimulatedBox.await("line free", () -> box.calls().active().isEmpty());
    }

    @Test
    void guardCommandsSetRiskNumbersAndSwitchesAndAForcedClickToCallGetsThrough() throws Exception {
        var store = currentStub().store();
        var risk = store.issue("branchline", "guard.risk.add", io.branchline.box.web.Json.MAPPER.readTree(
                "{\"numbers\":[\"13900000035\"],\"reason\":\"高频通信\"}"));
        var badSwitch = store.issue("branchline", "guard.settings", io.branchline.box.web.Json.MAPPER.readTree(
                "{\"enabled\":\"on\"}"));
        var plain = store.issue("branchline", "call.start", io.branchline.box.web.Json.MAPPER.readTree(
                "{\"agent\":\"1002\",\"number\":\"13900000035\"}"));
        SimulatedBox.await("acknowledged", () -> store.acks().containsKey(risk.id())
                && store.acks().containsKey(badSwitch.id()) && store.acks().containsKey(plain.id()));
        assertEquals("done", store.acks().get(risk.id()).path("outcome").asText());
        assertEquals("rejected", store.acks().get(badSwitch.id()).path("outcome").asText());
        assertTrue(store.acks().get(badSwitch.id()).path("reason").asText().startsWith("enabled:"));
        assertEquals("rejected", store.acks().get(plain.id()).path("outcome").asText(), "intercepted by the guard: not to be retried");
        assertTrue(store.acks().get(plain.id()).path("reason").asText().contains("risk number (高频通信)"));
        var forced = store.issue("branchline", "call.start", io.branchline.box.web.Json.MAPPER.readTree(
                "{\"agent\":\"1002\",\"number\":\"13900000035\",\"force\":true}"));
        SimulatedBox.await("acknowledged", () -> store.acks().containsKey(forced.id()));
        assertEquals("done", store.acks().get(forced.id()).path("outcome").asText());
        box.calls().hangUp(store.acks().get(forced.id()).path("result").path("call").asText());
        SimulatedBox.await("line free", () -> box.calls().active().isEmpty());
        var off = store.issue("branchline", "guard.settings", io.branchline.box.web.Json.MAPPER.readTree(
                "{\"enabled\":false}"));
        SimulatedBox.await("acknowledged", () -> store.acks().containsKey(off.id()));
        assertEquals(false, store.acks().get(off.id()).path("result").path("enabled").asBoolean(true));
        CallView unguarded = box.calls().start("1002", "13900000035", "", "direct");
        box.calls().hangUp(unguarded.id());
        SimulatedBox.await("line free", () -> box.calls().active().isEmpty());
    }

    @Test
    void aTextMessageToADeskPhoneReachesTheCrmAndTheApiInChinese() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        String text = java.net.URLEncoder.encode("请回电，我想了解贷款", java.nio.charset.StandardCharsets.UTF_8);
        var r = http.send(io.branchline.box.BoxApi.request(box, ""
                        + "/api/simulate/sms/desk-1002?from=%2B8613912345678&text=" + text)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        SimulatedBox.await("at the CRM", () -> box.crmStubs().stream().flatMap(s -> s.store().items().stream())
                .anyMatch(i -> i.kind().equals("sms") && i.payload().path("sms").path("text").asText()
                        .equals("请回电，我想了解贷款")));
        var item = box.crmStubs().stream().flatMap(s -> s.store().items().stream()).filter(i -> i.kind().equals("sms"))
                .findFirst().orElseThrow();
        assertEquals("+8613912345678", item.payload().path("sms").path("sender").asText());
        assertEquals("desk-1002", item.payload().path("sms").path("line").asText());
        String listed = http.send(io.branchline.box.BoxApi.request(box, "/api/sms").build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(listed.contains("请回电，我想了解贷款"), listed);
    }

    @Test
    void anAgentStateCommandSetsTheSeatAndTheHeartbeatReportsIt() throws Exception {
        var store = currentStub().store();
        var cmd = store.issue("branchline", "agent.state",
                io.branchline.box.web.Json.MAPPER.readTree("{\"agent\":\"1001\",\"state\":\"break\"}"));
        var bad = store.issue("branchline", "agent.state",
                io.branchline.box.web.Json.MAPPER.readTree("{\"agent\":\"1001\",\"state\":\"asleep\"}"));
        SimulatedBox.await("acknowledged", () -> store.acks().containsKey(cmd.id()) && store.acks().containsKey(bad.id()));
        assertEquals("done", store.acks().get(cmd.id()).path("outcome").asText());
        assertEquals("rejected", store.acks().get(bad.id()).path("outcome").asText());
        var agents = java.net.http.HttpClient.newHttpClient().send(io.branchline.box.BoxApi.request(box, "/api/agents").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(agents.contains("\"id\":\"1001\"") && agents.contains("\"state\":\"break\""), agents);
    }

    @Test
    void unknownCommandsAndInvalidFieldsAreRejectedWithTheReason() throws Exception {
        var store = currentStub().store();
        var unknown = store.issue("branchline", "teleport", null);
        var bad = store.issue("branchline", "call.start",
                io.branchline.box.web.Json.MAPPER.readTree("{\"agent\":\"1002\",\"number\":\"139;ATH\"}"));
        SimulatedBox.await("both acknowledged", () -> store.acks().containsKey(unknown.id())
                && store.acks().containsKey(bad.id()));
        assertEquals("rejected", store.acks().get(unknown.id()).path("outcome").asText());
        assertTrue(store.acks().get(unknown.id()).path("reason").asText().startsWith("type:"));
        assertEquals("rejected", store.acks().get(bad.id()).path("outcome").asText());
        assertTrue(store.acks().get(bad.id()).path("reason").asText().startsWith("number:"));
    }

    @Test
    void lineStatesAndAnsweredCallsReachTheCrmAsEvents() {
        SimulatedBox.await("line states at the CRM", () -> box.crmStubs().stream()
                .flatMap(s -> s.store().items().stream())
                .anyMatch(i -> i.kind().equals("line.state") && i.payload().path("line").path("id").asText()
                        .equals("sim-2") && i.payload().path("line").path("state").asText().equals("PIN needed")));
        CallView placed = box.calls().start("1001", "13900000005", "", "direct");
        SimulatedBox.await("answered", () -> box.calls().get(placed.id()).map(v -> v.state().equals("active"))
                .orElse(false));
        box.calls().hangUp(placed.id());
        SimulatedBox.await("answered event at the CRM", () -> box.crmStubs().stream()
                .flatMap(s -> s.store().items().stream()).anyMatch(i -> i.key().equals("answered:" + placed.id())));
    }

    @Test
    void theStubAnswersWhoOwnsANumberFromTheCallsItReceived() throws Exception {
        CallView placed = box.calls().start("1002", "13900077002", "", "direct");
        SimulatedBox.await("at the CRM", () -> box.crmStubs().stream().flatMap(s -> s.store().items().stream())
                .anyMatch(i -> i.key().equals("call:" + placed.id())));
        var client = new CrmClient("test-token-1", "");
        var stub = box.crmStubs().stream().filter(s -> s.store().items().stream()
                .anyMatch(i -> i.key().equals("call:" + placed.id()))).findFirst().orElseThrow();
        var base = java.net.URI.create("http://127.0.0.1:" + stub.port() + "/crm");
        var owner = client.get(base, "/v1/numbers/13900077002/owner", java.time.Duration.ofSeconds(5));
        assertEquals(200, owner.status());
        assertTrue(owner.body().contains("\"agent\":\"1002\""), owner.body());
        assertEquals(404, client.get(base, "/v1/numbers/100/owner", java.time.Duration.ofSeconds(5)).status());
    }

    @Test
    void anAdminCanSwitchServersThroughTheApi() {
        box.sync().orElseThrow().endpoints().use("public");
        assertEquals("public", box.sync().orElseThrow().status().endpoint());
        box.calls().records().save(record(9999));
        SimulatedBox.await("at the public server", () -> publicStub().store().items().stream()
                .anyMatch(i -> i.key().equals("call:synthetic-9999")));
        box.sync().orElseThrow().endpoints().use("private");
    }
}
