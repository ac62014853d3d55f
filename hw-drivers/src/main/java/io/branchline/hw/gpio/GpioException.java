package io.branchline.hw.gpio;

/** A pin could not be claimed or driven; the message names the pin. */
public class GpioException extends RuntimeException {
    public GpioException(String message, Throwable cause) {
        super(message, cause);
    }

    public GpioException(String message) {
        super(message);
    }
}
