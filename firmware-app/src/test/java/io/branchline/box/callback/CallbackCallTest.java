package io.branchline.box.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.box.RunningBox;
import io.branchline.box.SimulatedBox;
import io.branchline.box.call.CallView;
import io.branchline.hw.audio.Tone;
import io.branchline.hw.audio.ToneAfterSilence;
import io.branchline.hw.audio.ToneMeter;
import io.branchline.hw.audio.WavFile;
import io.branchline.hw.emulator.EmulatedNetwork;
import io.branchline.hw.emulator.ModemEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 融合通信 as the manual describes it: A (the agent's own phone) is rung first and answers, then B (the
 * customer) is rung and answers, and A and B talk. The agent's mobile says 1 kHz, the customer 440 Hz.
 */
class CallbackCallTest {
    @RegisterExtension
    static final RunningBox running = RunningBox.inMemory();

    @Test
    void theAgentIsRungFirstThenTheCustomerAndTheyTalkUntilEitherHangsUp() throws Exception {
        running.box().simulated().orElseThrow().keepWhatIsHeard(30);
        ModemEmulator legA = running.box().simulated().orElseThrow().bus().modemAt("1-1.3");
        ModemEmulator legB = running.box().simulated().orElseThrow().bus().modemAt("1-2.3");
        legA.voice().customerSays(() -> Tone.endless(1000));
        legB.voice().customerSays(() -> new ToneAfterSilence(300, 440, 60_000));
        EmulatedNetwork network = running.box().simulated().orElseThrow().network();

        String id = running.api().call("1001", "13900000007", "callback").id();
        CallView agentUp = running.api().await(id, v -> v.agentLeg() != null && v.agentLeg().answeredAt() != null);
        assertEquals("desk-1001", agentUp.agentLeg().line());
        assertEquals("13711110015", agentUp.agentLeg().number());
        assertTrue(network.records().stream().noneMatch(r -> r.dialed().equals("13900000007")),
                "the customer is rung only once the agent has answered");
        CallView talking = running.api().await(id, v -> "active".equals(v.state()));
        assertEquals("desk-1001b", talking.line());
        Thread.sleep(1500);
        byte[] agentHears = legA.voice().heard().bytes();
        byte[] customerHears = legB.voice().heard().bytes();
        assertTrue(ToneMeter.shareBetween(agentHears, agentHears.length / 16 - 500, agentHears.length / 16, 440) > 0.9,
                "the agent hears the customer");
        assertTrue(ToneMeter.shareBetween(customerHears, customerHears.length / 16 - 500, customerHears.length / 16,
                1000) > 0.9, "the customer hears the agent");

        assertEquals(1, network.farEndHangsUp("13711110015"), "the agent hangs up their mobile");
        CallView ended = running.api().await(id, v -> "ended".equals(v.state()) && v.hasRecording());
        assertEquals("normal", ended.endCause());
        assertNotNull(ended.agentLeg().answeredAt());
        SimulatedBox.await("both legs down", () -> running.box().lines().line("desk-1001b").orElseThrow().calls().orElseThrow()
                .current().isEmpty() && running.box().lines().line("desk-1001").orElseThrow().calls().orElseThrow().current().isEmpty());

        WavFile.Contents wav = running.api().recording(id, running.dataDir());
        assertTrue(ToneMeter.shareBetween(wav.channel(0), 200, 1200, 1000) > 0.9, "the agent leg on the left");
        assertTrue(ToneMeter.shareBetween(wav.channel(1), 600, 1200, 440) > 0.9, "the customer on the right");
        assertEquals(1, running.box().calls().records().list(new io.branchline.box.call.CallRecords.Filter(
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.of("1001"),
                java.util.Optional.of("13900000007"), java.util.Optional.empty(), 1)).size(), "one record, both legs");
    }

    @Test
    void anAgentWhosePhoneDoesNotAnswerMeansTheCustomerIsNeverCalled() throws Exception {
        String id = running.api().call("1002", "13900000008", "callback").id();
        CallView ended = running.api().await(id, v -> "ended".equals(v.state()) && v.endCause() != null);
        assertEquals("no_answer", ended.endCause());
        assertTrue(ended.detail().contains("the agent's phone 13711110022 did not answer (busy)"), ended.detail());
        assertTrue(ended.detail().contains("the customer was not called"), ended.detail());
        assertFalse(ended.hasRecording());
        assertTrue(running.box().simulated().orElseThrow().network().records().stream()
                .noneMatch(r -> r.dialed().equals("13900000008")));
    }
}
