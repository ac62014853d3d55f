package io.branchline.box.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.box.store.Database;
import io.branchline.box.sync.Outbox;
import io.branchline.hw.audio.FrameClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * systemd's side of the box: READY=1, STATUS= and WATCHDOG=1 datagrams reach the socket NOTIFY_SOCKET names
 * (a socat listener stands in for systemd), and the watchdog's pings stop while a loop of the box hangs.
 */
class WatchdogTest {
    @TempDir
    Path dir;
    private NotifyListener listener;

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
    }
    @Test
    void readyStatusAndPingsReachThePathSystemdNames() throws Exception {
        Path socket = dir.resolve("notify");
        listener = NotifyListener.at(socket);
        SdNotify notify = SdNotify.from(Map.of("NOTIFY_SOCKET", socket.toString(), "WATCHDOG_USEC", "30000000"), 42);
        assertTrue(notify.enabled());
        assertEquals(Optional.of(Duration.ofSeconds(30)), notify.watchdogInterval());
        assertTrue(notify.send("READY=1\nSTATUS=3 of 3 lines up"));
        notify.watchdogPing("3 of 3 lines up, 1 calls");
        String got = listener.await("WATCHDOG=1", 2);
        assertTrue(got.contains("READY=1\nSTATUS=3 of 3 lines up"), got);
        assertTrue(got.contains("WATCHDOG=1\nSTATUS=3 of 3 lines up, 1 calls"), got);
    }

    @Test
    void theAbstractNamespaceFormWorksToo() throws Exception {
        String name = "branchline-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        listener = NotifyListener.abstractName(name);
        SdNotify notify = SdNotify.from(Map.of("NOTIFY_SOCKET", "@" + name), 42);
        notify.ready("ready\nwith a newline that must not split the message");
        String got = listener.await("READY=1", 2);
        assertTrue(got.contains("READY=1\nSTATUS=ready with a newline that must not split the message"), got);
    }

    @Test
    void withoutASocketNothingIsSentAndTheWatchdogIsSomeoneElses() {
        SdNotify none = SdNotify.from(Map.of(), 42);
        assertFalse(none.enabled());
        assertFalse(none.send("READY=1"));
        assertEquals(Optional.empty(), none.watchdogInterval());
        // WATCHDOG_PID names another process: not ours to ping.
        SdNotify other = SdNotify.from(Map.of("NOTIFY_SOCKET", "/run/x", "WATCHDOG_USEC", "1000000", "WATCHDOG_PID",
                "7"), 42);
        assertEquals(Optional.empty(), other.watchdogInterval());
        assertEquals(Optional.of(Duration.ofSeconds(1)), SdNotify.from(Map.of("NOTIFY_SOCKET", "/run/x",
                "WATCHDOG_USEC", "1000000", "WATCHDOG_PID", "42"), 42).watchdogInterval());
        // Hostile values are ignored, never trusted into a native call.
        assertFalse(SdNotify.from(Map.of("NOTIFY_SOCKET", "relative/path"), 42).enabled());
        assertFalse(SdNotify.from(Map.of("NOTIFY_SOCKET", "/" + "x".repeat(200)), 42).enabled());
        assertEquals(Optional.empty(), SdNotify.from(Map.of("NOTIFY_SOCKET", "/run/x", "WATCHDOG_USEC", "-5"), 42)
                .watchdogInterval());
        assertEquals(Optional.empty(), SdNotify.from(Map.of("NOTIFY_SOCKET", "/run/x", "WATCHDOG_USEC",
                "99999999999999999999999"), 42).watchdogInterval());
    }

    @Test
    void aHungMediaClockStopsThePingsUntilItBeatsAgain() throws Exception {
        Path socket = dir.resolve("notify");
        listener = NotifyListener.at(socket);
        SdNotify notify = SdNotify.from(Map.of("NOTIFY_SOCKET", socket.toString(), "WATCHDOG_USEC", "3000000"), 42);
        CountDownLatch release = new CountDownLatch(1);
        try (Database db = Database.open(dir.resolve("data")); FrameClock clock = new FrameClock("media")) {
            BoxHealth health = new BoxHealth(db, List::of, clock, Optional.empty(), dir, Clock.systemUTC(),
                    Duration.ofMinutes(3), Duration.ofMillis(300));
            Watchdog watchdog = new Watchdog(health::liveness, () -> "all well", notify);
            assertTrue(watchdog.check(), "pings while healthy");
            clock.add(() -> {
                try {
                    release.await(); // a call's tick stuck for good: every call's audio stops with it
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Thread.sleep(500);
            assertFalse(watchdog.check(), "no ping while the clock hangs");
            String got = listener.await("unhealthy", 2);
            assertTrue(got.contains("STATUS=unhealthy: media-clock: no beat for"), got);
            release.countDown();
            Thread.sleep(100);
            assertTrue(watchdog.check(), "pings again once it beats");
        }
    }

    @Test
    void aHungLineLoopIsNamedInTheReasons() throws Exception {
        try (Database db = Database.open(dir.resolve("data")); FrameClock clock = new FrameClock("media")) {
            io.branchline.hw.emulator.EmulatedUsbBus bus = io.branchline.hw.emulator.EmulatedUsbBus.inMemory(
                    new io.branchline.hw.time.ManualScheduler(), Duration.ofSeconds(5));
            bus.plug("1-1.2", 2, new io.branchline.hw.emulator.ModemEmulator(io.branchline.hw.emulator.Flavour.QUECTEL_EC25,
                    "861234567890123", io.branchline.hw.emulator.EmulatedSim.ready("8986001", "460001", "")));
            CountDownLatch release = new CountDownLatch(1);
            try (io.branchline.hw.modem.ModemLine line = new io.branchline.hw.modem.ModemLine("desk-1",
                    io.branchline.hw.modem.ModemAddress.usb("1-1.2", 2), bus, c -> {
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        throw new io.branchline.hw.serial.SerialLinkException("released");
                    }, new io.branchline.hw.time.ManualScheduler(), io.branchline.hw.modem.LineHealthSettings.defaults())) {
                line.start();
                BoxHealth health = new BoxHealth(db, () -> List.of(line), clock, Optional.empty(), dir,
                        Clock.systemUTC(), Duration.ofMillis(200), Duration.ofSeconds(5));
                Thread.sleep(400);
                List<BoxHealth.Check> live = health.liveness();
                assertFalse(BoxHealth.allUp(live));
                assertTrue(BoxHealth.reasons(live).startsWith("line-loops: stuck: desk-1 ("), BoxHealth.reasons(live));
                assertTrue(BoxHealth.reasons(health.readiness()).contains("lines: 1 of 1 lines not probed yet"),
                        BoxHealth.reasons(health.readiness()));
                release.countDown();
            } finally {
                bus.close();
            }
        }
    }

    @Test
    void readinessSaysWhatIsMissingAndLivenessStaysUp() throws Exception {
        Instant start = Instant.parse("2026-12-03T09:00:00Z");
        try (Database db = Database.open(dir.resolve("data")); FrameClock clock = new FrameClock("media")) {
            Outbox outbox = new Outbox(db, Clock.fixed(start, ZoneOffset.UTC));
            outbox.add("call", "k-1", "{}");
            BoxHealth soon = new BoxHealth(db, List::of, clock, Optional.of(outbox), dir,
                    Clock.fixed(start.plusSeconds(60), ZoneOffset.UTC));
            BoxHealth later = new BoxHealth(db, List::of, clock, Optional.of(outbox), dir,
                    Clock.fixed(start.plus(Duration.ofMinutes(40)), ZoneOffset.UTC));
            assertTrue(BoxHealth.allUp(later.liveness()), "a CRM outage is no reason to restart the box");
            assertEquals("lines: no line configured (modems: in the configuration)", BoxHealth.reasons(soon.readiness()));
            assertEquals("lines: no line configured (modems: in the configuration); sync: the CRM is 40 min behind (1"
                    + " records kept in the outbox)", BoxHealth.reasons(later.readiness()));
        }
    }
}
