package io.branchline.box.line;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.hw.gpio.FakeGpio;
import io.branchline.hw.time.ManualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A desk phone's ringer rings 1 s on, 4 s off while a call rings, and stops at once, mid-burst too. */
class RingerTest {
    @Test
    void itRingsInTheCadenceAndStopsAtOnce() {
        ManualScheduler time = new ManualScheduler();
        FakeGpio gpio = new FakeGpio();
        Ringer ringer = new Ringer(gpio.output(12, "desk-ringer"), time);
        List<Boolean> levels = new ArrayList<>();
        ringer.start();
        ringer.start(); // a second start changes nothing
        for (int i = 0; i < 10; i++) {
            levels.add(gpio.level(12));
            time.advance(Duration.ofMillis(1000));
        }
        assertEquals(List.of(true, false, false, false, false, true, false, false, false, false), levels);
        time.advance(Duration.ofMillis(500)); // mid-burst
        assertTrue(gpio.level(12));
        ringer.stop();
        assertFalse(gpio.level(12));
        assertFalse(ringer.ringing());
        time.advance(Duration.ofSeconds(20));
        assertFalse(gpio.level(12), "no burst after the stop");
        ringer.start();
        assertTrue(gpio.level(12), "a new call rings at once");
    }
}
