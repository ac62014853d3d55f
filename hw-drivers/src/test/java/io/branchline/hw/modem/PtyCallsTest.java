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
import io.branchline.hw.serial.JSerialCommLink;
import io.branchline.hw.serial.SocatPtyPair;
import io.branchline.hw.time.ManualScheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Calls and call forwarding over real ptys (socat, jSerialComm) against the emulated network. */
class PtyCallsTest {
    @TempDir
    Path dir;

    final ManualScheduler time = new ManualScheduler();

    private void run(Flavour flavour, Body body) throws Exception {
        EmulatedNetwork network = new EmulatedNetwork(time);
        ModemEmulator modem = new ModemEmulator(flavour, "861234567890123",
                EmulatedSim.ready("89860012345678901234", "460001234567890", "13800000001"));
        network.register(modem);
        try (SocatPtyPair pty = SocatPtyPair.open(dir, "calls")) {
            modem.attach(JSerialCommLink.open(pty.devicePath().toString(), 115200));
            AtEngine engine = new AtEngine(JSerialCommLink.open(pty.hostPath().toString(), 115200), time.clock());
            new ModemDriver(engine).initialize();
            body.run(engine, new ModemCalls(engine, time, Duration.ofMillis(500)), network);
            engine.close();
            modem.close();
            modem.assertNoViolations();
        }
    }

    interface Body {
        void run(AtEngine engine, ModemCalls calls, EmulatedNetwork network) throws Exception;
    }

    private void until(ModemCall call, CallPhase phase) throws InterruptedException {
        for (int i = 0; i < 200 && call.phase().ordinal() < phase.ordinal(); i++) {
            time.advance(Duration.ofMillis(500));
            Thread.sleep(20);
        }
        assertTrue(call.phase().ordinal() >= phase.ordinal(), call.toString());
    }

    @ParameterizedTest
    @EnumSource(value = Flavour.class, names = {"QUECTEL_EC25", "SIMCOM_SIM7600", "HUAWEI_E1550"})
    void answeredThenHungUpByTheBox(Flavour flavour) throws Exception {
        run(flavour, (engine, calls, network) -> {
            ModemCall call = calls.dial(new DialString("13900000005"));
            until(call, CallPhase.ACTIVE);
            calls.hangUp();
            until(call, CallPhase.ENDED);
            assertEquals(EndCause.NORMAL, call.cause().orElseThrow());
        });
    }

    @Test
    void aCallHungUpTheMomentItIsDialledNeverRingsOrAnswersTheNextOne() throws Exception {
        run(Flavour.QUECTEL_EC25, (engine, calls, network) -> {
            for (int i = 0; i < 10; i++) {
                ModemCall first = calls.dial(new DialString("13900000005"));
                calls.hangUp();
                until(first, CallPhase.ENDED);
                ModemCall next = calls.dial(new DialString("13900000005"));
                for (int step = 0; step < 3; step++) {
                    time.advance(Duration.ofMillis(500));
                    Thread.sleep(30);
                }
                assertTrue(next.phase() != CallPhase.ACTIVE, "answered after 1.5 s: the first call's answer leaked");
                calls.hangUp();
                until(next, CallPhase.ENDED);
            }
        });
    }

    @Test
    void busyAndNoAnswer() throws Exception {
        run(Flavour.QUECTEL_EC25, (engine, calls, network) -> {
            ModemCall busy = calls.dial(new DialString("13900000002"));
            until(busy, CallPhase.ENDED);
            assertEquals(EndCause.BUSY, busy.cause().orElseThrow());
            ModemCall ringing = calls.dial(new DialString("13900000003"));
            until(ringing, CallPhase.ENDED);
            assertEquals(EndCause.NO_ANSWER, ringing.cause().orElseThrow());
        });
    }

    @Test
    void forwardingIsRegisteredConfirmedHonouredAndErased() throws Exception {
        run(Flavour.SIMCOM_SIM7600, (engine, calls, network) -> {
            engine.executeOk(AtCommands.forwardUnconditional(new DialString("+8613900000005")));
            assertEquals(List.of("+CCFC: 1,1,\"+8613900000005\",145"),
                    engine.executeOk(AtCommands.queryUnconditionalForwarding()));
            ModemCall call = calls.dial(new DialString("13800000001"));
            until(call, CallPhase.ACTIVE);
            assertTrue(network.records().get(0).forwarded());
            calls.hangUp();
            until(call, CallPhase.ENDED);
            engine.executeOk(AtCommands.eraseUnconditionalForwarding());
            assertEquals(List.of("+CCFC: 0,1"), engine.executeOk(AtCommands.queryUnconditionalForwarding()));
        });
    }
}
