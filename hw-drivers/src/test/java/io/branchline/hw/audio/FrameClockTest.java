package io.branchline.hw.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The media clock tells a watchdog when it has stopped beating while calls need it. */
class FrameClockTest {
    @Test
    void aSleepingClockIsNotAStalledOne() throws Exception {
        try (FrameClock clock = new FrameClock("test-clock")) {
            Thread.sleep(200);
            assertEquals(Duration.ZERO, clock.stalledFor());
            try (AutoCloseable tick = clock.add(() -> { })) {
                Thread.sleep(200);
                assertTrue(clock.stalledFor().toMillis() < 100, "beating: " + clock.stalledFor());
                assertTrue(clock.ticks() >= 5, "ticks " + clock.ticks());
            }
        }
    }

    @Test
    void aTickThatNeverReturnsStallsTheClock() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (FrameClock clock = new FrameClock("test-clock")) {
            clock.add(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Thread.sleep(400);
            assertTrue(clock.stalledFor().toMillis() >= 300, "stalled " + clock.stalledFor());
            release.countDown();
            Thread.sleep(100);
            assertTrue(clock.stalledFor().toMillis() < 100, "beating again: " + clock.stalledFor());
        }
    }
}
