package io.branchline.hw.gpio;

/** One output pin. */
public interface GpioOutput {
    void set(boolean high);

    boolean isHigh();
}
