package io.branchline.box.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.branchline.box.RunningBox;
import io.branchline.box.SimulatedBox;
import io.branchline.box.crmstub.CrmStub;
import io.branchline.box.crmstub.CrmStubStore;
import io.branchline.box.web.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The CRM's command channel as a CRM gone wrong drives it: oversized, malformed, badly named and
 * unidentifiable commands among good ones. Every command is acknowledged or, without an id, reported once;
 * the good ones behind the bad ones run, each once.
 */
class CrmCommandChannelTest {
    @RegisterExtension
    static final RunningBox running = RunningBox.inMemory();

    static CrmStub crm() {
        var sync = running.box().sync().orElseThrow();
        return running.box().crmStubs().get(sync.status().endpoint().equals("public") ? 1 : 0);
    }

    static CrmStubStore store() {
        return crm().store();
    }

    static JsonNode agentState(String state) throws Exception {
        return Json.MAPPER.readTree("{\"agent\":\"1001\",\"state\":\"" + state + "\"}");
    }

    static ObjectNode raw(String id, String type) {
        ObjectNode c = Json.MAPPER.createObjectNode();
        if (id != null) {
            c.put("id", id);
        }
        c.put("type", type);
        c.set("args", Json.MAPPER.createObjectNode());
        return c;
    }

    @Test
    void aCommandOverTheLimitIsRejectedAndTheNextOneRuns() throws Exception {
        ObjectNode big = raw("big-1", "guard.blacklist.add");
        ((ObjectNode) big.get("args")).put("reason", "x".repeat(CommandBatch.MAX_COMMAND + 1000));
        store().issueRaw("branchline", big);
        var next = store().issue("branchline", "agent.state", agentState("busy"));
        SimulatedBox.await("both acknowledged", () -> store().acks().containsKey("big-1")
                && store().acks().containsKey(next.id()));
        assertEquals("rejected", store().acks().get("big-1").path("outcome").asText());
        assertTrue(store().acks().get("big-1").path("reason").asText().startsWith("command: larger than"));
        assertEquals("done", store().acks().get(next.id()).path("outcome").asText());
    }

    @Test
    void aBreakFromTheCrmKeepsItsReasonAndAReasonTooLongOrWithControlCharactersIsRejected() throws Exception {
        var lunch = store().issue("branchline", "agent.state",
                Json.MAPPER.readTree("{\"agent\":\"1001\",\"state\":\"break\",\"reason\":\"午饭\"}"));
        var tooLong = store().issue("branchline", "agent.state", Json.MAPPER.readTree(
                "{\"agent\":\"1001\",\"state\":\"break\",\"reason\":\"" + "长".repeat(65) + "\"}"));
        var bell = store().issue("branchline", "agent.state",
                Json.MAPPER.readTree("{\"agent\":\"1001\",\"state\":\"break\",\"reason\":\"a\\u0007b\"}"));
        SimulatedBox.await("all acknowledged", () -> store().acks().containsKey(lunch.id())
                && store().acks().containsKey(tooLong.id()) && store().acks().containsKey(bell.id()));
        assertEquals("done", store().acks().get(lunch.id()).path("outcome").asText());
        for (var c : List.of(tooLong, bell)) {
            assertEquals("rejected", store().acks().get(c.id()).path("outcome").asText());
            assertTrue(store().acks().get(c.id()).path("reason").asText().startsWith("reason:"));
        }
        JsonNode agents = Json.MAPPER.readTree(running.api().send("GET", "/api/agents", null).body());
        assertEquals("午饭", agents.get(0).path("reason").asText(), "the rejected ones changed nothing");
        store().issue("branchline", "agent.state", agentState("idle"));
    }

    @Test
    void aHangUpWithoutACallIdIsRejectedNamingTheField() throws Exception {
        var c = store().issue("branchline", "call.hangup", Json.MAPPER.createObjectNode());
        SimulatedBox.await("acknowledged", () -> store().acks().containsKey(c.id()));
        assertEquals("rejected", store().acks().get(c.id()).path("outcome").asText());
        assertTrue(store().acks().get(c.id()).path("reason").asText().startsWith("call:"));
    }

    @Test
    void idsThatWouldBendTheAcknowledgementUrlAreRejectedUnderTheirOwnId() throws Exception {
        List<String> ids = List.of("with space", "crlf\r\nX-Injected: 1", "what?x=1", "frag#ment", "../../etc",
                "..", "a/b", "ünïcode", "x".repeat(100));
        for (String id : ids) {
            store().issueRaw("branchline", raw(id, "agent.state"));
        }
        var after = store().issue("branchline", "agent.state", agentState("idle"));
        try {
            SimulatedBox.await("all acknowledged", () -> ids.stream().allMatch(store().acks()::containsKey)
                    && store().acks().containsKey(after.id()));
        } catch (AssertionError e) {
            throw new AssertionError("not acknowledged: " + ids.stream().filter(i -> !store().acks().containsKey(i))
                    .toList(), e);
        }
        for (String id : ids) {
            assertEquals("rejected", store().acks().get(id).path("outcome").asText(), id);
            assertTrue(store().acks().get(id).path("reason").asText().startsWith("id:"), id);
        }
        assertEquals("done", store().acks().get(after.id()).path("outcome").asText());
    }

    @Test
    void aCommandWithoutAnIdIsReportedOnceAndSkipped() throws Exception {
        store().issueRaw("branchline", raw(null, "agent.state"));
        store().issueRaw("branchline", raw("", "agent.state"));
        store().issueRaw("branchline", Json.MAPPER.readTree("\"just text\""));
        var after = store().issue("branchline", "agent.state", agentState("break"));
        SimulatedBox.await("the good one acknowledged", () -> store().acks().containsKey(after.id()));
        assertEquals("done", store().acks().get(after.id()).path("outcome").asText());
        // The stub redelivers what was never acknowledged every 5 s: it is still reported once.
        SimulatedBox.await("reported to the CRM", () -> unreadable() >= 3);
        Thread.sleep(6000);
        assertEquals(3, unreadable(), "each unidentified command reported once");
        String status = running.api().send("GET", "/api/sync", null).body();
        assertTrue(Json.MAPPER.readTree(status).path("lastCommandError").asText().contains("unidentified command"),
                status);
    }

    static long unreadable() {
        return running.box().crmStubs().stream().flatMap(s -> s.store().items().stream())
                .filter(i -> i.kind().equals("command.unreadable")).count();
    }

    /**
     * Random hostile commands interleaved with valid ones: every valid one is done once, every other one is
     * acknowledged or reported, and the channel never stalls.
     */
    @Test
    void fuzzedCommandsNeverStallTheChannel() throws Exception {
        Random random = new Random(20261201);
        List<String> valid = new ArrayList<>();
        List<String> hostileIds = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            if (i % 3 == 0) {
                valid.add(store().issue("branchline", "agent.state", agentState(i % 2 == 0 ? "idle" : "busy")).id());
                continue;
            }
            String id = "fuzz-" + i;
            ObjectNode c = raw(id, pick(random, "call.start", "call.hangup", "agent.state", "guard.approve",
                    "guard.settings", "guard.risk.add", "no.such", "", "\u0000"));
            ObjectNode args = (ObjectNode) c.get("args");
            switch (random.nextInt(8)) {
                case 0 -> args.put("number", pick(random, "**21*13812345678#", "*100#", "#31#13900000005", "abc",
                        "1".repeat(5000), "13900000005\r\nATH"));
                case 1 -> args.put("agent", random.nextInt());
                case 2 -> c.put("args", "not an object");
                case 3 -> args.set("numbers", Json.MAPPER.readTree("[1, null, {}, \"139\"]"));
                case 4 -> args.put("call", "");
                case 5 -> args.put("enabled", "yes");
                case 6 -> c.remove("type");
                default -> args.put("state", "\u001b[2J");
            }
            hostileIds.add(id);
            store().issueRaw("branchline", c);
        }
        SimulatedBox.await("every command acknowledged", () -> valid.stream().allMatch(store().acks()::containsKey)
                && hostileIds.stream().allMatch(store().acks()::containsKey));
        for (String id : valid) {
            assertEquals("done", store().acks().get(id).path("outcome").asText(), id);
        }
        for (String id : hostileIds) {
            String outcome = store().acks().get(id).path("outcome").asText();
            assertTrue(outcome.equals("rejected") || outcome.equals("failed") || outcome.equals("done"), id);
            assertTrue(!store().acks().get(id).path("reason").asText().contains("Exception")
                    || outcome.equals("done"), store().acks().get(id).toString());
        }
    }

    @SafeVarargs
    static <T> T pick(Random r, T... options) {
        return options[r.nextInt(options.length)];
    }
}
