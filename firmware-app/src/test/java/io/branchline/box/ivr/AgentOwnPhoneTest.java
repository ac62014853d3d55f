package io.branchline.box.ivr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.box.RunningBox;
import io.branchline.box.SimulatedBox;
import io.branchline.box.call.CallRecords;
import io.branchline.box.call.CallView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An agent with no desk phone on the box (a field agent, 外勤) answers the switchboard's callers on their own
 * mobile: the queue rings it by a leg out on a free line, the agent answering takes the call, their voice and
 * the caller's are joined and recorded, and the record names the leg.
 */
class AgentOwnPhoneTest {
    @RegisterExtension
    static final RunningBox running = RunningBox.inMemory("""
            agents:
              - id: "3001"
                name: 外勤3001
                callback-number: "13711113001"
            """);

    @Test
    void theQueueRingsAFieldAgentsMobileWhoAnswersAndTalksToTheCaller() throws Exception {
        for (String a : new String[] {"1001", "1002"}) {
            assertEquals(200, running.api().send("PUT", "/api/agents/" + a + "/state", "{\"state\":\"busy\"}")
                    .statusCode());
        }
        running.api().send("POST", "/api/simulate/call/hotline?from=13912347001", null);
        SimulatedBox.await("the hotline answers", () -> running.box().calls().active().stream()
                .anyMatch(c -> c.line().equals("hotline") && c.state().equals("active")));
        CallView call = running.box().calls().active().stream().filter(c -> c.line().equals("hotline")).findFirst()
                .orElseThrow();
        Thread.sleep(500);
        running.api().send("POST", "/api/simulate/call/hotline/keys?digits=0", null);
        running.api().await(call.id(), v -> v.agentLeg() != null && v.agentLeg().answeredAt() != null);
        CallView up = running.box().calls().get(call.id()).orElseThrow();
        assertEquals("3001", up.agent());
        assertEquals("sim-1", up.agentLeg().line(), "the free line nobody owns");
        assertEquals("13711113001", up.agentLeg().number());
        Thread.sleep(1000); // they talk
        running.api().send("DELETE", "/api/simulate/call/hotline", null);
        var f = CallRecords.Filter.inboundFrom("13912347001");
        SimulatedBox.await("the record", () -> !running.box().calls().records().list(f).isEmpty());
        CallView done = running.box().calls().records().list(f).get(0);
        assertEquals("normal", done.endCause(), done.detail());
        assertEquals("3001", done.agent());
        assertNotNull(done.agentLeg(), done.toString());
        assertTrue(done.hasRecording(), done.detail());
        SimulatedBox.await("sim-1 free again", () -> running.box().calls().active().isEmpty()
                && running.box().lines().line("sim-1").orElseThrow().calls().orElseThrow().current().isEmpty());
    }
}
