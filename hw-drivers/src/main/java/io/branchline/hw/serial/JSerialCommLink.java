package io.branchline.hw.serial;

import com.fazecast.jSerialComm.SerialPort;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real serial port (or a pty) opened with jSerialComm, 8N1, no flow control. */
public final class JSerialCommLink implements SerialLink {
    private final SerialPort port;
    private final String name;
    private volatile boolean closed;
    private int readTimeout = -1;

    private JSerialCommLink(SerialPort port, String name) {
        this.port = port;
        this.name = name;
    }

    /**
     * Opens {@code path} at {@code baud}. A path that does not exist or cannot be opened gives an error that
     * says which, so that the installer knows whether to look at the cable or at permissions.
     */
    public static JSerialCommLink open(String path, int baud) {
        Path p = Path.of(path);
        if (!Files.exists(p)) {
            throw new SerialLinkException("serial port " + path + " does not exist (is the modem plugged in?)");
        }
        if (!Files.isReadable(p) || !Files.isWritable(p)) {
            throw new SerialLinkException("serial port " + path + " is not readable and writable by this user"
                    + " (add the user to the dialout group)");
        }
        SerialPort port = SerialPort.getCommPort(realPath(p));
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        if (!port.openPort()) {
            throw new SerialLinkException("serial port " + path + " could not be opened (error "
                    + port.getLastErrorCode() + "; is another program such as ModemManager holding it?)");
        }
        return new JSerialCommLink(port, path);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int read(byte[] buf, int timeoutMillis) {
        if (closed) {
            return -1;
        }
        int t = Math.max(1, timeoutMillis);
        if (t != readTimeout) {
            // Setting timeouts is a termios call; readers ask with the same timeout every time.
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, t, 0);
            readTimeout = t;
        }
        int n = port.readBytes(buf, buf.length);
        // jSerialComm reports a vanished device (USB re-enumeration, pty peer gone) as -1.
        return n < 0 ? -1 : n;
    }

    @Override
    public void write(byte[] bytes) {
        int off = 0;
        while (off < bytes.length) {
            int n = port.writeBytes(bytes, bytes.length - off, off);
            if (n <= 0) {
                throw new SerialLinkException("write to " + name + " failed (device gone?)");
            }
            off += n;
        }
    }

    @Override
    public boolean isOpen() {
        return !closed && port.isOpen();
    }

    @Override
    public void close() {
        closed = true;
        port.closePort();
    }

    // /dev/serial/by-id names are symlinks; jSerialComm wants the tty they point at.
    private static String realPath(Path p) {
        try {
            return p.toRealPath().toString();
        } catch (java.io.IOException e) {
            return p.toString();
        }
    }
}
