package io.branchline.hw.serial;

/** A serial port could not be opened, read or written. The message names the port. */
public class SerialLinkException extends RuntimeException {
    public SerialLinkException(String message) {
        super(message);
    }

    public SerialLinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
