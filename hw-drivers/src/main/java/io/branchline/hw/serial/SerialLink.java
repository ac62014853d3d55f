package io.branchline.hw.serial;

import java.io.Closeable;

/**
 * A byte pipe to one serial port: a real tty (jSerialComm), a pty, or an in-memory pair.
 *
 * <p>Reads time out instead of blocking forever so that the reader can notice a partial line that the
 * modem never terminated (some modems end a reply with "OK" and no CR LF) and so that a closed link is
 * noticed promptly. Errors are {@link SerialLinkException}s.
 */
public interface SerialLink extends Closeable {

    /** The port's name as the installer knows it, e.g. {@code /dev/ttyUSB2} or {@code memory:modem-1}. */
    String name();

    /**
     * Reads up to {@code buf.length} bytes, waiting at most {@code timeoutMillis} for the first one.
     *
     * @return the count read, 0 when the wait ran out, -1 when the link is closed or the device vanished
     */
    int read(byte[] buf, int timeoutMillis);

    /** Writes all bytes or throws; a vanished device throws. */
    void write(byte[] bytes);

    boolean isOpen();

    @Override
    void close();
}
