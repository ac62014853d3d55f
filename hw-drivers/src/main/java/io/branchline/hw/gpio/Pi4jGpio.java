package io.branchline.hw.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;

/**
 * Real pins through Pi4J's libgpiod provider (Raspberry Pi 4 and 5, no root needed with the gpio group).
 * The providers are added by hand, never auto-detected, so that a mock on the classpath cannot take over
 * real hardware (Pi4J's newAutoContext pitfall).
 */
public final class Pi4jGpio implements Gpio {
    private final Context pi4j;

    public Pi4jGpio() {
        try {
            this.pi4j = Pi4J.newContextBuilder()
                    .add(GpioDDigitalOutputProvider.newInstance(), GpioDDigitalInputProvider.newInstance())
                    .build();
        } catch (RuntimeException | LinkageError e) {
            throw new GpioException("cannot open the GPIO chip through libgpiod: " + e.getMessage(), e);
        }
    }

    @Override
    public GpioOutput output(int bcm, String id) {
        try {
            DigitalOutput out = pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id(id).address(bcm)
                    .initial(DigitalState.LOW).shutdown(DigitalState.LOW));
            return new GpioOutput() {
                @Override
                public void set(boolean high) {
                    out.state(high ? DigitalState.HIGH : DigitalState.LOW);
                }

                @Override
                public boolean isHigh() {
                    return out.isHigh();
                }
            };
        } catch (RuntimeException e) {
            throw new GpioException("GPIO " + bcm + " (" + id + ") cannot be claimed as an output: " + e.getMessage(),
                    e);
        }
    }

    @Override
    public GpioInput input(int bcm, String id) {
        try {
            DigitalInput in = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id(id).address(bcm)
                    .pull(PullResistance.PULL_UP));
            return new GpioInput() {
                @Override
                public boolean isHigh() {
                    return in.isHigh();
                }

                @Override
                public void onChange(java.util.function.Consumer<Boolean> listener) {
                    in.addListener(e -> listener.accept(e.state() == DigitalState.HIGH));
                }
            };
        } catch (RuntimeException e) {
            throw new GpioException("GPIO " + bcm + " (" + id + ") cannot be claimed as an input: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        pi4j.shutdown();
    }
}
