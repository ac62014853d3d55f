package io.branchline.box.ivr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.RunningBox;
import io.branchline.box.SimulatedBox;
import io.branchline.box.call.CallRecords;
import io.branchline.box.call.CallView;
import io.branchline.box.web.Json;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The simulate mode's hotline (总机) as a customer meets it: the two-level example menu in Chinese leads to an
 * agent; the 人工服务 queue holds callers while its agents are busy and gives the call to the first one free,
 * the caller's last agent first; a caller who hangs up in the queue is abandoned, one nobody takes within the
 * wait is missed and stays on the switchboard list until an admin marks it handled; outside office hours the
 * closed menu answers.
 */
class SwitchboardQueueTest {
    @RegisterExtension
    static final RunningBox running = RunningBox.overPtys();

    static HttpResponse<String> send(String method, String path, String body) throws Exception {
        return running.api().send(method, path, body);
    }

    @AfterEach
    void everyoneIdleAgain() throws Exception {
        for (String a : new String[] {"1001", "1002"}) {
            send("PUT", "/api/agents/" + a + "/state", "{\"state\":\"idle\"}");
        }
        send("DELETE", "/api/simulate/call/hotline", null);
        SimulatedBox.await("the hotline free", () -> running.box().calls().active().stream()
                .noneMatch(c -> c.line().equals("hotline")));
        send("PUT", "/api/switchboard/hours", "{\"enabled\":false,\"closedMenu\":\"hotline-closed\"}");
    }

    static CallView recordFrom(String caller) {
        var f = CallRecords.Filter.inboundFrom(caller);
        SimulatedBox.await("the record of " + caller, () -> !running.box().calls().records().list(f).isEmpty());
        return running.box().calls().records().list(f).get(0);
    }

    static CallView upOnHotline() {
        SimulatedBox.await("a call up on the hotline", () -> running.box().calls().active().stream()
                .anyMatch(c -> c.line().equals("hotline") && c.state().equals("active")));
        return running.box().calls().active().stream().filter(c -> c.line().equals("hotline")).findFirst().orElseThrow();
    }

    static void keys(String digits) throws Exception {
        assertEquals(200, send("POST", "/api/simulate/call/hotline/keys?digits=" + digits, null).statusCode());
    }

    /** Agents 1001 and 1002 busy, {@code caller} calls the hotline and presses 0: the 人工服务 queue. */
    static CallView everyoneBusyAndACallerPressesZero(String caller) throws Exception {
        busy("1001");
        busy("1002");
        send("POST", "/api/simulate/call/hotline?from=" + caller, null);
        CallView call = upOnHotline();
        Thread.sleep(500);
        keys("0");
        return call;
    }

    static void busy(String agent) throws Exception {
        assertEquals(200, send("PUT", "/api/agents/" + agent + "/state", "{\"state\":\"busy\"}").statusCode());
    }

    @Test
    void theExampleMenuLeadsByKeysOneAndOneToAgent1001() throws Exception {
        JsonNode menus = Json.MAPPER.readTree(send("GET", "/api/switchboard/menus", null).body());
        assertEquals(3, menus.size(), menus.toString());
        assertEquals("总机", Json.MAPPER.readTree(send("GET", "/api/switchboard/menus/hotline", null).body())
                .path("menu").path("name").asText());
        // A newcomer's way: the CLI's emulated customer.
        String port = String.valueOf(running.box().port());
        String dir = running.dataDir().toString();
        var rang = io.branchline.box.cli.CliRun.run("ring", "--line", "hotline", "--from", "13912340001", "--port", port,
                "--data-dir", dir);
        assertEquals(0, rang.code(), rang.err());
        assertTrue(rang.out().contains("13912340001 calls hotline"), rang.out());
        CallView call = upOnHotline();
        Thread.sleep(500);
        assertEquals(0, io.branchline.box.cli.CliRun.run("ring", "--line", "hotline", "--keys", "1", "--port", port,
                "--data-dir", dir).code());
        Thread.sleep(800);
        keys("1");
        var bad = io.branchline.box.cli.CliRun.run("ring", "--line", "hotline", "--keys", "1;ATH", "--port", port,
                "--data-dir", dir);
        assertTrue(bad.code() != 0 && bad.err().contains("digits"), bad.err());
        running.api().await(call.id(), v -> v.agent().equals("1001"));
        // The screen pop tells the CRM which way the caller came.
        SimulatedBox.await("the screen pop reaches the CRM", () -> pop(call.id()) != null);
        assertEquals("[\"hotline:1\",\"hotline-loans:1\"]", pop(call.id()).path("menuPath").toString());
        assertEquals("1001", pop(call.id()).path("agent").asText());
        talkedWith(call, "13912340001", "1001", "hotline:1 hotline-loans:1");
    }

    @Test
    void theQueueHoldsTheCallerWhileAgentsAreBusyAndGivesTheCallToTheFirstFree() throws Exception {
        CallView call = everyoneBusyAndACallerPressesZero("13912340002");
        SimulatedBox.await("the caller waiting in the queue", () -> {
            try {
                return Json.MAPPER.readTree(send("GET", "/api/switchboard/waiting", null).body())
                        .path("hotline-service").size() == 1;
            } catch (Exception e) {
                return false;
            }
        });
        Thread.sleep(1000);
        assertEquals("", running.box().calls().get(call.id()).orElseThrow().agent(), "nobody rung while all are busy");
        assertEquals(200, send("PUT", "/api/agents/1002/state", "{\"state\":\"idle\"}").statusCode());
        running.api().await(call.id(), v -> v.agent().equals("1002"));
        talkedWith(call, "13912340002", "1002", "hotline:0 queue:hotline-service");
    }

    @Test
    void aCallerWhoHangsUpInTheQueueIsAbandonedAndOneNobodyTakesIsMissedThenMarkedHandled() throws Exception {
        everyoneBusyAndACallerPressesZero("13912340003");
        Thread.sleep(1500);
        send("DELETE", "/api/simulate/call/hotline", null);
        CallView gone = recordFrom("13912340003");
        assertEquals("abandoned", gone.endCause(), gone.detail());
        assertTrue(gone.detail().contains("waiting for queue hotline-service"), gone.detail());

        // A queue with the shortest wait, so that the overflow comes soon.
        assertEquals(200, send("PUT", "/api/switchboard/queues/hotline-service", "{\"name\":\"人工服务\","
                + "\"maxWaitSeconds\":10,\"overflow\":{\"type\":\"hangup\"}}").statusCode());
        try {
            send("POST", "/api/simulate/call/hotline?from=13912340004", null);
            upOnHotline();
            Thread.sleep(500);
            keys("0");
            CallView missed = recordFrom("13912340004");
            assertEquals("missed", missed.endCause(), missed.detail());
            assertTrue(missed.detail().contains("no agent took the call within 10 s in queue hotline-service"),
                    missed.detail());
            JsonNode unhandled = Json.MAPPER.readTree(send("GET", "/api/switchboard/calls?unhandled=true", null).body());
            JsonNode entry = find(unhandled, missed.id());
            assertEquals("", entry.path("handled").asText());
            assertEquals("[\"hotline:0\",\"queue:hotline-service\"]", entry.path("path").toString());

            String port = String.valueOf(running.box().port());
            String dir = running.dataDir().toString();
            var open = io.branchline.box.cli.CliRun.run("switchboard", "--unhandled", "--port", port, "--data-dir", dir);
            assertEquals(0, open.code(), open.err());
            assertTrue(open.out().contains(missed.id()) && open.out().contains("hotline:0 queue:hotline-service"),
                    open.out());
            var marked = io.branchline.box.cli.CliRun.run("switchboard", "--handled", missed.id(), "--note",
                    "已回电，客户改天再来", "--port", port, "--data-dir", dir);
            assertEquals(0, marked.code(), marked.err());
            assertTrue(marked.out().contains("marked by"), marked.out());
            var lonely = io.branchline.box.cli.CliRun.run("switchboard", "--note", "x", "--port", port, "--data-dir", dir);
            assertTrue(lonely.code() != 0 && lonely.err().contains("--handled"), lonely.err());
            assertEquals(null, find(Json.MAPPER.readTree(send("GET", "/api/switchboard/calls?unhandled=true", null)
                    .body()), missed.id()), "no longer unhandled");
            assertEquals("已回电，客户改天再来", find(Json.MAPPER.readTree(send("GET", "/api/switchboard/calls", null)
                    .body()), missed.id()).path("note").asText());
        } finally {
            send("PUT", "/api/switchboard/queues/hotline-service", "{\"name\":\"人工服务\",\"strategy\":\"longest-idle\","
                    + "\"maxWaitSeconds\":90,\"announceEvery\":30}");
        }
    }

    @Test
    void theCallersLastAgentIsOfferedTheCallFirst() throws Exception {
        // 1002 talked with this customer before (an outbound call the network answers: last digit 1).
        HttpResponse<String> out = send("POST", "/api/calls", "{\"agent\":\"1002\",\"number\":\"13912340011\"}");
        assertEquals(201, out.statusCode(), out.body());
        String outId = Json.MAPPER.readTree(out.body()).path("id").asText();
        running.api().await(outId, v -> v.state().equals("active"));
        send("DELETE", "/api/calls/" + outId, null);
        SimulatedBox.await("1002's call recorded", () -> running.box().calls().records().find(outId).isPresent());
        for (int i = 0; i < 3; i++) {
            send("POST", "/api/simulate/call/hotline?from=13912340011", null);
            CallView call = upOnHotline();
            Thread.sleep(500);
            keys("0");
            running.api().await(call.id(), v -> !v.agent().isEmpty());
            assertEquals("1002", running.box().calls().get(call.id()).orElseThrow().agent(), "round " + i);
            send("DELETE", "/api/simulate/call/hotline", null);
            SimulatedBox.await("the hotline free", () -> running.box().calls().active().stream()
                    .noneMatch(c -> c.line().equals("hotline")));
        }
    }

    @Test
    void outsideOfficeHoursTheClosedMenuAnswers() throws Exception {
        HttpResponse<String> h = send("PUT", "/api/switchboard/hours", "{\"enabled\":true,\"weekly\":{},"
                + "\"closedMenu\":\"hotline-closed\"}");
        assertEquals(200, h.statusCode(), h.body());
        assertEquals(false, Json.MAPPER.readTree(h.body()).path("openNow").asBoolean());
        send("POST", "/api/simulate/call/hotline?from=13912340005", null);
        CallView done = recordFrom("13912340005");
        assertTrue(done.detail().contains("switchboard closed hotline-closed:-"), done.detail());
    }

    @Test
    void badQueuesHoursAndMarksAreRefusedByField() throws Exception {
        String[][] cases = {
            {"{\"strategy\":\"loudest\"}", "strategy"},
            {"{\"agents\":[\"1001\",\"9999\"]}", "agents.1"},
            {"{\"agents\":[\"1001\",\"1001\"]}", "agents.1"},
            {"{\"ringSeconds\":2}", "ringSeconds"},
            {"{\"maxWaitSeconds\":100000}", "maxWaitSeconds"},
            {"{\"announceEvery\":5}", "announceEvery"},
            {"{\"holdPrompt\":\"nope\"}", "holdPrompt"},
            {"{\"overflow\":{\"type\":\"queue\",\"target\":\"bad\"}}", "overflow"},
            {"{\"overflow\":{\"type\":\"repeat\"}}", "overflow"},
            {"{\"name\":\"" + "长".repeat(65) + "\"}", "name"},
            {"{\"ringSeconds\":\"soon\"}", "ringSeconds"},
            {"{\"unknown\":1}", "unknown"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = send("PUT", "/api/switchboard/queues/bad", c[0]);
            assertEquals(400, r.statusCode(), c[0] + " -> " + r.body());
            assertEquals(c[1], Json.MAPPER.readTree(r.body()).path("field").asText(), c[0] + " -> " + r.body());
        }
        assertEquals(400, send("PUT", "/api/switchboard/queues/Bad%20Id", "{}").statusCode());
        // Two queues overflowing into each other would keep a caller waiting for ever.
        assertEquals(200, send("PUT", "/api/switchboard/queues/a", "{\"overflow\":{\"type\":\"hangup\"}}").statusCode());
        assertEquals(200, send("PUT", "/api/switchboard/queues/b", "{\"overflow\":{\"type\":\"queue\",\"target\":\"a\"}}")
                .statusCode());
        HttpResponse<String> loop = send("PUT", "/api/switchboard/queues/a", "{\"overflow\":{\"type\":\"queue\","
                + "\"target\":\"b\"}}");
        assertEquals(400, loop.statusCode());
        assertTrue(loop.body().contains("a → b → a"), loop.body());
        assertEquals(409, send("DELETE", "/api/switchboard/queues/a", null).statusCode(), "b overflows into a");
        assertEquals(200, send("DELETE", "/api/switchboard/queues/b", null).statusCode());
        assertEquals(200, send("DELETE", "/api/switchboard/queues/a", null).statusCode());
        assertEquals(409, send("DELETE", "/api/switchboard/queues/hotline-service", null).statusCode(),
                "the hotline's menus send callers there");
        assertEquals(409, send("DELETE", "/api/switchboard/menus/hotline-closed", null).statusCode(),
                "the office hours play it");
        String someone = Json.MAPPER.readTree(send("GET", "/api/prompts", null).body()).path("prompts").get(0)
                .path("id").asText();
        assertEquals(200, send("PUT", "/api/switchboard/menus/solo", "{\"prompt\":\"" + someone + "\","
                + "\"fallback\":{\"type\":\"hangup\"}}").statusCode());
        assertEquals(200, send("PUT", "/api/settings/lines/sim-1", "{\"inbound\":\"switchboard\","
                + "\"inbound-menu\":\"solo\"}").statusCode());
        HttpResponse<String> inUse = send("DELETE", "/api/switchboard/menus/solo", null);
        assertEquals(409, inUse.statusCode(), "sim-1 answers with it");
        assertTrue(inUse.body().contains("line sim-1"), inUse.body());
        send("DELETE", "/api/settings/lines/sim-1", null);
        assertEquals(200, send("DELETE", "/api/switchboard/menus/solo", null).statusCode());
        String welcome = Json.MAPPER.readTree(send("GET", "/api/switchboard/menus/hotline", null).body()).path("menu")
                .path("prompt").asText();
        HttpResponse<String> prompt = send("DELETE", "/api/prompts/" + welcome, null);
        assertEquals(409, prompt.statusCode(), prompt.body());
        assertTrue(prompt.body().contains("switchboard menu hotline"), prompt.body());

        assertEquals("weekly.mon.0", Json.MAPPER.readTree(send("PUT", "/api/switchboard/hours",
                "{\"enabled\":true,\"weekly\":{\"mon\":[\"9-5\"]},\"closedMenu\":\"hotline-closed\"}").body())
                .path("field").asText());
        assertEquals("closedMenu", Json.MAPPER.readTree(send("PUT", "/api/switchboard/hours",
                "{\"enabled\":true}").body()).path("field").asText());

        HttpResponse<String> ghost = send("PUT", "/api/settings/lines/sim-1",
                "{\"inbound\":\"switchboard\",\"inbound-menu\":\"ghost\"}");
        assertEquals(400, ghost.statusCode(), ghost.body());
        assertEquals("inbound-menu", Json.MAPPER.readTree(ghost.body()).path("field").asText());
        assertEquals(404, send("POST", "/api/switchboard/calls/nope/handled", null).statusCode());
        assertEquals(400, send("GET", "/api/switchboard/calls?unhandled=maybe", null).statusCode());
        assertEquals(400, send("GET", "/api/switchboard/calls?page=0", null).statusCode());
        assertEquals(400, send("GET", "/api/switchboard/calls?page=x", null).statusCode());
        send("POST", "/api/simulate/call/hotline?from=13912340006", null);
        upOnHotline();
        send("DELETE", "/api/simulate/call/hotline", null);
        CallView rec = recordFrom("13912340006");
        for (String bad : new String[] {"{\"note\":\"" + "x".repeat(201) + "\"}", "{\"note\":\"a\\u0007b\"}",
            "{\"note\":5}", "[1]"}) {
            HttpResponse<String> r = send("POST", "/api/switchboard/calls/" + rec.id() + "/handled", bad);
            assertEquals(400, r.statusCode(), bad + " -> " + r.body());
            assertEquals("note", Json.MAPPER.readTree(r.body()).path("field").asText());
        }
    }

    /** The agent answers {@code call}, they talk, the caller hangs up: its record says who, and which way. */
    static void talkedWith(CallView call, String caller, String agent, String way) throws Exception {
        assertEquals(200, send("POST", "/api/calls/" + call.id() + "/answer", null).statusCode());
        Thread.sleep(300);
        send("DELETE", "/api/simulate/call/hotline", null);
        CallView done = recordFrom(caller);
        assertEquals("normal", done.endCause(), done.detail());
        assertEquals(agent, done.agent());
        assertTrue(done.detail().contains(way), done.detail());
    }

    static JsonNode pop(String callId) {
        return running.box().crmStubs().stream().flatMap(s -> s.store().items().stream())
                .filter(i -> i.kind().equals("call.incoming") && i.payload().path("callId").asText().equals(callId))
                .map(i -> i.payload()).findFirst().orElse(null);
    }

    static JsonNode find(JsonNode list, String id) {
        for (JsonNode e : list) {
            if (e.path("call").path("id").asText().equals(id)) {
                return e;
            }
        }
        return null;
    }
}
