package io.branchline.hw.modem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.hw.at.parse.Registration;
import io.branchline.hw.emulator.EmulatedSim;
import io.branchline.hw.emulator.EmulatedUsbBus;
import io.branchline.hw.emulator.Flavour;
import io.branchline.hw.emulator.ModemEmulator;
import io.branchline.hw.time.ManualScheduler;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A line kept alive against emulated modems on an in-memory USB bus, with time moved by hand. */
class ModemLineTest {
    final ManualScheduler time = new ManualScheduler();
    final EmulatedUsbBus bus = EmulatedUsbBus.inMemory(time, Duration.ofSeconds(5));
    ModemLine line;

    @AfterEach
    void tearDown() {
        if (line != null) {
            line.close();
        }
        bus.close();
    }

    private ModemEmulator plug(Flavour flavour, EmulatedSim sim) {
        ModemEmulator m = new ModemEmulator(flavour, "861234567890123", sim);
        bus.plug("1-1.2", 2, m);
        return m;
    }

    private ModemLine open(ModemAddress address) {
        line = new ModemLine("modem-1", address, bus, bus, time, LineHealthSettings.defaults());
        line.start();
        return line;
    }

    private void awaitState(LineState state) {
        Await.until("state " + state, () -> line.snapshot().status().state() == state, () -> line.snapshot());
    }

    /** Moves time a second at a time, letting the line's thread run in between, until {@code cond} holds. */
    private void advanceUntil(java.util.function.BooleanSupplier cond) {
        for (int i = 0; i < 60 && !cond.getAsBoolean(); i++) {
            time.advance(Duration.ofSeconds(1));
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Await.until("condition", cond, line::snapshot);
    }

    @Test
    void aLineWhoseModemHangsWhileOpeningSaysHowLongItsLoopHasBeenInThatStep() throws Exception {
        plug(Flavour.QUECTEL_EC25, EmulatedSim.ready("89860012345678901234", "460001234567890", "+8613800000001"));
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        line = new ModemLine("modem-1", ModemAddress.usb("1-1.2", 2), bus, c -> {
            try {
                release.await(); // a driver stuck in open(): the loop never gets to its next step
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new io.branchline.hw.serial.SerialLinkException("gave up");
        }, time, LineHealthSettings.defaults());
        assertEquals(Duration.ZERO, line.busyFor(), "idle before it starts");
        line.start();
        Thread.sleep(300);
        assertTrue(line.busyFor().toMillis() >= 200, "stuck for " + line.busyFor());
        assertTrue(!line.probed(), "not probed while stuck");
        release.countDown();
        Await.until("probed", line::probed, line::snapshot);
        Await.until("idle again", () -> line.busyFor().isZero(), line::snapshot);
    }

    @Test
    void aRegisteredModemComesUpWithItsIdentitySignalAndOperator() {
        plug(Flavour.QUECTEL_EC25, EmulatedSim.ready("89860012345678901234", "460001234567890", "+8613800000001"))
                .signal(19);
        open(ModemAddress.usb("1-1.2", 2));
        awaitState(LineState.UP);
        LineSnapshot s = line.snapshot();
        assertEquals(VendorProfile.QUECTEL_EC2X, s.profile());
        assertEquals("861234567890123", s.identity().imei());
        assertEquals("460001234567890", s.identity().imsi());
        assertEquals("89860012345678901234", s.identity().iccid());
        assertEquals("+8613800000001", s.identity().ownNumber());
        assertEquals("CHINA MOBILE", s.status().operator());
        assertEquals(-75, s.status().signal().dbm().getAsInt());
        assertEquals(5, s.status().signal().bars());
        assertEquals(Registration.Status.HOME, s.status().registration());
    }

    @Test
    void theInitSequenceTurnsOnWhatTheBoxNeeds() {
        ModemEmulator m = plug(Flavour.HUAWEI_E1550, EmulatedSim.ready("8986001", "460001", ""));
        open(ModemAddress.usb("1-1.2", 2));
        awaitState(LineState.UP);
        var sent = m.drainCommands();
        assertTrue(sent.containsAll(java.util.List.of("ATE0", "AT+CMEE=2", "AT+CLIP=1", "AT+CREG=2", "AT^CURC=1")),
                sent.toString());
        assertEquals(VendorProfile.HUAWEI_E1550, line.snapshot().profile());
        m.assertNoViolations();
    }

    @Test
    void huaweiSignalReportsUpdateTheLineBetweenPolls() {
        ModemEmulator m = plug(Flavour.HUAWEI_E1550, EmulatedSim.ready("8986001", "460001", ""));
        open(ModemAddress.usb("1-1.2", 2));
        awaitState(LineState.UP);
        m.signal(4);
        Await.until("signal -105 dBm", () -> line.snapshot().status().signal().dbm().orElse(0) == -105, line::snapshot);
        assertEquals(1, line.snapshot().status().signal().bars());
    }

    @Test
    void aSimThatWantsItsPinShowsPinNeededAndNoImsi() {
        plug(Flavour.SIMCOM_SIM7600, EmulatedSim.locked("89860087654321098765", "460009876543210", "1234"));
        open(ModemAddress.usb("1-1.2", 2));
        awaitState(LineState.PIN_NEEDED);
        assertEquals("", line.snapshot().identity().imsi());
        assertEquals(VendorProfile.SIMCOM_SIM7600, line.snapshot().profile());
        assertTrue(line.snapshot().status().detail().contains("PIN"));
    }

    @Test
    void aConfiguredPinOpensTheSimOnce() {
        ModemEmulator m = plug(Flavour.QUECTEL_EC25, EmulatedSim.locked("89860087654321098765", "460009876543210",
                "4321"));
        line = new ModemLine("modem-1", ModemAddress.usb("1-1.2", 2), bus, bus, time, LineHealthSettings.defaults())
                .simPin("4321");
        line.start();
        awaitState(LineState.UP);
        assertEquals("460009876543210", line.snapshot().identity().imsi());
        assertEquals(1, m.drainCommands().stream().filter(c -> c.startsWith("AT+CPIN=")).count());
    }

    @Test
    void aRefusedPinIsNeverTriedAgain() {
        ModemEmulator m = plug(Flavour.QUECTEL_EC25, EmulatedSim.locked("89860087654321098765", "460009876543210",
                "4321"));
        line = new ModemLine("modem-1", ModemAddress.usb("1-1.2", 2), bus, bus, time, LineHealthSettings.defaults())
                .simPin("1111");
        line.start();
        Await.until("refusal explained", () -> line.snapshot().status().detail().contains("refused the configured PIN"),
                line::snapshot);
        for (int i = 0; i < 3; i++) {
            line.pollNow();
            time.advance(Duration.ofSeconds(31));
        }
        Await.until("polled", () -> m.drainCommands().contains("AT+CSQ"), line::snapshot);
        assertEquals(LineState.PIN_NEEDED, line.snapshot().status().state());
        assertTrue(line.snapshot().status().detail().contains("not tried again"));
        assertEquals(0, m.drainCommands().stream().filter(c -> c.startsWith("AT+CPIN=")).count());
    }

    @Test
    void aPinThatIsNotFourToEightDigitsIsRefusedBeforeAnythingStarts() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.branchline.hw.at.InvalidAtArgumentException.class,
                () -> new ModemLine("x", ModemAddress.usb("1-1.2", 2), bus, bus, time, LineHealthSettings.defaults())
                        .simPin("12\"3"));
        assertEquals("pin", e.field());
    }

    @Test
    void noSimCard() {
        plug(Flavour.SIMCOM_SIM800, EmulatedSim.absent());
        open(ModemAddress.usb("1-1.2", 2));
        awaitState(LineState.NO_SIM);
    }

    @Test
    void losingTheNetworkShowsAtOnceThroughTheRegistrationUrc() {
        ModemEmulator m = plug(Flavour.QUECTEL_EC25, EmulatedSim.ready("8986001", "460001", ""));
        open(ModemAddress.usb("1-1.2", 2));
        awaitState(LineState.UP);
        m.registration(2);
        awaitState(LineState.NOT_REGISTERED);
        m.registration(1);
        awaitState(LineState.UP);
    }

    @Test
    void aVanishedPortMarksTheLineDownAndItIsFoundAgainUnderItsNewName() {
        plug(Flavour.QUECTEL_EC25, EmulatedSim.ready("8986001", "460001", ""));
        open(ModemAddress.usb("1-1.2", 2));
        awaitState(LineState.UP);
        String firstPort = line.snapshot().port();
        bus.unplug("1-1.2");
        awaitState(LineState.DOWN);
        assertTrue(line.snapshot().status().detail().contains("vanished"), line.snapshot().toString());
        // Not back yet: the line keeps looking, with backoff.
        advanceUntil(() -> line.snapshot().status().detail().contains("not found"));
        bus.replug("1-1.2");
        advanceUntil(() -> line.snapshot().status().state() == LineState.UP);
        assertNotEquals(firstPort, line.snapshot().port());
    }

    @Test
    void aModemThatStopsAnsweringIsRestartedAndReopened() {
        ModemEmulator m = plug(Flavour.QUECTEL_EC25, EmulatedSim.ready("8986001", "460001", ""));
        open(ModemAddress.usb("1-1.2", 2));
        awaitState(LineState.UP);
        m.goSilent(true);
        m.drainCommands();
        line.pollNow();
        // AT+CPIN? (10 s) and then the ping (1 s) go unanswered: two in a row, so restart.
        assertEquals("AT+CPIN?", m.takeCommand(Duration.ofSeconds(5)));
        time.advance(Duration.ofSeconds(10));
        assertEquals("AT", m.takeCommand(Duration.ofSeconds(5)));
        time.advance(Duration.ofSeconds(1));
        assertEquals("AT+CFUN=1,1", m.takeCommand(Duration.ofSeconds(5)));
        awaitState(LineState.DOWN);
        assertEquals(1, line.snapshot().restarts());
        assertTrue(line.snapshot().status().detail().contains("restarting"));
        // The line looks again once the restart wait is over; move time until it has.
        advanceUntil(() -> line.snapshot().status().state() == LineState.UP);
    }

    @Test
    void aRestartedUsbModemReEnumeratesAndIsFoundAtTheSameUsbPath() {
        ModemEmulator m = plug(Flavour.SIMCOM_SIM7600, EmulatedSim.ready("8986001", "460001", ""));
        open(ModemAddress.usb("1-1.2", 2));
        awaitState(LineState.UP);
        String before = line.snapshot().port();
        m.sendUrc("+CFUN: 1"); // noise the line must ignore
        // Not awaited: the modem may drop off the bus before its OK gets out, as real ones do.
        line.engine().orElseThrow().submit(io.branchline.hw.at.AtCommands.restart());
        awaitState(LineState.DOWN);
        // The bus brings it back after 5 s; the line looks again with backoff.
        advanceUntil(() -> line.snapshot().status().state() == LineState.UP);
        assertNotEquals(before, line.snapshot().port());
    }

    @Test
    void aModemWithAnotherImeiAtTheAddressIsNotTakenForThisOne() {
        plug(Flavour.QUECTEL_EC25, EmulatedSim.ready("8986001", "460001", ""));
        open(ModemAddress.usb("1-1.2", 2).expectingImei("869999999999999"));
        Await.until("refused", () -> line.snapshot().status().detail().contains("expected 869999999999999"),
                line::snapshot);
        assertEquals(LineState.DOWN, line.snapshot().status().state());
    }
}
