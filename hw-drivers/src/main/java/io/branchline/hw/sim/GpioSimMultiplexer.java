package io.branchline.hw.sim;

import io.branchline.hw.gpio.Gpio;
import io.branchline.hw.gpio.GpioOutput;

/**
 * A multiplexer whose slot is chosen by binary-coded select lines on GPIO: slot 1 is all low, slot 2 sets
 * the first pin, and so on (three pins for five slots).
 */
public final class GpioSimMultiplexer implements SimMultiplexer {
    private final GpioOutput[] select;
    private final int slots;
    private volatile int selected;

    public GpioSimMultiplexer(Gpio gpio, int[] selectPins, int slots, String name) {
        if (slots < 1 || slots > (1 << selectPins.length)) {
            throw new IllegalArgumentException(name + ": " + selectPins.length + " select pins cannot choose among "
                    + slots + " slots");
        }
        this.slots = slots;
        this.select = new GpioOutput[selectPins.length];
        for (int i = 0; i < selectPins.length; i++) {
            select[i] = gpio.output(selectPins[i], name + "-select-" + i);
        }
        select(1);
    }

    @Override
    public int slots() {
        return slots;
    }

    @Override
    public synchronized void select(int slot) {
        if (slot < 1 || slot > slots) {
            throw new IllegalArgumentException("slot must be 1 to " + slots + ", not " + slot);
        }
        int code = slot - 1;
        for (int i = 0; i < select.length; i++) {
            select[i].set(((code >> i) & 1) == 1);
        }
        selected = slot;
    }

    @Override
    public int selected() {
        return selected;
    }
}
