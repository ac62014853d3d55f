package io.branchline.box.groupcall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.BoxApi;
import io.branchline.box.RunningBox;
import io.branchline.box.SimulatedBox;
import io.branchline.box.call.CallView;
import io.branchline.box.web.Json;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Group-call tasks (群呼助手) on the simulated box, over its emulated modems: the box dials the task's numbers on
 * the free line nobody owns (sim-1), an answered call goes to the joined agent's handset, a busy or rejected
 * number is kept so, a blacklisted number never reaches a modem, an answered call with no agent free is
 * abandoned and its number locked out, pausing stops new dials, and no number is dialled twice.
 */
class GroupCallTaskTest {
    @RegisterExtension
    static final RunningBox running = RunningBox.inMemory();

    @AfterEach
    void noCallLeftUp() throws Exception {
        for (GroupTasks.Stored s : running.box().groupCalls().dialer().tasks().list()) {
            running.box().groupCalls().dialer().delete(s.task().id());
        }
        for (CallView c : running.box().calls().active()) {
            running.api().send("DELETE", "/api/calls/" + c.id(), null);
        }
        SimulatedBox.await("no call up", () -> running.box().calls().active().isEmpty());
    }

    static String create(String numbersJson, String extra) throws Exception {
        HttpResponse<String> r = running.api().send("POST", "/api/group-tasks", "{\"name\":\"十二月回访\","
                + "\"concurrency\":1,\"intervalSeconds\":1,\"ratio\":1,\"agents\":[\"1001\",\"1002\"]" + extra
                + ",\"numbers\":" + numbersJson + "}");
        assertEquals(201, r.statusCode(), r.body());
        return Json.MAPPER.readTree(r.body()).path("task").path("id").asText();
    }

    static JsonNode task(String id) throws Exception {
        HttpResponse<String> r = running.api().send("GET", "/api/group-tasks/" + id, null);
        assertEquals(200, r.statusCode(), r.body());
        return Json.MAPPER.readTree(r.body());
    }

    static List<JsonNode> numbers(String id) throws Exception {
        HttpResponse<String> r = running.api().send("GET", "/api/group-tasks/" + id + "/numbers", null);
        assertEquals(200, r.statusCode(), r.body());
        return StreamSupport.stream(Json.MAPPER.readTree(r.body()).path("numbers").spliterator(), false).toList();
    }

    static String result(String id, int seq) {
        try {
            return numbers(id).get(seq - 1).path("result").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void post(String path, String body) throws Exception {
        HttpResponse<String> r = running.api().send("POST", path, body);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
    }

    @Test
    void anAnsweredNumberGoesToTheJoinedAgentAndEveryOtherNumberKeepsItsResult() throws Exception {
        BoxApi api = running.api();
        assertEquals(201, api.send("POST", "/api/guard/blacklist", "{\"numbers\":[\"13912340019\"],\"reason\":"
                + "\"asked not to be called\"}").statusCode());
        String id = create("[{\"number\":\"13912340015\",\"name\":\"张三\",\"customerId\":\"C1\"},\"13912340022\","
                + "\"13912340019\",\"13912340044\"]", "");
        post("/api/group-tasks/" + id + "/join", "{\"agent\":\"1001\"}");
        post("/api/group-tasks/" + id + "/start", null);
        SimulatedBox.await("the first customer with agent 1001", () -> running.box().calls().active().stream()
                .anyMatch(c -> c.agent().equals("1001") && c.state().equals("active")));
        CallView up = running.box().calls().active().stream().filter(c -> c.agent().equals("1001")).findFirst()
                .orElseThrow();
        SimulatedBox.await("the agent counted busy", () -> {
            try {
                return task(id).path("live").path("talking").asInt() == 1
                        && task(id).path("live").path("occupancy").asDouble() > 0;
            } catch (Exception e) {
                return false;
            }
        });
        assertEquals("sim-1", up.line(), "the free line nobody owns");
        assertEquals("13912340015", up.numberGiven());
        Thread.sleep(800); // they talk
        api.send("DELETE", "/api/calls/" + up.id(), null);
        SimulatedBox.await("the task done", () -> {
            try {
                return task(id).path("state").asText().equals("done");
            } catch (Exception e) {
                return false;
            }
        });
        List<JsonNode> n = numbers(id);
        assertEquals(List.of("answered", "busy", "blocked", "no-answer"), n.stream().map(x -> x.path("result").asText()).toList(),
                n.toString());
        assertEquals("1001", n.get(0).path("agent").asText());
        assertTrue(n.get(0).path("waitMs").asInt() < 2000, n.get(0).toString());
        assertTrue(n.get(2).path("detail").asText().contains("blacklist"), n.get(2).toString());
        JsonNode f = task(id).path("figures");
        assertEquals(3, f.path("dialled").asInt(), f.toString());
        assertEquals(1, f.path("answered").asInt());
        assertEquals(0.0, f.path("abandonedRate").asDouble());
        CallView record = running.box().calls().records().find(up.id()).orElseThrow();
        assertEquals("1001", record.agent());
        assertTrue(record.hasRecording(), record.detail());
        assertFalse(running.box().simulated().orElseThrow().network().records().stream()
                .anyMatch(r -> r.dialed().endsWith("13912340019")), "the blacklisted number never reached the network");
    }

    @Test
    void anAnsweredCallWithNoAgentFreeIsAbandonedAndItsNumberLockedOut() throws Exception {
        BoxApi api = running.api();
        // Agent 1001 is on a call of their own: joined, but not free when the customer answers.
        CallView own = api.call("1001", "13912345675", null);
        api.await(own.id(), v -> v.state().equals("active"));
        String id = create("[\"13912340016\"]", "");
        post("/api/group-tasks/" + id + "/join", "{\"agent\":\"1001\"}");
        post("/api/group-tasks/" + id + "/start", null);
        SimulatedBox.await("abandoned", () -> result(id, 1).equals("abandoned"));
        JsonNode n = numbers(id).get(0);
        assertTrue(n.path("detail").asText().contains("no agent"), n.toString());
        assertEquals(1.0, task(id).path("figures").path("abandonedRate").asDouble());
        api.send("DELETE", "/api/calls/" + own.id(), null);
        SimulatedBox.await("no call up", () -> running.box().calls().active().isEmpty());
        // Another task may not call that customer again for 72 h.
        String again = create("[\"13912340016\"]", "");
        post("/api/group-tasks/" + again + "/join", "{\"agent\":\"1001\"}");
        post("/api/group-tasks/" + again + "/start", null);
        SimulatedBox.await("skipped", () -> result(again, 1).equals("skipped"));
        assertTrue(numbers(again).get(0).path("detail").asText().contains("72 h"));
    }

    @Test
    void aNumberDialledWithinTheRedialRestrictionIsSkippedWithTheReason() throws Exception {
        BoxApi api = running.api();
        HttpResponse<String> rules = api.send("PUT", "/api/dialing-rules", "{\"redialHours\":24}");
        assertEquals(200, rules.statusCode(), rules.body());
        try {
            CallView earlier = api.call("1002", "13912340035", null);
            api.await(earlier.id(), v -> v.state().equals("active"));
            api.send("DELETE", "/api/calls/" + earlier.id(), null);
            SimulatedBox.await("no call up", () -> running.box().calls().active().isEmpty());
            String id = create("[\"13912340035\"]", "");
            post("/api/group-tasks/" + id + "/join", "{\"agent\":\"1001\"}");
            post("/api/group-tasks/" + id + "/start", null);
            SimulatedBox.await("skipped", () -> result(id, 1).equals("skipped"));
            assertTrue(numbers(id).get(0).path("detail").asText().contains("轮呼限制时间"));
        } finally {
            api.send("PUT", "/api/dialing-rules", "{\"redialHours\":0}");
        }
    }

    @Test
    void aPausedTaskDialsNoMoreAndResumedGoesOnWithTheNextNumber() throws Exception {
        BoxApi api = running.api();
        String id = create("[\"13912340025\",\"13912340026\",\"13912340027\"]", "");
        post("/api/group-tasks/" + id + "/join", "{\"agent\":\"1001\"}");
        post("/api/group-tasks/" + id + "/start", null);
        SimulatedBox.await("the first call with the agent", () -> running.box().calls().active().stream()
                .anyMatch(c -> c.agent().equals("1001") && c.state().equals("active")));
        post("/api/group-tasks/" + id + "/pause", null);
        assertEquals("paused", task(id).path("state").asText());
        for (CallView c : running.box().calls().active()) {
            api.send("DELETE", "/api/calls/" + c.id(), null);
        }
        Thread.sleep(2500); // two intervals and more
        assertEquals(List.of("answered", "", ""), numbers(id).stream().map(x -> x.path("result").asText()).toList());
        assertTrue(running.box().calls().active().isEmpty(), "no new call while paused");
        post("/api/group-tasks/" + id + "/start", null);
        SimulatedBox.await("the second number up", () -> running.box().calls().active().stream()
                .anyMatch(c -> c.numberGiven().equals("13912340026")));
        long dialled = running.box().simulated().orElseThrow().network().records().stream()
                .filter(r -> r.dialed().endsWith("13912340025") && r.outcome().equals("answered")).count();
        assertEquals(1, dialled, "the first number was not dialled again");
    }

    @Test
    void noNumberGoesOutWhileNoJoinedAgentIsThere() throws Exception {
        String id = create("[\"13912340055\"]", "");
        post("/api/group-tasks/" + id + "/start", null);
        Thread.sleep(2500);
        assertEquals("", result(id, 1), "nobody joined: nothing dialled");
        post("/api/group-tasks/" + id + "/join", "{\"agent\":\"1002\"}");
        SimulatedBox.await("dialled once an agent joined", () -> !result(id, 1).isEmpty());
    }

    @Test
    void badTasksAreRefusedNamingTheField() throws Exception {
        BoxApi api = running.api();
        Map<String, String> cases = Map.of(
                "\"ratio\":0", "ratio",
                "\"concurrency\":0", "concurrency",
                "\"intervalSeconds\":0", "intervalSeconds",
                "\"agents\":[]", "agents",
                "\"ringSeconds\":5", "ringSeconds",
                "\"pacing\":\"turbo\"", "pacing",
                "\"startsAt\":\"tomorrow\"", "startsAt",
                "\"name\":\"" + "长".repeat(65) + "\"", "name",
                "\"colour\":\"red\"", "colour");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            String body = "{\"name\":\"t\",\"concurrency\":2,\"agents\":[\"1001\"],\"numbers\":[\"13912340015\"],"
                    + c.getKey() + "}";
            HttpResponse<String> r = api.send("POST", "/api/group-tasks", body);
            assertEquals(400, r.statusCode(), c.getKey() + ": " + r.body());
            assertEquals(c.getValue(), Json.MAPPER.readTree(r.body()).path("field").asText(), r.body());
        }
        HttpResponse<String> none = api.send("POST", "/api/group-tasks", "{\"name\":\"t\",\"concurrency\":2,"
                + "\"agents\":[\"1001\"],\"numbers\":[\"*#21#\",\"12\"]}");
        assertEquals(400, none.statusCode(), none.body());
        assertEquals("numbers", Json.MAPPER.readTree(none.body()).path("field").asText());
        assertEquals(400, api.send("POST", "/api/group-tasks", "[1,2]").statusCode());
        assertEquals(404, api.send("GET", "/api/group-tasks/nope", null).statusCode());
        assertEquals(404, api.send("POST", "/api/group-tasks/nope/start", null).statusCode());
    }

    @Test
    void aCsvWithBadRowsImportsTheGoodOnesAndReportsEachBadLine() throws Exception {
        String csv = "name,number,customer id\\n张三,13912340015,C1\\n李四,*#21#,C2\\n王五,13912340015,C3\\n"
                + "赵六,0755-88889999,C4\\n\\\"钱, 七\\\",139 1234 0065,C5\\n孙八,12345,C6,extra";
        HttpResponse<String> r = running.api().send("POST", "/api/group-tasks", "{\"name\":\"导入\",\"concurrency\":1,"
                + "\"agents\":[\"1001\"],\"csv\":\"" + csv + "\"}");
        assertEquals(201, r.statusCode(), r.body());
        JsonNode b = Json.MAPPER.readTree(r.body());
        List<Integer> badLines = StreamSupport.stream(b.path("refused").spliterator(), false)
                .map(x -> x.path("line").asInt()).toList();
        assertEquals(List.of(3, 4, 7), badLines, b.path("refused").toString());
        String id = b.path("task").path("id").asText();
        List<JsonNode> n = numbers(id);
        assertEquals(List.of("张三", "赵六", "钱, 七"), n.stream().map(x -> x.path("name").asText()).toList());
        assertEquals("13912340065", n.get(2).path("number").asText(), "kept in subscriber form");
        assertEquals(3, task(id).path("figures").path("numbers").asInt());
    }

    @Test
    void anAgentJoinsOnlyTasksTheyAreInAndOnlyAsThemselves() throws Exception {
        String id = create("[\"13912340015\"]", "");
        HttpResponse<String> stranger = running.api().send("POST", "/api/group-tasks/" + id + "/join",
                "{\"agent\":\"9999\"}");
        assertEquals(400, stranger.statusCode(), stranger.body());
        assertEquals("agent", Json.MAPPER.readTree(stranger.body()).path("field").asText());
        post("/api/group-tasks/" + id + "/join", "{\"agent\":\"1002\"}");
        assertEquals(List.of("1002"), StreamSupport.stream(task(id).path("joined").spliterator(), false)
                .map(JsonNode::asText).toList());
        post("/api/group-tasks/" + id + "/leave", "{\"agent\":\"1002\"}");
        assertTrue(task(id).path("joined").isEmpty());
    }

    @Test
    void repeatedAndOutOfOrderRequestsChangeNothingTwice() throws Exception {
        BoxApi api = running.api();
        String id = create("[\"13912340085\",\"13912340086\"]", "");
        post("/api/group-tasks/" + id + "/pause", null); // paused before it ever ran
        post("/api/group-tasks/" + id + "/join", "{\"agent\":\"1001\"}");
        post("/api/group-tasks/" + id + "/join", "{\"agent\":\"1001\"}");
        assertEquals(1, task(id).path("joined").size(), "joined once");
        post("/api/group-tasks/" + id + "/start", null);
        post("/api/group-tasks/" + id + "/start", null); // a second start runs no second dialer
        SimulatedBox.await("the first call with the agent", () -> running.box().calls().active().stream()
                .anyMatch(c -> c.agent().equals("1001") && c.state().equals("active")));
        Thread.sleep(1500);
        assertEquals(1, running.box().calls().active().size(), "concurrency 1: one call, one dialer");
        assertEquals("", result(id, 2));
        HttpResponse<String> huge = api.send("POST", "/api/group-tasks/" + id + "/numbers", "{\"csv\":\""
                + "x".repeat(1 << 21) + "\"}");
        assertEquals(413, huge.statusCode());
        HttpResponse<String> same = api.send("POST", "/api/group-tasks/" + id + "/numbers", "{\"numbers\":[\"13912340085\"]}");
        assertEquals(200, same.statusCode(), same.body());
        assertTrue(same.body().contains("already in this task"), same.body());
    }

    @Test
    void badReDialRulesAreRefusedNamingTheFieldAndNothingIsSaved() throws Exception {
        BoxApi api = running.api();
        for (String[] c : new String[][] {{"{\"redialHours\":-1}", "redialHours"},
            {"{\"redialHours\":99999}", "redialHours"}, {"{\"abandonedLockoutHours\":-5}", "abandonedLockoutHours"},
            {"{\"redialHours\":\"soon\"}", "redialHours"}, {"{\"colour\":1}", "colour"}, {"[]", "body"},
            {"not json", "body"}}) {
            HttpResponse<String> r = api.send("PUT", "/api/dialing-rules", c[0]);
            assertEquals(400, r.statusCode(), c[0] + ": " + r.body());
            assertEquals(c[1], Json.MAPPER.readTree(r.body()).path("field").asText(), c[0] + ": " + r.body());
        }
        JsonNode rules = Json.MAPPER.readTree(api.send("GET", "/api/dialing-rules", null).body());
        assertEquals(72, rules.path("abandonedLockoutHours").asInt(), "the defaults stand: " + rules);
    }

    @Test
    void theCrmStartsAndJoinsATaskAndBadCommandsAreRejectedNamingTheField() throws Exception {
        String id = create("[\"13912340095\"]", "");
        var store = running.box().crmStubs().get(0).store();
        var join = store.issue("branchline", "group.join", Json.MAPPER.readTree("{\"task\":\"" + id
                + "\",\"agent\":\"1002\"}"));
        var noTask = store.issue("branchline", "group.start", Json.MAPPER.readTree("{\"task\":\"nope\"}"));
        var noAgent = store.issue("branchline", "group.join", Json.MAPPER.readTree("{\"task\":\"" + id + "\"}"));
        var notArgs = store.issue("branchline", "group.pause", Json.MAPPER.readTree("[1]"));
        SimulatedBox.await("all acknowledged", () -> List.of(join, noTask, noAgent, notArgs).stream()
                .allMatch(c -> store.acks().containsKey(c.id())));
        assertEquals("done", store.acks().get(join.id()).path("outcome").asText(), store.acks().get(join.id()).toString());
        assertTrue(store.acks().get(noTask.id()).path("reason").asText().startsWith("task:"),
                store.acks().get(noTask.id()).toString());
        assertTrue(store.acks().get(noAgent.id()).path("reason").asText().startsWith("agent:"),
                store.acks().get(noAgent.id()).toString());
        assertEquals("rejected", store.acks().get(notArgs.id()).path("outcome").asText());
        assertEquals(List.of("1002"), StreamSupport.stream(task(id).path("joined").spliterator(), false)
                .map(JsonNode::asText).toList());
    }
}
