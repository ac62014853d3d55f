package io.branchline.hw.modem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.hw.at.AtEngine;
import io.branchline.hw.at.DialString;
import io.branchline.hw.emulator.EmulatedNetwork;
import io.branchline.hw.emulator.EmulatedSim;
import io.branchline.hw.emulator.Flavour;
import io.branchline.hw.emulator.ModemEmulator;
import io.branchline.hw.serial.JSerialCommLink;
import io.branchline.hw.serial.SocatPtyPair;
import io.branchline.hw.time.ManualScheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A customer calls a line (the seed's 呼入): RING or +CRING: VOICE with +CLIP (27.007 7.6), repeated while it
 * rings, over real ptys (socat, jSerialComm) to the emulated modem. The box hears of it once, with the
 * caller's number, answers (ATA) or refuses it, and a caller who gives up leaves a call that rang unanswered.
 */
class IncomingCallPtyTest {
    @TempDir
    Path dir;

    final ManualScheduler time = new ManualScheduler();

    interface Body {
        void run(ModemEmulator modem, ModemCalls calls, List<ModemCall> heard) throws Exception;
    }

    private void run(Flavour flavour, Body body) throws Exception {
        EmulatedNetwork network = new EmulatedNetwork(time);
        ModemEmulator modem = new ModemEmulator(flavour, "861234567890123",
                EmulatedSim.ready("89860012345678901234", "460001234567890", "13800000001"));
        network.register(modem);
        try (SocatPtyPair pty = SocatPtyPair.open(dir, "incoming")) {
            modem.attach(JSerialCommLink.open(pty.devicePath().toString(), 115200));
            AtEngine engine = new AtEngine(JSerialCommLink.open(pty.hostPath().toString(), 115200), time.clock());
            VendorProfile profile = new ModemDriver(engine).initialize();
            ModemCalls calls = new ModemCalls(engine, time, Duration.ofMillis(500));
            calls.detectKeys(profile.keyDetection());
            List<ModemCall> heard = new CopyOnWriteArrayList<>();
            calls.onIncoming(heard::add);
            body.run(modem, calls, heard);
            engine.close();
            modem.close();
            modem.assertNoViolations();
        }
    }

    private void until(String what, java.util.function.BooleanSupplier cond) throws InterruptedException {
        for (int i = 0; i < 300 && !cond.getAsBoolean(); i++) {
            time.advance(Duration.ofMillis(500));
            Thread.sleep(20);
        }
        assertTrue(cond.getAsBoolean(), what);
    }

    @ParameterizedTest
    @EnumSource(value = Flavour.class, names = {"QUECTEL_EC25", "SIMCOM_SIM7600", "HUAWEI_E1550"})
    void aCustomersCallIsHeardOnceWithTheirNumberAnsweredAndEndsWhenTheyHangUp(Flavour flavour) throws Exception {
        run(flavour, (modem, calls, heard) -> {
            ModemEmulator.Incoming in = modem.ring("13912345678");
            until("the box hears of the call", () -> heard.size() == 1);
            ModemCall call = heard.get(0);
            assertTrue(call.incoming());
            assertEquals("13912345678", call.number());
            assertEquals(CallPhase.ALERTING, call.phase(), "ringing here");
            assertThrows(IllegalStateException.class, () -> calls.dial(new DialString("13900000005")),
                    "a line ringing is a line busy");
            Thread.sleep(ModemEmulator.RING_EVERY.toMillis() + 500); // it rings again: still one call
            assertEquals(1, heard.size());
            assertTrue(calls.answer(), "ATA");
            assertEquals(CallPhase.ACTIVE, call.phase());
            assertTrue(in.answered(), "the modem connected it");
            in.callerHangsUp();
            until("the call ends", () -> call.phase() == CallPhase.ENDED);
            assertEquals(EndCause.NORMAL, call.cause().orElseThrow());
            assertTrue(calls.current().isEmpty());
        });
    }

    @ParameterizedTest
    @EnumSource(value = Flavour.class, names = {"QUECTEL_EC25", "SIMCOM_SIM7600", "HUAWEI_E1550"})
    void theKeysACallerPressesAreReportedByModemsThatDetectThemAndByNoOther(Flavour flavour) throws Exception {
        run(flavour, (modem, calls, heard) -> {
            boolean detects = flavour != Flavour.HUAWEI_E1550; // +QTONEDET=1, +DDET=1; the E1550 has neither
            assertEquals(detects, calls.keysFromLine());
            List<Character> keys = new CopyOnWriteArrayList<>();
            calls.keysTo(keys::add);
            ModemEmulator.Incoming in = modem.ring("13912345678");
            until("heard", () -> heard.size() == 1);
            modem.press("9"); // before the answer: no call to report keys of
            assertTrue(calls.answer());
            modem.press("12*#0");
            Thread.sleep(1500);
            assertEquals(detects ? List.of('1', '2', '*', '#', '0') : List.of(), keys);
            in.callerHangsUp();
            until("ended", () -> heard.get(0).phase() == CallPhase.ENDED);
        });
    }

    @Test
    void aCallerWhoGivesUpBeforeTheAnswerLeavesACallThatRangUnanswered() throws Exception {
        run(Flavour.QUECTEL_EC25, (modem, calls, heard) -> {
            ModemEmulator.Incoming in = modem.ring("+8613912345678");
            until("heard", () -> heard.size() == 1);
            assertEquals("+8613912345678", heard.get(0).number(), "an international caller as the network gave it");
            in.callerHangsUp();
            ModemCall call = heard.get(0);
            until("ended", () -> call.phase() == CallPhase.ENDED);
            assertEquals(EndCause.NO_ANSWER, call.cause().orElseThrow());
            assertTrue(call.detail().contains("caller hung up"), call.detail());
            assertFalse(calls.answer(), "nothing rings any more");
        });
    }

    @Test
    void aWithheldCallerIsAnnouncedAsWithheldAndARefusedCallEndsRejected() throws Exception {
        run(Flavour.SIMCOM_SIM7600, (modem, calls, heard) -> {
            ModemEmulator.Incoming in = modem.ring("");
            until("heard", () -> heard.size() == 1);
            ModemCall call = heard.get(0);
            assertTrue(call.withheld());
            assertEquals("", call.number());
            calls.hangUp();
            until("ended", () -> call.phase() == CallPhase.ENDED);
            assertEquals(EndCause.REJECTED, call.cause().orElseThrow());
            assertFalse(in.present(), "the modem let it go");
            // The line takes the next call, in or out.
            ModemCall out = calls.dial(new DialString("13900000002"));
            until("busy number ends", () -> out.phase() == CallPhase.ENDED);
            Thread.sleep(100);
            assertEquals(1, heard.size(), "an outgoing call is never announced as a caller");
        });
    }
}
