package io.branchline.box.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.BoxApi;
import io.branchline.box.RunningBox;
import io.branchline.box.SimulatedBox;
import io.branchline.box.crmstub.CrmStubStore;
import io.branchline.box.web.Json;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Customers call the office (呼入), as the seeds tell it: a call to a desk-phone SIM rings that phone's own
 * agent (锦呼话机呼入), the CRM pops the caller up on the agent's screen (自动弹屏), lifting the handset answers
 * and the call is recorded; an agent on a break, a blacklisted caller, a caller who gives up and a line of
 * nobody's all leave a record that says how the call ended. Emulated customers ring the simulate mode's
 * lines through its API.
 */
class InboundCallTest {
    @RegisterExtension
    static final RunningBox running = RunningBox.inMemory();

    BoxApi api() {
        return running.api();
    }

    @AfterEach
    void everyoneBackToIdle() throws Exception {
        for (String agent : List.of("1001", "1002")) {
            api().send("PUT", "/api/agents/" + agent + "/state", "{\"state\":\"idle\"}");
        }
        api().send("POST", "/api/simulate/hook/desk-1001?off-hook=false", null);
        SimulatedBox.await("no call up", () -> running.box().calls().active().isEmpty());
    }

    private CallView ringing(String line) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            Optional<CallView> v = running.box().calls().active().stream()
                    .filter(c -> c.line().equals(line) && c.direction().equals(CallView.IN)).findFirst();
            if (v.isPresent()) {
                return v.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no inbound call on " + line);
    }

    private CallView record(String id) throws Exception {
        SimulatedBox.await("the record of " + id, () -> running.box().calls().records().find(id).isPresent());
        return running.box().calls().records().find(id).orElseThrow();
    }

    /** The record of the inbound call from {@code caller}: refused ones end before a poll could see them up. */
    private CallView recordFrom(String caller) throws Exception {
        var filter = CallRecords.Filter.inboundFrom(caller);
        SimulatedBox.await("the record of the call from " + caller, () -> !running.box().calls().records()
                .list(filter).isEmpty());
        return running.box().calls().records().list(filter).get(0);
    }

    private List<CrmStubStore.Item> crm(String kind) {
        return running.box().crmStubs().stream().flatMap(s -> s.store().items().stream())
                .filter(i -> i.kind().equals(kind)).toList();
    }

    @Test
    void aCallToADeskPhoneSimRingsItsAgentPopsUpInTheCrmAndTheLiftedHandsetAnswersIt() throws Exception {
        assertEquals(200, api().send("POST", "/api/simulate/call/desk-1001?from=13912345678", null).statusCode());
        CallView call = ringing("desk-1001");
        assertEquals("1001", call.agent(), "the desk phone's own agent");
        assertEquals("13912345678", call.numberGiven());
        var gpio = running.box().simulated().orElseThrow().gpio();
        SimulatedBox.await("desk-1001's ringer rings", () -> gpio.level(
                io.branchline.box.simulate.SimulatedHardware.RINGER_1001));
        assertEquals("alerting", call.state());
        SimulatedBox.await("the screen pop reaches the CRM", () -> crm("call.incoming").stream()
                .anyMatch(i -> i.payload().toString().contains(call.id())));
        JsonNode pop = crm("call.incoming").stream().filter(i -> i.payload().toString().contains(call.id()))
                .findFirst().orElseThrow().payload();
        assertEquals("1001", pop.path("agent").asText(), pop.toString());
        assertEquals("13912345678", pop.path("caller").asText());

        assertEquals(200, api().send("POST", "/api/simulate/hook/desk-1001?off-hook=true", null).statusCode());
        api().await(call.id(), v -> v.state().equals("active"));
        SimulatedBox.await("the ringer stops once answered", () -> !gpio.level(
                io.branchline.box.simulate.SimulatedHardware.RINGER_1001));
        Thread.sleep(600); // some of the conversation reaches the recording
        assertEquals(200, api().send("DELETE", "/api/simulate/call/desk-1001", null).statusCode());
        CallView done = record(call.id());
        assertEquals(CallView.IN, done.direction());
        assertEquals("normal", done.endCause());
        assertTrue(done.connected());
        assertTrue(done.hasRecording(), done.detail());
        assertEquals("", done.numberDialed(), "nothing was dialled");
        SimulatedBox.await("the record reaches the CRM", () -> crm("call.record").stream()
                .anyMatch(i -> i.payload().toString().contains(call.id())));
        HttpResponse<String> in = api().send("GET", "/api/calls?direction=in", null);
        assertTrue(in.body().contains(call.id()), in.body());
        assertFalse(api().send("GET", "/api/calls?direction=out", null).body().contains(call.id()));
        assertEquals(400, api().send("GET", "/api/calls?direction=sideways", null).statusCode());
    }

    @Test
    void anAgentOnABreakIsNotRungTheCallIsRefusedAndKeptAsMissed() throws Exception {
        api().send("PUT", "/api/agents/1002/state", "{\"state\":\"break\"}");
        api().send("POST", "/api/simulate/call/desk-1002?from=13912345679", null);
        CallView done = recordFrom("13912345679");
        CallView call = done;
        assertEquals("missed", done.endCause());
        assertTrue(done.detail().contains("小休中"), done.detail());
        assertTrue(crm("call.incoming").stream().noneMatch(i -> i.payload().toString().contains(call.id())),
                "no screen pop for an agent who was not rung");
    }

    @Test
    void aBlacklistedCallerIsHungUpAndRecordedAsRefused() throws Exception {
        api().send("POST", "/api/guard/blacklist", "{\"numbers\":[\"13912340000\"],\"reason\":\"投诉\"}");
        try {
            api().send("POST", "/api/simulate/call/desk-1001?from=%2B8613912340000", null);
            CallView done = recordFrom("+8613912340000");
            assertEquals("refused", done.endCause());
            assertTrue(done.detail().contains("blacklist"), done.detail());
        } finally {
            api().send("DELETE", "/api/guard/blacklist/13912340000", null);
        }
    }

    @Test
    void aCallerWhoGivesUpWhileItRingsAndAWithheldNumberAreKeptAsMissed() throws Exception {
        api().send("POST", "/api/simulate/call/desk-1001", null); // withheld
        CallView call = ringing("desk-1001");
        assertEquals("", call.numberGiven());
        Thread.sleep(300);
        api().send("DELETE", "/api/simulate/call/desk-1001", null);
        CallView done = record(call.id());
        assertEquals("missed", done.endCause());
        assertFalse(done.connected());
    }

    @Test
    void anInboundCallIsAnsweredFromTheApiOnACardWithoutAHookSwitch() throws Exception {
        api().send("POST", "/api/simulate/call/desk-1001b?from=13912345670", null);
        CallView call = ringing("desk-1001b");
        assertEquals("1001", call.agent(), "card 2 of 1001's desk phone");
        String port = String.valueOf(running.box().port());
        String dir = running.dataDir().toString();
        var cli = io.branchline.box.cli.CliRun.run("answer", "--call", call.id(), "--port", port, "--data-dir", dir);
        assertEquals(0, cli.code(), cli.err());
        assertTrue(cli.out().contains("from 13912345670 on desk-1001b for agent 1001"), cli.out());
        api().await(call.id(), v -> v.state().equals("active"));
        assertEquals(409, api().send("POST", "/api/calls/" + call.id() + "/answer", null).statusCode(),
                "answered already");
        api().send("DELETE", "/api/calls/" + call.id(), null);
        assertEquals("normal", record(call.id()).endCause());
        assertEquals(404, api().send("POST", "/api/calls/no-such-call/answer", null).statusCode());
        var listed = io.branchline.box.cli.CliRun.run("calls", "--direction", "in", "--port", port, "--data-dir", dir);
        assertEquals(0, listed.code(), listed.err());
        assertTrue(listed.out().contains(call.id()) && listed.out().contains(" in "), listed.out());
        var wrong = io.branchline.box.cli.CliRun.run("calls", "--direction", "up", "--port", port, "--data-dir", dir);
        assertTrue(wrong.code() != 0 && wrong.err().contains("direction"), wrong.err());
    }

    @Test
    void aLineOfNobodysRingsUnansweredUntilTheCallerGivesUpOrRefusesWhenSetSo() throws Exception {
        api().send("POST", "/api/simulate/call/sim-1?from=13912345671", null);
        CallView call = ringing("sim-1");
        assertEquals("", call.agent());
        api().send("DELETE", "/api/simulate/call/sim-1", null);
        CallView missed = record(call.id());
        assertEquals("missed", missed.endCause());
        assertTrue(missed.detail().contains("belongs to no agent"), missed.detail());

        assertEquals(200, api().send("PUT", "/api/settings/lines/sim-1", "{\"inbound\":\"refuse\"}").statusCode());
        try {
            api().send("POST", "/api/simulate/call/sim-1?from=13912345672", null);
            assertEquals("refused", recordFrom("13912345672").endCause());
            // Told to ring its agent, a line of nobody's still keeps its callers as missed, with no screen pop.
            assertEquals(200, api().send("PUT", "/api/settings/lines/sim-1", "{\"inbound\":\"ring-agent\"}")
                    .statusCode());
            api().send("POST", "/api/simulate/call/sim-1?from=13912345673", null);
            CallView nobodys = ringing("sim-1");
            api().send("DELETE", "/api/simulate/call/sim-1", null);
            assertTrue(recordFrom("13912345673").detail().contains("belongs to no agent"));
            assertTrue(crm("call.incoming").stream().noneMatch(i -> i.payload().toString().contains(nobodys.id())));
            HttpResponse<String> bad = api().send("PUT", "/api/settings/lines/sim-1", "{\"inbound\":\"ring-everyone\"}");
            assertEquals(400, bad.statusCode());
            assertEquals("inbound", Json.MAPPER.readTree(bad.body()).path("field").asText());

            // A refusal with the line's message: answered, told, hung up, and still refused in the record.
            String prompt = Json.MAPPER.readTree(api().send("GET", "/api/prompts", null).body()).path("prompts").get(0)
                    .path("id").asText();
            for (String wrong : new String[] {"{\"inbound\":\"refuse\",\"inbound-refusal\":\"00000000-0000-0000-0000-000000000000\"}",
                "{\"inbound\":\"refuse\",\"inbound-refusal\":\"ATH\"}"}) {
                HttpResponse<String> r = api().send("PUT", "/api/settings/lines/sim-1", wrong);
                assertEquals(400, r.statusCode(), r.body());
                assertEquals("inbound-refusal", Json.MAPPER.readTree(r.body()).path("field").asText(), r.body());
            }
            assertEquals(200, api().send("PUT", "/api/settings/lines/sim-1", "{\"inbound\":\"refuse\","
                    + "\"inbound-refusal\":\"" + prompt + "\"}").statusCode());
            api().send("POST", "/api/simulate/call/sim-1?from=13912345674", null);
            CallView told = recordFrom("13912345674");
            assertEquals("refused", told.endCause(), told.detail());
            assertTrue(told.connected() && told.talkMs() > 1000, "the message was played: " + told);
        } finally {
            api().send("DELETE", "/api/settings/lines/sim-1", null);
        }
        assertEquals(404, api().send("POST", "/api/simulate/call/nowhere?from=13912345671", null).statusCode());
        assertEquals(400, api().send("POST", "/api/simulate/call/sim-1?from=*100%23", null).statusCode());
    }
}
