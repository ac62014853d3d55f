package io.branchline.hw.audio;

import io.branchline.hw.serial.SerialLink;
import io.branchline.hw.serial.SerialLinkException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A modem's voice port (a tty carrying raw PCM): a platform thread reads whatever the kernel hands over,
 * cuts it into 320-byte frames and stamps each as it completes; sends are written straight to the port.
 * The reader only queues (the listener is a jitter buffer), so a slow consumer never holds up the modem.
 */
public final class SerialPcmPort implements PcmEndpoint {
    private static final Logger log = LoggerFactory.getLogger(SerialPcmPort.class);

    private final SerialLink link;
    private final Thread reader;
    private volatile Consumer<Frame> listener = f -> { };
    private volatile boolean closed;
    private volatile long writeFailures;

    public SerialPcmPort(SerialLink link) {
        this.link = link;
        // Platform, not virtual: jSerialComm's read is a native call that would pin a carrier thread.
        this.reader = Thread.ofPlatform().daemon().name("pcm " + link.name()).start(this::read);
    }

    @Override
    public String name() {
        return link.name();
    }

    @Override
    public void listen(Consumer<Frame> l) {
        this.listener = l;
    }

    @Override
    public void send(byte[] frame) {
        if (closed) {
            return;
        }
        try {
            link.write(frame);
        } catch (SerialLinkException e) {
            // Some SIMCom firmware stalls the uplink (LilyGo-Modem-Series #542); the downlink still records.
            if (writeFailures++ == 0) {
                log.warn("port={} event=pcm-write-failed error=\"{}\"", link.name(), e.getMessage());
            }
        }
    }

    public long writeFailures() {
        return writeFailures;
    }

    private void read() {
        byte[] buf = new byte[Pcm.FRAME_BYTES * 4];
        byte[] frame = new byte[Pcm.FRAME_BYTES];
        int filled = 0;
        while (!closed) {
            int n;
            try {
                n = link.read(buf, 200);
            } catch (SerialLinkException e) {
                n = -1;
            }
            if (n < 0) {
                if (!closed) {
                    log.warn("port={} event=pcm-port-lost", link.name());
                }
                return;
            }
            int at = 0;
            while (at < n) {
                int take = Math.min(n - at, Pcm.FRAME_BYTES - filled);
                System.arraycopy(buf, at, frame, filled, take);
                filled += take;
                at += take;
                if (filled == Pcm.FRAME_BYTES) {
                    listener.accept(new Frame(frame, System.nanoTime()));
                    frame = new byte[Pcm.FRAME_BYTES];
                    filled = 0;
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        link.close();
    }
}
