package io.branchline.hw.gpio;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Pins in memory, for tests and the simulate mode. Strict like the hardware: a pin is claimed once, and
 * driving an input or reading a pin nobody claimed is an error. Tests drive inputs with {@link #drive} and
 * watch outputs with {@link #level} or {@link #onOutput}.
 */
public final class FakeGpio implements Gpio {
    private final Map<Integer, Pin> pins = new ConcurrentHashMap<>();
    private final List<Runnable> outputListeners = new CopyOnWriteArrayList<>();

    private static final class Pin {
        final boolean output;
        volatile boolean high;
        final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();

        Pin(boolean output, boolean high) {
            this.output = output;
            this.high = high;
        }
    }

    private Pin claim(int bcm, boolean output, boolean initial) {
        Pin p = new Pin(output, initial);
        if (pins.putIfAbsent(bcm, p) != null) {
            throw new GpioException("GPIO " + bcm + " is claimed twice");
        }
        return p;
    }

    @Override
    public GpioOutput output(int bcm, String id) {
        Pin p = claim(bcm, true, false);
        return new GpioOutput() {
            @Override
            public void set(boolean high) {
                p.high = high;
                outputListeners.forEach(Runnable::run);
            }

            @Override
            public boolean isHigh() {
                return p.high;
            }
        };
    }

    @Override
    public GpioInput input(int bcm, String id) {
        Pin p = claim(bcm, false, true); // pulled up
        return new GpioInput() {
            @Override
            public boolean isHigh() {
                return p.high;
            }

            @Override
            public void onChange(Consumer<Boolean> listener) {
                p.listeners.add(listener);
            }
        };
    }

    /** Sets an input pin's level, as a switch or a wire would. */
    public void drive(int bcm, boolean high) {
        Pin p = pins.get(bcm);
        if (p == null || p.output) {
            throw new GpioException("GPIO " + bcm + " is not a claimed input");
        }
        if (p.high != high) {
            p.high = high;
            p.listeners.forEach(l -> l.accept(high));
        }
    }

    /** The level of a claimed pin. */
    public boolean level(int bcm) {
        Pin p = pins.get(bcm);
        if (p == null) {
            throw new GpioException("GPIO " + bcm + " is not claimed");
        }
        return p.high;
    }

    /** Runs after any output changes (the emulated SIM socket listens to its select lines this way). */
    public void onOutput(Runnable listener) {
        outputListeners.add(listener);
    }

    @Override
    public void close() {
        pins.clear();
    }
}
