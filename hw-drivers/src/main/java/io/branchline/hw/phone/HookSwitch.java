package io.branchline.hw.phone;

import io.branchline.hw.gpio.GpioInput;
import io.branchline.hw.time.Scheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The desk phone's hook switch on a GPIO input, debounced: a level counts once it has held for
 * {@code debounce} (mechanical contacts bounce for a few milliseconds). The switch closes to ground when
 * the handset is lifted, so a low line is off-hook.
 */
public final class HookSwitch {
    private final GpioInput input;
    private final Scheduler scheduler;
    private final Duration debounce;
    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean offHook;
    private long generation;

    public HookSwitch(GpioInput input, Scheduler scheduler, Duration debounce) {
        this.input = input;
        this.scheduler = scheduler;
        this.debounce = debounce;
        this.offHook = !input.isHigh();
        input.onChange(level -> settle());
    }

    /** Whether the handset is lifted, as last settled. */
    public boolean offHook() {
        return offHook;
    }

    /** Hears {@code true} when the handset is lifted and {@code false} when it is put down. */
    public void onChange(Consumer<Boolean> listener) {
        listeners.add(listener);
    }

    private synchronized void settle() {
        long gen = ++generation;
        scheduler.schedule(debounce, () -> {
            boolean now;
            synchronized (this) {
                if (gen != generation) {
                    return; // bounced again meanwhile
                }
                now = !input.isHigh();
                if (now == offHook) {
                    return;
                }
                offHook = now;
            }
            listeners.forEach(l -> l.accept(now));
        });
    }
}
