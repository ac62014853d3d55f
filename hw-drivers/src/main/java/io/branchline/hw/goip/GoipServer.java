package io.branchline.hw.goip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The box's side of the GoIP "SMS server" protocol: one UDP socket (port 44444 by default) that every GoIP
 * line sends its keepalives and notifications to, and that the box's commands to a line leave from, to the
 * address of that line's last keepalive. A packet is taken only from a configured line id with its password
 * (and, when the installer lists them, from the gateways' own addresses); everything else is answered as the
 * protocol answers a wrong password, once a minute in the log, and changes nothing.
 */
public final class GoipServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GoipServer.class);
    /** How long a quiet source stays unmentioned in the log after its first refused packet. */
    private static final Duration REFUSED_LOG_EVERY = Duration.ofMinutes(1);

    private final InetSocketAddress bind;
    private final Set<InetAddress> allowed;
    private final Map<String, GoipLine> lines = new ConcurrentHashMap<>();
    /** Commands waiting for their replies, by send id. */
    private final Map<String, Consumer<Reply>> waiting = new ConcurrentHashMap<>();
    private final Map<String, Long> refusedLogged = new ConcurrentHashMap<>();
    private final List<Consumer<String>> unknownTraffic = new CopyOnWriteArrayList<>();
    private volatile DatagramSocket socket;
    private volatile Thread reader;
    private volatile Thread handler;
    /**
     * Datagrams read but not yet handled. The reader only empties the socket into this queue, so that a burst
     * (a gateway handing over its stored texts after a restart) is not dropped by the kernel while the handler
     * commits each text before acknowledging it. Full, a datagram is dropped: its GoIP sends it again.
     */
    private final java.util.concurrent.BlockingQueue<Datagram> inbox = new java.util.concurrent.LinkedBlockingQueue<>(20_000);

    private record Datagram(InetSocketAddress from, String text, int bytes) {
    }
    private volatile long handlingSince;
    private volatile boolean closed;

    /** A space-separated reply to a command: {@code name sendid [rest]}. */
    public record Reply(String name, String sendId, String rest) {
        /** The reply's words after the send id. */
        public List<String> words() {
            return rest.isEmpty() ? List.of() : List.of(rest.split(" "));
        }
    }

    /**
     * @param allowed the gateways' addresses the installer allows; empty takes packets from anywhere (a
     *                wrong password is still refused)
     */
    public GoipServer(InetSocketAddress bind, Set<InetAddress> allowed) {
        this.bind = bind;
        this.allowed = Set.copyOf(allowed);
    }

    /** Serves {@code line} from now on: its keepalives, notifications and command replies. */
    public void add(GoipLine line) {
        if (lines.putIfAbsent(line.goipId(), line) != null) {
            throw new IllegalArgumentException("goip id: " + line.goipId() + " is used by two lines");
        }
        line.servedBy(this);
    }

    /** Binds the socket and starts reading; throws when the port is taken (the box cannot serve its GoIPs). */
    public synchronized void start() throws SocketException {
        if (socket != null) {
            return;
        }
        DatagramSocket s = new DatagramSocket(null);
        s.setReuseAddress(false);
        s.setReceiveBufferSize(1 << 20); // asked for; the kernel caps it at net.core.rmem_max
        s.bind(bind);
        socket = s;
        handler = Thread.ofPlatform().daemon().name("goip-server").start(this::handleAll);
        reader = Thread.ofPlatform().daemon().name("goip-reader").start(this::read);
        log.info("event=goip-listening address={} lines={}", s.getLocalSocketAddress(), lines.size());
    }

    /** The port the socket is bound to (the configured one, or the one the system chose for port 0). */
    public int port() {
        DatagramSocket s = socket;
        return s == null ? bind.getPort() : s.getLocalPort();
    }

    /** How long the reader has been handling one datagram (zero while it waits for one). */
    public Duration busyFor() {
        long since = handlingSince;
        return since == 0 ? Duration.ZERO : Duration.ofNanos(Math.max(0, System.nanoTime() - since));
    }

    private void read() {
        byte[] buf = new byte[GoipPacket.MAX_BYTES + 1];
        while (!closed) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (IOException e) {
                if (!closed) {
                    log.error("event=goip-receive-failed error=\"{}\"", e.getMessage());
                }
                continue;
            }
            Datagram d = new Datagram((InetSocketAddress) p.getSocketAddress(),
                    new String(p.getData(), 0, Math.min(p.getLength(), GoipPacket.MAX_BYTES), StandardCharsets.UTF_8),
                    p.getLength());
            if (!inbox.offer(d)) {
                refused(d.from(), "", "more datagrams than the box can keep up with (dropped: the GoIP resends)");
            }
        }
    }

    private void handleAll() {
        while (!closed) {
            Datagram d;
            try {
                d = inbox.take();
            } catch (InterruptedException e) {
                return;
            }
            handlingSince = System.nanoTime();
            try {
                handle(d.from(), d.text(), d.bytes());
            } catch (RuntimeException e) {
                // One bad datagram never stops the ones behind it.
                log.error("event=goip-datagram-failed from={}", d.from(), e);
            } finally {
                handlingSince = 0;
            }
        }
    }

    void handle(InetSocketAddress from, String text, int bytes) {
        if (!allowed.isEmpty() && !allowed.contains(from.getAddress())) {
            refused(from, "", "from an address the configuration does not list");
            return;
        }
        if (bytes > GoipPacket.MAX_BYTES) {
            refused(from, "", "a datagram over " + GoipPacket.MAX_BYTES + " bytes");
            return;
        }
        Optional<GoipPacket> packet = GoipPacket.parse(text);
        if (packet.isPresent()) {
            notification(from, packet.get(), text);
            return;
        }
        Optional<Reply> reply = reply(text);
        if (reply.isPresent()) {
            Consumer<Reply> w = waiting.get(reply.get().sendId());
            GoipLine line = lineAt(from);
            if (w != null && line != null) {
                line.wire(false, text);
                w.accept(reply.get());
                return;
            }
        }
        refused(from, "", "not a packet of the GoIP protocol, or a reply nobody waits for");
    }

    private void notification(InetSocketAddress from, GoipPacket p, String text) {
        GoipLine line = lines.get(p.goipId());
        if (line == null || !samePassword(line.password(), p.password())) {
            refused(from, p.goipId(), line == null ? "an unknown GoIP id" : "a wrong password");
            p.ack(false, "password").ifPresent(a -> send(from, a));
            return;
        }
        line.wire(false, text);
        boolean kept;
        try {
            kept = line.heard(p, from);
        } catch (RuntimeException e) {
            // Not acknowledged: the GoIP sends it again, and nothing it said is lost.
            log.error("line={} event=goip-notification-failed name={}", line.id(), p.name(), e);
            kept = false;
        }
        p.ack(kept, "not kept").ifPresent(a -> {
            line.wire(true, a);
            send(from, a);
        });
    }

    /** The line whose last keepalive came from {@code from}. */
    private GoipLine lineAt(InetSocketAddress from) {
        for (GoipLine l : lines.values()) {
            if (from.equals(l.address())) {
                return l;
            }
        }
        return null;
    }

    static Optional<Reply> reply(String text) {
        String t = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        int a = t.indexOf(' ');
        if (a <= 0 || a > 24) {
            return Optional.empty();
        }
        int b = t.indexOf(' ', a + 1);
        String id = b < 0 ? t.substring(a + 1) : t.substring(a + 1, b);
        if (!id.matches("-?[0-9]{1,12}")) {
            return Optional.empty();
        }
        return Optional.of(new Reply(t.substring(0, a), id, b < 0 ? "" : t.substring(b + 1)));
    }

    private static boolean samePassword(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private void refused(InetSocketAddress from, String goipId, String why) {
        String key = from.getAddress().getHostAddress() + "|" + goipId + "|" + why;
        long now = System.nanoTime();
        Long last = refusedLogged.get(key);
        if (last == null || now - last > REFUSED_LOG_EVERY.toNanos()) {
            if (refusedLogged.size() > 1000) {
                refusedLogged.clear(); // a flood of sources: bounded, the log still says it once a minute
            }
            refusedLogged.put(key, now);
            log.warn("event=goip-packet-refused from={} id=\"{}\" why=\"{}\"", from,
                    goipId.replaceAll("\\p{Cntrl}", "?"), why);
        }
        unknownTraffic.forEach(c -> c.accept(why));
    }

    /** Hears each refused packet's reason (for tests and the doctor). */
    public void onRefused(Consumer<String> listener) {
        unknownTraffic.add(listener);
    }

    /** Waits for the replies carrying {@code sendId} until {@link #forget}. */
    void expect(String sendId, Consumer<Reply> handler) {
        waiting.put(sendId, handler);
    }

    void forget(String sendId) {
        waiting.remove(sendId);
    }

    void send(SocketAddress to, String text) {
        DatagramSocket s = socket;
        if (s == null || to == null) {
            return;
        }
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        try {
            s.send(new DatagramPacket(b, b.length, to));
        } catch (IOException e) {
            log.warn("event=goip-send-failed to={} error=\"{}\"", to, e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        DatagramSocket s = socket;
        if (s != null) {
            s.close();
        }
        Thread h = handler;
        if (h != null) {
            h.interrupt();
        }
        for (Thread t : new Thread[] {reader, h}) {
            if (t != null) {
                try {
                    t.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
