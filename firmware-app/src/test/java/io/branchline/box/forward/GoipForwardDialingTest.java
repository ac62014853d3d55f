package io.branchline.box.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.box.RunningBox;
import io.branchline.box.SimulatedBox;
import io.branchline.box.call.CallView;
import io.branchline.hw.emulator.EmulatedGoipPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Call-forward dialing (呼叫转移) on a GoIP port: the agent's card is a GoIP port, whose SIM the box forwards
 * to the customer with the GoIP's CF command before the port dials its own number over SIP; the network
 * forwards the call, and the forwarding is erased once the call is over.
 */
class GoipForwardDialingTest {
    @RegisterExtension
    static final RunningBox running = RunningBox.inMemory("""
            agents:
              - id: "4001"
                name: 王五
                line: goip-1
            """);

    private EmulatedGoipPort port() {
        return running.box().simulated().orElseThrow().goipPort("goip-1").orElseThrow();
    }

    @Test
    void theGoipPortsSimForwardsToTheCustomerThePortDialsItselfAndTheForwardingIsErasedAfter() throws Exception {
        SimulatedBox.await("goip-1 carries calls", () -> port().sipRegistered()
                && running.box().lines().line("goip-1").orElseThrow().calls().isPresent());
        CallView placed = running.box().calls().start("4001", "13900006005", "", "forward-1-1");
        SimulatedBox.await("forwarded to the customer", () -> port().forwardTo().equals("13900006005"));
        SimulatedBox.await("the port dials its own number", () -> port().dialled().equals("13800000201"));
        running.api().await(placed.id(), v -> v.answeredAt() != null);
        assertTrue(running.box().simulated().orElseThrow().network().records().stream().anyMatch(r -> r.forwarded()
                && r.dialed().equals("13800000201") && r.reached().equals("13900006005")));
        running.box().calls().hangUp(placed.id());
        SimulatedBox.await("the record", () -> running.box().calls().records().find(placed.id()).isPresent());
        CallView done = running.box().calls().records().find(placed.id()).orElseThrow();
        assertEquals("forward-1-1", done.mode());
        assertEquals("goip-1", done.line());
        assertEquals("normal", done.endCause(), done.detail());
        SimulatedBox.await("the forwarding erased", () -> port().forwardTo().isEmpty()
                && running.box().forwarding().open().isEmpty());
    }
}
