package io.branchline.hw.serial;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One end of an in-memory serial cable. {@link #pair(String)} gives both ends; what one writes the other
 * reads, chunk by chunk, so that tests can also reproduce how bytes are split across reads.
 */
public final class MemoryLink implements SerialLink {
    private static final byte[] EOF = new byte[0];

    private final String name;
    private final BlockingQueue<byte[]> inbox;
    private final BlockingQueue<byte[]> outbox;
    private byte[] pending = EOF;
    private int pendingOff;
    private volatile boolean closed;
    private MemoryLink peer;

    private MemoryLink(String name, BlockingQueue<byte[]> inbox, BlockingQueue<byte[]> outbox) {
        this.name = name;
        this.inbox = inbox;
        this.outbox = outbox;
    }

    /** Two connected ends: {@code [0]} for the host (the engine), {@code [1]} for the device (the emulator). */
    public static MemoryLink[] pair(String name) {
        BlockingQueue<byte[]> toDevice = new LinkedBlockingQueue<>();
        BlockingQueue<byte[]> toHost = new LinkedBlockingQueue<>();
        MemoryLink host = new MemoryLink(name, toHost, toDevice);
        MemoryLink device = new MemoryLink(name + "#device", toDevice, toHost);
        host.peer = device;
        device.peer = host;
        return new MemoryLink[] {host, device};
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int read(byte[] buf, int timeoutMillis) {
        try {
            if (pendingOff >= pending.length) {
                if (closed) {
                    return -1;
                }
                byte[] next = inbox.poll(timeoutMillis, TimeUnit.MILLISECONDS);
                if (next == null) {
                    return closed ? -1 : 0;
                }
                if (next == EOF) {
                    return -1;
                }
                pending = next;
                pendingOff = 0;
            }
            int n = Math.min(buf.length, pending.length - pendingOff);
            System.arraycopy(pending, pendingOff, buf, 0, n);
            pendingOff += n;
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void write(byte[] bytes) {
        if (closed || peer.closed) {
            throw new SerialLinkException("write to " + name + " failed: link closed");
        }
        if (bytes.length > 0) {
            outbox.add(bytes.clone());
        }
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    /** Closes this end; the other end reads end-of-stream, as when a USB device vanishes. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            inbox.add(EOF);
            outbox.add(EOF);
        }
    }
}
