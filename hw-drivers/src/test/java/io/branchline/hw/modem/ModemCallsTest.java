package io.branchline.hw.modem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.hw.at.AtCommands;
import io.branchline.hw.at.AtEngine;
import io.branchline.hw.at.DialString;
import io.branchline.hw.emulator.EmulatedNetwork;
import io.branchline.hw.emulator.EmulatedSim;
import io.branchline.hw.emulator.Flavour;
import io.branchline.hw.emulator.ModemEmulator;
import io.branchline.hw.serial.MemoryLink;
import io.branchline.hw.time.ManualScheduler;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Outgoing calls against the emulated network, for every vendor's way of reporting them. */
class ModemCallsTest {
    final ManualScheduler time = new ManualScheduler();
    final EmulatedNetwork network = new EmulatedNetwork(time);
    ModemEmulator modem;
    AtEngine engine;
    ModemCalls calls;

    private void connect(Flavour flavour) {
        modem = new ModemEmulator(flavour, "861234567890123",
                EmulatedSim.ready("89860012345678901234", "460001234567890", "13800000001"));
        network.register(modem);
        MemoryLink[] cable = MemoryLink.pair("memory:calls");
        modem.attach(cable[1]);
        engine = new AtEngine(cable[0], time.clock());
        ModemDriver driver = new ModemDriver(engine);
        driver.initialize();
        calls = new ModemCalls(engine, time, Duration.ofMillis(500));
    }

    @AfterEach
    void close() {
        engine.close();
        modem.close();
        modem.assertNoViolations();
    }

    /** Moves time in half-second steps, letting the polls run, until the call reaches {@code phase}. */
    private void runUntil(ModemCall call, CallPhase phase, Duration limit) {
        long steps = limit.toMillis() / 500;
        for (int i = 0; i < steps && call.phase().ordinal() < phase.ordinal(); i++) {
            time.advance(Duration.ofMillis(500));
            settle();
        }
        Await.until(phase.label(), () -> call.phase().ordinal() >= phase.ordinal(), call::toString);
    }

    private static void settle() {
        try {
            Thread.sleep(15);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Flavour.class, names = {"QUECTEL_EC25", "SIMCOM_SIM7600", "HUAWEI_E1550"})
    void anAnsweredCallIsHungUpByTheBox(Flavour flavour) {
        connect(flavour);
        ModemCall call = calls.dial(new DialString("13900000005"));
        runUntil(call, CallPhase.ACTIVE, Duration.ofSeconds(5));
        assertTrue(call.alertingAt().isPresent());
        Duration wait = Duration.between(call.dialedAt(), call.answeredAt().orElseThrow());
        assertTrue(wait.compareTo(Duration.ofSeconds(2)) >= 0 && wait.compareTo(Duration.ofSeconds(3)) <= 0,
                wait.toString());
        time.advance(Duration.ofSeconds(7));
        calls.hangUp();
        Await.until("ended", () -> call.phase() == CallPhase.ENDED, call::toString);
        assertEquals(EndCause.NORMAL, call.cause().orElseThrow());
        assertEquals("hung up by the box", call.detail());
    }

    @ParameterizedTest
    @EnumSource(value = Flavour.class, names = {"QUECTEL_EC25", "SIMCOM_SIM7600", "HUAWEI_E1550"})
    void theCustomerHangsUpAfterTenSeconds(Flavour flavour) {
        connect(flavour);
        ModemCall call = calls.dial(new DialString("13900000001"));
        runUntil(call, CallPhase.ENDED, Duration.ofSeconds(15));
        assertEquals(EndCause.NORMAL, call.cause().orElseThrow());
        Duration talk = Duration.between(call.answeredAt().orElseThrow(), call.endedAt().orElseThrow());
        assertTrue(talk.compareTo(Duration.ofSeconds(10)) >= 0 && talk.compareTo(Duration.ofSeconds(11)) <= 0,
                talk.toString());
    }

    @ParameterizedTest
    @EnumSource(value = Flavour.class, names = {"QUECTEL_EC25", "SIMCOM_SIM7600", "HUAWEI_E1550"})
    void busy(Flavour flavour) {
        connect(flavour);
        ModemCall call = calls.dial(new DialString("13900000002"));
        runUntil(call, CallPhase.ENDED, Duration.ofSeconds(5));
        assertEquals(EndCause.BUSY, call.cause().orElseThrow());
        assertTrue(call.answeredAt().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(value = Flavour.class, names = {"QUECTEL_EC25", "SIMCOM_SIM7600", "HUAWEI_E1550"})
    void noAnswer(Flavour flavour) {
        connect(flavour);
        ModemCall call = calls.dial(new DialString("13900000003"));
        runUntil(call, CallPhase.ALERTING, Duration.ofSeconds(2));
        runUntil(call, CallPhase.ENDED, Duration.ofSeconds(65));
        assertEquals(EndCause.NO_ANSWER, call.cause().orElseThrow());
    }

    @ParameterizedTest
    @EnumSource(value = Flavour.class, names = {"QUECTEL_EC25", "HUAWEI_E1550"})
    void rejectedIsToldApartWhereTheModemGivesTheCause(Flavour flavour) {
        connect(flavour);
        ModemCall call = calls.dial(new DialString("13900000004"));
        runUntil(call, CallPhase.ENDED, Duration.ofSeconds(6));
        // Huawei's ^CEND carries cause 21; a plain modem only says NO CARRIER.
        assertEquals(flavour == Flavour.HUAWEI_E1550 ? EndCause.REJECTED : EndCause.NO_CARRIER,
                call.cause().orElseThrow());
    }

    @ParameterizedTest
    @EnumSource(value = Flavour.class, names = {"QUECTEL_EC25"})
    void aSimWithoutNetworkFailsTheDialWithTheModemsWords(Flavour flavour) {
        connect(flavour);
        modem.registration(3);
        ModemCall call = calls.dial(new DialString("13900000005"));
        assertEquals(CallPhase.ENDED, call.phase());
        assertEquals(EndCause.NO_CARRIER, call.cause().orElseThrow());
    }

    @ParameterizedTest
    @EnumSource(value = Flavour.class, names = {"QUECTEL_EC25"})
    void callingOnesOwnForwardedNumberReachesTheForwardedToParty(Flavour flavour) {
        connect(flavour);
        engine.executeOk(AtCommands.forwardUnconditional(new DialString("13900000005")));
        assertEquals(List.of("+CCFC: 1,1,\"13900000005\",129"),
                engine.executeOk(AtCommands.queryUnconditionalForwarding()));
        ModemCall call = calls.dial(new DialString("13800000001"));
        runUntil(call, CallPhase.ACTIVE, Duration.ofSeconds(5));
        EmulatedNetwork.Record r = network.records().get(0);
        assertEquals("13800000001", r.caller());
        assertEquals("13900000005", r.reached());
        assertTrue(r.forwarded());
        calls.hangUp();
        engine.executeOk(AtCommands.eraseUnconditionalForwarding());
        assertEquals(List.of("+CCFC: 0,1"), engine.executeOk(AtCommands.queryUnconditionalForwarding()));
    }
}
