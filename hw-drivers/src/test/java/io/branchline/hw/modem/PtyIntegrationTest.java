package io.branchline.hw.modem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.hw.at.AtCommands;
import io.branchline.hw.at.AtEngine;
import io.branchline.hw.at.AtResponse;
import io.branchline.hw.at.Urc;
import io.branchline.hw.emulator.EmulatedSim;
import io.branchline.hw.emulator.EmulatedUsbBus;
import io.branchline.hw.emulator.Flavour;
import io.branchline.hw.emulator.ModemEmulator;
import io.branchline.hw.serial.JSerialCommLink;
import io.branchline.hw.serial.SocatPtyPair;
import io.branchline.hw.time.ManualScheduler;
import io.branchline.hw.time.SystemScheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The serial path for real: socat pty pairs opened with jSerialComm, the emulator on the other end. */
class PtyIntegrationTest {
    @TempDir
    Path dir;

    private ModemEmulator modem() {
        return new ModemEmulator(Flavour.QUECTEL_EC25, "861234567890123",
                EmulatedSim.ready("89860012345678901234", "460001234567890", ""));
    }

    @Test
    void theEngineOverAPtyHandlesSplitLinesCrOnlyEndingsAndUrcsInsideResponses() throws Exception {
        ModemEmulator m = modem();
        List<Urc> urcs = new CopyOnWriteArrayList<>();
        try (SocatPtyPair pty = SocatPtyPair.open(dir, "m");
             SystemScheduler time = new SystemScheduler()) {
            m.attach(JSerialCommLink.open(pty.devicePath().toString(), 115200));
            AtEngine engine = new AtEngine(JSerialCommLink.open(pty.hostPath().toString(), 115200), time.clock());
            engine.onUrc(urcs::add);
            assertEquals(List.of("+CSQ: 20,99"), engine.execute(AtCommands.signal()).lines());
            m.splitWrites(3);
            assertEquals(List.of("861234567890123"), engine.execute(AtCommands.imei()).lines());
            m.splitWrites(0);
            m.crOnlyLineEndings(true);
            assertEquals(List.of("EC25"), engine.execute(AtCommands.model()).lines());
            m.crOnlyLineEndings(false);
            m.injectDuring("AT+CREG?", "RING");
            AtResponse r = engine.execute(AtCommands.registration());
            assertEquals(List.of("+CREG: 0,1"), r.lines());
            long deadline = System.currentTimeMillis() + 2000;
            while (urcs.isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            assertEquals("RING", urcs.get(0).name());
            engine.close();
            m.close();
            m.assertNoViolations();
        }
    }

    @Test
    void aLineOverPtysSurvivesAHundredVanishAndReturnCyclesWithoutLeaks() throws Exception {
        ManualScheduler time = new ManualScheduler();
        LineHealthSettings fast = new LineHealthSettings(Duration.ofSeconds(30), 2, Duration.ofSeconds(5),
                Duration.ofSeconds(1), Duration.ofSeconds(1));
        try (EmulatedUsbBus bus = EmulatedUsbBus.overPtys(time, Duration.ofSeconds(5), dir)) {
            bus.plug("1-1.3", 2, modem());
            ModemLine line = new ModemLine("pty-1", ModemAddress.usb("1-1.3", 2), bus, bus, time, fast);
            line.start();
            awaitUp(line, time);
            int readersBefore = AtEngine.liveReaders();
            long fdsBefore = openFds();
            for (int cycle = 0; cycle < 100; cycle++) {
                bus.unplug("1-1.3");
                Await.until("down in cycle " + cycle, () -> line.snapshot().status().state() == LineState.DOWN,
                        line::snapshot);
                bus.replug("1-1.3");
                awaitUp(line, time);
            }
            assertTrue(line.snapshot().port().endsWith("-101-host"), line.snapshot().port());
            Await.until("no leaked reader threads", () -> AtEngine.liveReaders() <= readersBefore,
                    AtEngine::liveReaders);
            long fdsAfter = openFds();
            assertTrue(fdsAfter <= fdsBefore + 2, "file descriptors before " + fdsBefore + ", after " + fdsAfter);
            line.close();
        }
    }

    private static void awaitUp(ModemLine line, ManualScheduler time) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (line.snapshot().status().state() != LineState.UP) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("line not up: " + line.snapshot());
            }
            time.advance(Duration.ofSeconds(1));
            Thread.sleep(10);
        }
    }

    private static long openFds() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }
}
