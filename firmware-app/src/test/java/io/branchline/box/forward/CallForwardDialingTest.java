package io.branchline.box.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.box.Box;
import io.branchline.box.SimulatedBox;
import io.branchline.box.call.CallRequestException;
import io.branchline.box.call.CallView;
import io.branchline.box.config.ConfigLoader;
import io.branchline.hw.at.AtCommands;
import io.branchline.hw.at.DialString;
import io.branchline.hw.emulator.EmulatedNetwork;
import io.branchline.hw.emulator.ModemEmulator;
import io.branchline.hw.modem.LineState;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Call-forward dialing (呼叫转移外呼) as the seed manual describes it, on a simulated box whose agents have
 * two-modem desk phones: card 1 is desk-100x, card 2 desk-100xb.
 */
class CallForwardDialingTest {
    @TempDir
    static Path dataDir;

    static Box box;

    @BeforeAll
    static void start() throws Exception {
        var config = ConfigLoader.parse("calls:\n  forward-delay-ms: 100\nagents:\n  - id: \"1003\"\n    line: sim-1\n",
                "test.yaml");
        // The modems are reached over real ptys (socat, jSerialComm), as on the box.
        box = SimulatedBox.startOverPtys(config, dataDir, dataDir);
    }

    @AfterAll
    static void stop() {
        box.close();
    }

    @BeforeEach
    void noCallsUp() {
        await("no call up", () -> box.calls().active().isEmpty());
    }

    static void await(String what, java.util.function.BooleanSupplier cond) {
        SimulatedBox.await(what, cond);
    }

    static CallView awaitRecord(String id, Predicate<CallView> cond) {
        await("call " + id, () -> box.calls().records().find(id).filter(cond).isPresent()
                && box.calls().active().stream().noneMatch(c -> c.id().equals(id)));
        return box.calls().records().find(id).orElseThrow();
    }

    static ModemEmulator modem(String usbPath) {
        return box.simulated().orElseThrow().bus().modemAt(usbPath);
    }

    static EmulatedNetwork network() {
        return box.simulated().orElseThrow().network();
    }

    static EmulatedNetwork.Record lastRecordFor(String reached) {
        List<EmulatedNetwork.Record> r = network().records().stream().filter(x -> x.reached().equals(reached)).toList();
        return r.get(r.size() - 1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "forward-1-1, desk-1001,  13800001001, 13800001001, 13900001005, 1-1.3",
        "forward-2-2, desk-1001b, 13800011001, 13800011001, 13900002005, 1-2.3",
        "forward-1-2, desk-1001,  13800001001, 13800011001, 13900003005, 1-2.3",
        "forward-2-1, desk-1001b, 13800011001, 13800001001, 13900004005, 1-1.3"})
    void theCustomerIsReachedThroughTheForwardingSimAndSeesTheCallerSim(String mode, String callerLine,
            String callerNumber, String dialed, String customer, String forwardingModem) {
        CallView placed = box.calls().start("1001", customer, "c-1", mode);
        await("answered", () -> box.calls().get(placed.id()).map(v -> v.state().equals("active")).orElse(false));
        EmulatedNetwork.Record seen = lastRecordFor(customer);
        assertEquals(callerNumber, seen.caller(), "the customer sees the caller SIM's number");
        assertEquals(dialed, seen.dialed(), "the caller SIM dialled the forwarding SIM's own number");
        assertTrue(seen.forwarded());
        assertEquals(customer, modem(forwardingModem).sim().forwardTo(), "forwarding is up during the call");
        box.calls().hangUp(placed.id());
        CallView ended = awaitRecord(placed.id(), v -> true);
        assertEquals("normal", ended.endCause());
        assertEquals(mode, ended.mode());
        assertEquals(callerLine, ended.line());
        assertEquals(callerNumber, ended.simNumber());
        assertEquals(dialed, ended.numberDialed());
        assertEquals(customer, ended.numberGiven());
        assertEquals("", modem(forwardingModem).sim().forwardTo(), "erased when the call ended");
        assertTrue(box.forwarding().open().isEmpty(), "the journal holds nothing open");
    }

    @Test
    void autoModeMovesToTheNextCardEveryFiveCalls() {
        List<String> modes = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            CallView placed = box.calls().start("1002", "1390000100" + 2, "", "forward-auto");
            modes.add(awaitRecord(placed.id(), v -> true).mode());
        }
        assertEquals(List.of("forward-1-1", "forward-1-1", "forward-1-1", "forward-1-1", "forward-1-1", "forward-2-2"),
                modes);
    }

    @Test
    void refusedAutoRequestsDoNotMoveTheAgentOnACard() {
        CallView ringing = box.calls().start("1001", "13900000003", "", "direct"); // holds card 1, never answered
        await("ringing", () -> box.calls().get(ringing.id()).map(v -> v.state().equals("alerting")).orElse(false));
        for (int i = 0; i < 3; i++) {
            assertThrows(io.branchline.box.call.CallRequestException.class,
                    () -> box.calls().start("1001", "13900001002", "", "forward-auto"), "card 1 is busy");
        }
        box.calls().hangUp(ringing.id());
        awaitRecord(ringing.id(), v -> true);
        List<String> modes = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            CallView placed = box.calls().start("1001", "13900001002", "", "forward-auto");
            modes.add(awaitRecord(placed.id(), v -> true).mode());
        }
        assertEquals(List.of("forward-1-1", "forward-1-1", "forward-1-1", "forward-1-1", "forward-1-1", "forward-2-2"),
                modes, "five calls placed on card 1 before card 2, the refused ones not counted");
    }

    @Test
    void aSimThatCannotForwardFallsBackToTheOtherCard() {
        ModemEmulator card1 = modem("1-1.3");
        card1.sim().refuseForwarding(30);
        try {
            CallView placed = box.calls().start("1001", "13900005002", "", "forward-1-1");
            CallView ended = awaitRecord(placed.id(), v -> true);
            assertEquals("forward-2-2", ended.mode());
            assertEquals("desk-1001b", ended.line());
            assertEquals("busy", ended.endCause());
            assertTrue(ended.detail().contains("cannot forward"), ended.detail());
            assertEquals("", card1.sim().forwardTo());
        } finally {
            card1.sim().refuseForwarding(0);
        }
    }

    @Test
    void whenNoSimCanForwardTheCallFailsAndNothingIsDialled() {
        ModemEmulator card1 = modem("1-1.4");
        ModemEmulator card2 = modem("1-2.4");
        card1.sim().refuseForwarding(171);
        card2.sim().refuseForwarding(171);
        card1.drainCommands();
        card2.drainCommands();
        try {
            CallView placed = box.calls().start("1002", "13900006005", "", "forward-2-1");
            CallView ended = awaitRecord(placed.id(), v -> true);
            assertEquals("failed", ended.endCause());
            assertTrue(ended.detail().contains("forward"), ended.detail());
            assertEquals("", ended.numberDialed(), "the record says nothing was dialled");
            assertTrue(card1.drainCommands().stream().noneMatch(c -> c.startsWith("ATD")));
            assertTrue(card2.drainCommands().stream().noneMatch(c -> c.startsWith("ATD")));
        } finally {
            card1.sim().refuseForwarding(0);
            card2.sim().refuseForwarding(0);
        }
    }

    @Test
    void aHangUpBeforeTheDialErasesTheForwardingAndDialsNothing() {
        ModemEmulator card1 = modem("1-1.3");
        card1.drainCommands();
        CallView placed = box.calls().start("1001", "13900007005", "", "forward-1-1");
        box.calls().hangUp(placed.id());
        CallView ended = awaitRecord(placed.id(), v -> true);
        assertEquals("cancelled", ended.endCause(), "hung up before an answer: not a normal call");
        assertTrue(ended.detail().contains("before dialling"), ended.detail());
        assertEquals("", ended.numberDialed());
        assertTrue(card1.drainCommands().stream().noneMatch(c -> c.startsWith("ATD")));
        assertEquals("", card1.sim().forwardTo());
        assertTrue(box.forwarding().open().isEmpty());
    }

    @Test
    void forwardingLeftBehindByACrashIsErasedWhenTheLineIsBack() {
        io.branchline.hw.line.Line line = box.lines().line("desk-1002").orElseThrow();
        // As if the box died mid-call: the journal says desk-1002 forwards to a customer, and the SIM does.
        box.forwarding().open(new ForwardingJournal.Entry("crashed-call", "desk-1002",
                line.snapshot().identity().iccid(), "13900008005"));
        line.engine().orElseThrow().executeOk(AtCommands.forwardUnconditional(new DialString("13900008005")));
        assertEquals("13900008005", modem("1-1.4").sim().forwardTo());
        box.simulated().orElseThrow().bus().unplug("1-1.4");
        await("down", () -> line.snapshot().status().state() == LineState.DOWN);
        box.simulated().orElseThrow().bus().replug("1-1.4");
        await("erased", () -> box.forwarding().open().isEmpty());
        assertEquals("", modem("1-1.4").sim().forwardTo());
    }

    @Test
    void crossedModesNeedTwoSimsAndCallForwardNeedsTheAgentsOwnPhone() {
        CallRequestException noPhone = assertThrows(CallRequestException.class,
                () -> box.calls().start("1003", "13900009005", "", "forward-1-2"));
        assertEquals("mode", noPhone.field());
        assertTrue(noPhone.getMessage().contains("two SIMs"), noPhone.getMessage());
    }
}
