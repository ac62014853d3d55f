package io.branchline.hw.gpio;

import java.util.function.Consumer;

/** One input pin, as raw levels: debouncing is the caller's (see HookSwitch), on the injected clock. */
public interface GpioInput {
    boolean isHigh();

    /** Every level change, possibly bouncing. */
    void onChange(Consumer<Boolean> listener);
}
