package io.branchline.hw.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.hw.gpio.FakeGpio;
import io.branchline.hw.time.ManualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class HookSwitchTest {
    final ManualScheduler time = new ManualScheduler();
    final FakeGpio gpio = new FakeGpio();
    final HookSwitch hook = new HookSwitch(gpio.input(5, "hook"), time, Duration.ofMillis(30));
    final List<Boolean> heard = new CopyOnWriteArrayList<>();

    {
        hook.onChange(heard::add);
    }

    @Test
    void aBouncingLiftCountsOnceWhenItHolds() {
        assertFalse(hook.offHook());
        for (int i = 0; i < 5; i++) {
            gpio.drive(5, false);
            time.advance(Duration.ofMillis(3));
            gpio.drive(5, true);
            time.advance(Duration.ofMillis(3));
        }
        gpio.drive(5, false);
        time.advance(Duration.ofMillis(29));
        assertFalse(hook.offHook(), "not yet: it has not held for 30 ms");
        time.advance(Duration.ofMillis(1));
        assertTrue(hook.offHook());
        assertEquals(List.of(true), heard);
    }

    @Test
    void aGlitchShorterThanTheDebounceIsIgnored() {
        gpio.drive(5, false);
        time.advance(Duration.ofMillis(10));
        gpio.drive(5, true);
        time.advance(Duration.ofMillis(100));
        assertFalse(hook.offHook());
        assertEquals(List.of(), heard);
    }

    @Test
    void puttingTheHandsetDownIsHeard() {
        gpio.drive(5, false);
        time.advance(Duration.ofMillis(50));
        gpio.drive(5, true);
        time.advance(Duration.ofMillis(50));
        assertEquals(List.of(true, false), heard);
    }
}
