package io.branchline.hw.serial;

/** Wraps a link so that every byte read or written also lands in a {@link WireLog}. */
public final class LoggedLink implements SerialLink {
    private final SerialLink inner;
    private final WireLog log;

    public LoggedLink(SerialLink inner, WireLog log) {
        this.inner = inner;
        this.log = log;
    }

    public WireLog log() {
        return log;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public int read(byte[] buf, int timeoutMillis) {
        int n = inner.read(buf, timeoutMillis);
        if (n > 0) {
            log.record(WireLog.Direction.IN, buf, n);
        }
        return n;
    }

    @Override
    public void write(byte[] bytes) {
        log.record(WireLog.Direction.OUT, bytes, bytes.length);
        inner.write(bytes);
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public void close() {
        inner.close();
    }
}
