package io.branchline.hw.sip;

import io.branchline.hw.audio.Frame;
import io.branchline.hw.audio.G711;
import io.branchline.hw.audio.Pcm;
import io.branchline.hw.audio.PcmEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's voice over RTP (RFC 3550) in G.711, as the media path's endpoint: each 20 ms frame the box sends
 * goes out as one packet of 160 codes (the GoIP drops a call after 10 s without RTP, so the box sends every
 * frame, silence too); packets that arrive are decoded and handed on in 20 ms frames whatever their packet
 * time, and RFC 4733 telephone-events (payload 101) are reported as keys, once per event. Packets from any
 * address but the far end's are ignored (its SDP address, or the first source heard when it gave none we
 * can reach: symmetric RTP behind NAT).
 */
public final class RtpSession implements PcmEndpoint {
    private static final Logger log = LoggerFactory.getLogger(RtpSession.class);
    /** RFC 4733 telephone-event, as GoIPs and most gateways offer it. */
    public static final int TELEPHONE_EVENT = 101;
    private static final String KEYS = "0123456789*#ABCD";

    private final DatagramSocket socket;
    private final G711.Law law;
    private final int ssrc = ThreadLocalRandom.current().nextInt();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private volatile InetSocketAddress remote;
    private volatile boolean latched;
    private volatile Consumer<Frame> listener = f -> { };
    private volatile Consumer<Character> keys = k -> { };
    private volatile long lastHeardNanos = System.nanoTime();
    private volatile long lastSentNanos = System.nanoTime();
    private volatile boolean closed;
    private int seq = ThreadLocalRandom.current().nextInt(1 << 16);
    private long timestamp = ThreadLocalRandom.current().nextInt() & 0xffffffffL;
    private boolean first = true;
    private long lastEventTimestamp = -1;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    private RtpSession(DatagramSocket socket, G711.Law law) {
        this.socket = socket;
        this.law = law;
        Thread.ofPlatform().daemon().name("rtp-" + socket.getLocalPort()).start(this::read);
    }

    /** Opens a session on {@code local} (port 0: any free port) speaking {@code law}. */
    public static RtpSession open(InetSocketAddress local, G711.Law law) throws SocketException {
        return new RtpSession(new DatagramSocket(local), law);
    }

    public int localPort() {
        return socket.getLocalPort();
    }

    public G711.Law law() {
        return law;
    }

    /** Where the far end listens (from its SDP); until set, nothing is sent. */
    public void remote(InetSocketAddress address) {
        this.remote = address;
    }

    public void onKey(Consumer<Character> listener) {
        this.keys = listener;
    }

    /** How long since the far end's last packet: the GoIP's own limit for a silent call is 10 s. */
    public Duration silentFor() {
        return Duration.ofNanos(System.nanoTime() - lastHeardNanos);
    }

    /** How long since the box last sent the far end a packet. */
    public Duration unsentFor() {
        return Duration.ofNanos(System.nanoTime() - lastSentNanos);
    }

    public long packetsReceived() {
        return received.get();
    }

    /** Packets dropped for coming from elsewhere or being malformed. */
    public long packetsIgnored() {
        return ignored.get();
    }

    @Override
    public String name() {
        return "rtp:" + socket.getLocalPort();
    }

    @Override
    public void listen(Consumer<Frame> l) {
        this.listener = l;
    }

    @Override
    public synchronized void send(byte[] frame) {
        InetSocketAddress to = remote;
        if (to == null || closed) {
            return;
        }
        byte[] payload = G711.encode(law, frame);
        packet(to, first, law.payloadType(), timestamp, payload);
        first = false;
        timestamp = (timestamp + payload.length) & 0xffffffffL;
    }

    /**
     * Sends key {@code key} as an RFC 4733 telephone-event lasting {@code frames} 20 ms frames: a first packet
     * with the marker, one update per frame, and the end packet three times (section 2.5.1.4), all with the
     * event's start timestamp; the voice's timestamp then moves on by the event's length. It takes the
     * event's length to return.
     */
    public void sendKey(char key, int frames) throws InterruptedException {
        int event = KEYS.indexOf(Character.toUpperCase(key));
        if (event < 0 || frames < 1) {
            throw new IllegalArgumentException("key: one of " + KEYS + ", for at least one frame");
        }
        InetSocketAddress to = remote;
        if (to == null) {
            return;
        }
        long start;
        synchronized (this) {
            start = timestamp;
        }
        for (int f = 1; f <= frames + 2; f++) {
            boolean end = f >= frames;
            int duration = Math.min(f, frames) * Pcm.FRAME_BYTES / 2;
            byte[] payload = {(byte) event, (byte) ((end ? 0x80 : 0) | 10), (byte) (duration >> 8), (byte) duration};
            synchronized (this) {
                packet(to, f == 1, TELEPHONE_EVENT, start, payload);
            }
            if (f < frames) {
                Thread.sleep(20);
            }
        }
        synchronized (this) {
            timestamp = (start + (long) frames * Pcm.FRAME_BYTES / 2) & 0xffffffffL;
        }
    }

    private void packet(InetSocketAddress to, boolean marker, int payloadType, long ts, byte[] payload) {
        if (closed) {
            return;
        }
        byte[] p = new byte[12 + payload.length];
        p[0] = (byte) 0x80;
        p[1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        p[2] = (byte) (seq >> 8);
        p[3] = (byte) seq;
        p[4] = (byte) (ts >> 24);
        p[5] = (byte) (ts >> 16);
        p[6] = (byte) (ts >> 8);
        p[7] = (byte) ts;
        p[8] = (byte) (ssrc >> 24);
        p[9] = (byte) (ssrc >> 16);
        p[10] = (byte) (ssrc >> 8);
        p[11] = (byte) ssrc;
        System.arraycopy(payload, 0, p, 12, payload.length);
        seq = (seq + 1) & 0xffff;
        lastSentNanos = System.nanoTime();
        try {
            socket.send(new DatagramPacket(p, p.length, to));
        } catch (IOException e) {
            if (!closed) {
                log.debug("event=rtp-send-failed to={} error=\"{}\"", to, e.getMessage());
            }
        }
    }

    private void read() {
        byte[] buf = new byte[2048];
        while (!closed) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (IOException e) {
                return;
            }
            InetSocketAddress from = (InetSocketAddress) p.getSocketAddress();
            InetSocketAddress expected = remote;
            if (expected != null && !from.equals(expected)) {
                if (!latched && received.get() == 0 && from.getAddress().equals(expected.getAddress())) {
                    remote = from; // the far end sends from another port than it gave: answer where it sends from
                    latched = true;
                } else {
                    ignored.incrementAndGet();
                    continue;
                }
            } else if (expected == null) {
                remote = from;
                latched = true;
            }
            try {
                packet(buf, p.getLength());
            } catch (RuntimeException e) {
                ignored.incrementAndGet(); // one bad packet never stops the voice
            }
        }
    }

    /** One RTP packet: header, CSRCs, extension and padding skipped, the payload by its type. */
    void packet(byte[] b, int len) {
        if (len < 12 || (b[0] & 0xC0) != 0x80) {
            ignored.incrementAndGet();
            return;
        }
        int cc = b[0] & 0x0F;
        int at = 12 + 4 * cc;
        if ((b[0] & 0x10) != 0) {
            if (len < at + 4) {
                ignored.incrementAndGet();
                return;
            }
            at += 4 + 4 * (((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff));
        }
        int end = len;
        if ((b[0] & 0x20) != 0) {
            end -= b[len - 1] & 0xff;
        }
        if (at > end) {
            ignored.incrementAndGet();
            return;
        }
        int pt = b[1] & 0x7F;
        long ts = ((b[4] & 0xffL) << 24) | ((b[5] & 0xff) << 16) | ((b[6] & 0xff) << 8) | (b[7] & 0xff);
        received.incrementAndGet();
        lastHeardNanos = System.nanoTime();
        if (pt == TELEPHONE_EVENT) {
            event(b, at, end, ts);
            return;
        }
        if (pt != law.payloadType()) {
            ignored.incrementAndGet();
            return;
        }
        pending.write(G711.decode(law, b, at, end - at), 0, (end - at) * 2);
        if (pending.size() >= Pcm.FRAME_BYTES) {
            byte[] all = pending.toByteArray();
            int whole = all.length / Pcm.FRAME_BYTES * Pcm.FRAME_BYTES;
            pending.reset();
            pending.write(all, whole, all.length - whole);
            for (int i = 0; i < whole; i += Pcm.FRAME_BYTES) {
                byte[] f = new byte[Pcm.FRAME_BYTES];
                System.arraycopy(all, i, f, 0, Pcm.FRAME_BYTES);
                listener.accept(new Frame(f, System.nanoTime()));
            }
        }
    }

    /** RFC 4733 section 2.3: event, E bit, volume, duration; one event is one key whatever its packets. */
    private void event(byte[] b, int at, int end, long ts) {
        if (end - at < 4) {
            return;
        }
        int event = b[at] & 0xff;
        if (event >= KEYS.length() || ts == lastEventTimestamp) {
            return; // not a key, or a key already reported (its updates and its three end packets)
        }
        lastEventTimestamp = ts;
        keys.accept(KEYS.charAt(event));
    }

    @Override
    public void close() {
        closed = true;
        socket.close();
    }
}
