package io.branchline.box.listdial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.Browser;
import io.branchline.box.RunningBox;
import io.branchline.box.SimulatedBox;
import io.branchline.box.call.CallView;
import io.branchline.box.crmstub.CrmStubStore;
import io.branchline.box.web.Json;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * List dialing (轮呼) as the seeds describe it, on the simulated box: each agent's own list dialled one number
 * after another on the agent's line; after each call the agent's buttons (下一通, 扔公海下一通, 扔公海暂停, 暂停轮呼);
 * auto-next after hang-up; the call guard and the re-dial restriction (轮呼限制时间) on every number; an admin's
 * one-click clear; the CRM's commands and events.
 */
class ListDialingTest {
    @RegisterExtension
    static final RunningBox running = RunningBox.inMemory();

    @AfterEach
    void clean() throws Exception {
        for (String a : List.of("1001", "1002")) {
            running.api().send("POST", "/api/lists/" + a + "/pause", null);
        }
        for (CallView c : running.box().calls().active()) {
            running.api().send("DELETE", "/api/calls/" + c.id(), null);
        }
        SimulatedBox.await("no call up", () -> running.box().calls().active().isEmpty());
        for (String a : List.of("1001", "1002")) {
            running.api().send("DELETE", "/api/lists/" + a, null);
        }
    }

    static JsonNode post(String path, String body) throws Exception {
        HttpResponse<String> r = running.api().send("POST", path, body);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return Json.MAPPER.readTree(r.body());
    }

    static JsonNode list(String agent) throws Exception {
        HttpResponse<String> r = running.api().send("GET", "/api/lists/" + agent, null);
        assertEquals(200, r.statusCode(), r.body());
        return Json.MAPPER.readTree(r.body());
    }

    static String state(String agent) {
        try {
            return list(agent).path("progress").path("state").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> results(String agent) {
        try {
            return StreamSupport.stream(list(agent).path("entries").spliterator(), false)
                    .map(e -> e.path("result").asText()).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Optional<CallView> callOf(String agent) {
        return running.box().calls().active().stream().filter(c -> c.agent().equals(agent)
                && c.state().equals("active")).findFirst();
    }

    static void hangUp(CallView c) throws Exception {
        running.api().send("DELETE", "/api/calls/" + c.id(), null);
        SimulatedBox.await("hung up", () -> running.box().calls().active().stream().noneMatch(a -> a.id().equals(c.id())));
    }

    static List<CrmStubStore.Item> crm(String kind) {
        return running.box().crmStubs().stream().flatMap(s -> s.store().items().stream())
                .filter(i -> i.kind().equals(kind)).toList();
    }

    @Test
    void theListIsDialledInTurnAndTheAgentChoosesAfterEachCall() throws Exception {
        assertEquals(201, running.api().send("POST", "/api/guard/blacklist", "{\"numbers\":[\"13912340129\"]}")
                .statusCode());
        JsonNode added = post("/api/lists/1001/numbers", "{\"csv\":\"name,number,customer id\\n张三,13912340115,C1\\n"
                + "李四,13912340129,C2\\n王五,13912340122,C3\\n赵六,13912340135,C4\\n\"}");
        assertEquals(4, added.path("added").asInt(), added.toString());
        post("/api/lists/1001/start", "{}");
        SimulatedBox.await("the first customer up", () -> callOf("1001").isPresent());
        CallView first = callOf("1001").orElseThrow();
        assertEquals("13912340115", first.numberGiven());
        assertEquals("desk-1001", first.line(), "on the agent's own line");
        hangUp(first);
        SimulatedBox.await("waiting for the agent's choice", () -> state("1001").equals("waiting"));
        assertTrue(callOf("1001").isEmpty(), "no next number before the agent chooses");
        post("/api/lists/1001/next", "{\"action\":\"throw-next\"}");
        SimulatedBox.await("the thrown customer reaches the CRM", () -> crm("list.thrown").stream()
                .anyMatch(i -> i.payload().path("entry").path("customerId").asText().equals("C1")));
        // 李四 is blacklisted: blocked without a call; 王五 is busy; the list waits after that call.
        SimulatedBox.await("the busy number done", () -> results("1001").get(2).equals("busy"));
        SimulatedBox.await("waiting again", () -> state("1001").equals("waiting"));
        assertEquals(List.of("answered", "blocked", "busy", ""), results("1001"));
        post("/api/lists/1001/next", "{\"action\":\"pause\"}");
        assertEquals("paused", state("1001"));
        Thread.sleep(1000);
        assertTrue(callOf("1001").isEmpty());
        JsonNode p = list("1001").path("progress");
        assertEquals(3, p.path("done").asInt(), p.toString());
        assertEquals(1, p.path("left").asInt());
        post("/api/lists/1001/start", null); // resume: the next number not yet dialled
        SimulatedBox.await("the last customer up", () -> callOf("1001").map(c -> c.numberGiven().equals("13912340135"))
                .orElse(false));
        hangUp(callOf("1001").orElseThrow());
        SimulatedBox.await("waiting: the agent may still throw the last one", () -> state("1001").equals("waiting"));
        post("/api/lists/1001/next", "{\"action\":\"next\"}");
        assertEquals("done", state("1001"), "nothing left");
        assertFalse(running.box().simulated().orElseThrow().network().records().stream()
                .anyMatch(r -> r.dialed().endsWith("13912340129")), "the blacklisted number never reached the network");
        assertFalse(crm("list.progress").isEmpty());
    }

    @Test
    void withAutoNextTheNextNumberIsDialledAfterTheSetSeconds() throws Exception {
        post("/api/lists/1002/numbers", "{\"numbers\":[\"13912340215\",\"13912340225\"]}");
        post("/api/lists/1002/start", "{\"autoNextSeconds\":1}");
        SimulatedBox.await("the first up", () -> callOf("1002").isPresent());
        hangUp(callOf("1002").orElseThrow());
        long ended = System.currentTimeMillis();
        SimulatedBox.await("the second dialled by itself", () -> running.box().calls().active().stream()
                .anyMatch(c -> c.numberGiven().equals("13912340225")));
        assertTrue(System.currentTimeMillis() - ended >= 900, "after the auto-next seconds");
    }

    @Test
    void aNumberDialledWithinTheRestrictionIsSkippedWithItsReason() throws Exception {
        running.api().send("PUT", "/api/dialing-rules", "{\"redialHours\":12}");
        try {
            CallView earlier = running.api().call("1002", "13912340315", null);
            running.api().await(earlier.id(), v -> v.state().equals("active"));
            hangUp(earlier);
            post("/api/lists/1001/numbers", "{\"numbers\":[\"13912340315\"]}");
            post("/api/lists/1001/start", null);
            SimulatedBox.await("done", () -> state("1001").equals("done"));
            JsonNode e = list("1001").path("entries").get(0);
            assertEquals("skipped", e.path("result").asText());
            assertTrue(e.path("detail").asText().contains("轮呼限制时间"), e.toString());
        } finally {
            running.api().send("PUT", "/api/dialing-rules", "{\"redialHours\":0}");
        }
    }

    @Test
    void theCrmFillsAndStartsAListAndBadCommandsAreRejectedNamingTheField() throws Exception {
        var store = running.box().crmStubs().get(0).store();
        var add = store.issue("branchline", "list.add", Json.MAPPER.readTree(
                "{\"agent\":\"1002\",\"numbers\":[{\"number\":\"13912340415\",\"customerId\":\"K9\"},\"*#06#\"]}"));
        var nobody = store.issue("branchline", "list.start", Json.MAPPER.readTree("{\"agent\":\"9999\"}"));
        var badNext = store.issue("branchline", "list.next", Json.MAPPER.readTree("{\"agent\":\"1002\",\"action\":\"jump\"}"));
        var start = store.issue("branchline", "list.start", Json.MAPPER.readTree("{\"agent\":\"1002\"}"));
        SimulatedBox.await("all acknowledged", () -> List.of(add, nobody, badNext, start).stream()
                .allMatch(c -> store.acks().containsKey(c.id())));
        assertEquals("done", store.acks().get(add.id()).path("outcome").asText(), store.acks().get(add.id()).toString());
        assertEquals("rejected", store.acks().get(nobody.id()).path("outcome").asText());
        assertTrue(store.acks().get(nobody.id()).path("reason").asText().startsWith("agent:"));
        assertTrue(store.acks().get(badNext.id()).path("reason").asText().startsWith("action:"));
        assertEquals("done", store.acks().get(start.id()).path("outcome").asText());
        SimulatedBox.await("the CRM's customer dialled", () -> callOf("1002").map(c -> c.customerId().equals("K9"))
                .orElse(false));
    }

    @Test
    void anAgentWorksOnlyTheirOwnListAndAnAdminClearsAnyone() throws Exception {
        post("/api/lists/1002/numbers", "{\"numbers\":[\"13912340515\",\"13912340516\"]}");
        Browser agent = Browser.newAccount(running.box(), "{\"name\":\"xiao-li\",\"role\":\"agent\",\"agent\":\"1001\"}",
                "a long enough pass");
        assertEquals(403, agent.send("GET", "/api/lists/1002", null).statusCode());
        assertEquals(403, agent.send("DELETE", "/api/lists/1002", null).statusCode());
        assertEquals(200, agent.send("POST", "/api/lists/1001/numbers", "{\"numbers\":[\"13912340517\"]}").statusCode());
        JsonNode all = Json.MAPPER.readTree(agent.send("GET", "/api/lists", null).body());
        assertEquals(1, all.size(), "an agent sees their own list only: " + all);
        HttpResponse<String> cleared = running.api().send("DELETE", "/api/lists/1002", null);
        assertEquals(2, Json.MAPPER.readTree(cleared.body()).path("cleared").asInt());
    }

    @Test
    void badInputIsRefusedNamingTheField() throws Exception {
        record Case(String method, String path, String body, int status, String field) {
        }
        for (Case c : List.of(
                new Case("POST", "/api/lists/1001/numbers", "{\"numbers\":[\"*#21#\"]}", 400, "numbers"),
                new Case("POST", "/api/lists/1001/numbers", "{}", 400, "numbers"),
                new Case("POST", "/api/lists/1001/numbers", "{\"csv\":7}", 400, "csv"),
                new Case("POST", "/api/lists/1001/numbers", "[]", 400, "body"),
                new Case("POST", "/api/lists/1001/start", "{}", 400, "agent"), // nothing in the list
                new Case("POST", "/api/lists/1001/next", "{\"action\":\"leap\"}", 400, "action"),
                new Case("POST", "/api/lists/1001/start", "{\"autoNextSeconds\":9999}", 400, "autoNextSeconds"),
                new Case("POST", "/api/lists/1001/start", "{\"autoNextSeconds\":1.5}", 400, "autoNextSeconds"),
                new Case("GET", "/api/lists/1001?page=0", null, 400, "page"),
                new Case("GET", "/api/lists/nobody", null, 404, "agent"),
                new Case("POST", "/api/lists/1001/numbers", "{\"csv\":\"" + "1".repeat(1 << 21) + "\"}", 413, "body"))) {
            HttpResponse<String> r = running.api().send(c.method(), c.path(), c.body());
            assertEquals(c.status(), r.statusCode(), c + ": " + r.body());
            assertEquals(c.field(), Json.MAPPER.readTree(r.body()).path("field").asText(), c + ": " + r.body());
        }
    }
}
