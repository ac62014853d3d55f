package io.branchline.hw.gpio;

/**
 * The GPIO lines of the box (Raspberry Pi header, BCM numbers): SIM multiplexer selects, the desk phone's
 * hook switch. {@link Pi4jGpio} drives real pins through libgpiod; {@link FakeGpio} is the emulator.
 */
public interface Gpio extends AutoCloseable {

    /** Claims {@code bcm} as an output, initially low. A pin is claimed once. */
    GpioOutput output(int bcm, String id);

    /** Claims {@code bcm} as an input with a pull-up (switches pull the line low). */
    GpioInput input(int bcm, String id);

    @Override
    void close();
}
