package io.branchline.hw.emulator;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A GoIP gateway (GoIP-4/8 style) for tests and the simulate mode, following DBLTek's "GOIP SMS Interface"
 * document: each port is a client of the SMS server with its own id, password and UDP source port, sends a
 * keepalive with a counter every interval, acknowledges nothing it is not asked to, resends a RECEIVE three
 * times at 3 s until it is acknowledged, runs bulk-SMS sessions (at most five at a time, each within 90 s,
 * remembering the last ten numbers so that a repeated SEND is not sent twice), answers USSD and the control
 * commands, and reports delivery with DELIVER. Faults a test can switch on per port: acknowledgements lost,
 * GSM logged out, signal 99, a wrong password, a busy port (WAIT), silence (no keepalives), commands lost.
 */
public final class EmulatedGoip implements AutoCloseable {
    private final InetSocketAddress server;
    private final Duration keepaliveEvery;
    private final List<EmulatedGoipPort> ports = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "emulated-goip");
        t.setDaemon(true);
        return t;
    });
    private final List<String> log = new CopyOnWriteArrayList<>();

    /** A gateway whose ports report to the SMS server at {@code server} every {@code keepaliveEvery}. */
    public EmulatedGoip(InetSocketAddress server, Duration keepaliveEvery) {
        this.server = server;
        this.keepaliveEvery = keepaliveEvery;
    }

    /** Adds a port with this id and password and a SIM of this number; it starts reporting at once. */
    public EmulatedGoipPort addPort(String goipId, String password, String number) throws SocketException {
        return addPort(goipId, password, number, 24);
    }

    /** The same, with the signal ({@code +CSQ} rssi) its first keepalive reports. */
    public synchronized EmulatedGoipPort addPort(String goipId, String password, String number, int csq)
            throws SocketException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        EmulatedGoipPort p = new EmulatedGoipPort(this, ports.size() + 1, goipId, password, number, socket);
        p.signal(csq);
        ports.add(p);
        p.start(keepaliveEvery);
        EmulatedGoipSip s = sip;
        if (s != null) {
            network.register(p);
            try {
                s.add(p);
            } catch (javax.sip.SipException e) {
                throw new SocketException(e.getMessage());
            }
        }
        return p;
    }

    private volatile EmulatedGoipSip sip;
    private volatile EmulatedNetwork network;

    /**
     * The gateway speaks SIP to the box at {@code box} ("Config by Line": each port registers its GoIP id
     * and password there); its ports' GSM calls go over {@code network}. Ports added later register too.
     */
    public synchronized EmulatedGoip sip(InetSocketAddress box, EmulatedNetwork network) throws javax.sip.SipException {
        if (sip != null) {
            throw new IllegalStateException("the gateway speaks SIP already");
        }
        sip = new EmulatedGoipSip(this, box, network);
        this.network = network;
        for (EmulatedGoipPort p : ports) {
            sip.add(p);
            network.register(p);
        }
        return this;
    }

    EmulatedGoipSip sip() {
        EmulatedGoipSip s = sip;
        if (s == null) {
            throw new IllegalStateException("the gateway does not speak SIP: call sip(...) first");
        }
        return s;
    }

    public synchronized List<EmulatedGoipPort> ports() {
        return List.copyOf(ports);
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    void send(DatagramSocket socket, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        try {
            socket.send(new DatagramPacket(b, b.length, server));
        } catch (IOException e) {
            log.add("send failed: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        ports.forEach(EmulatedGoipPort::close);
        EmulatedGoipSip s = sip;
        if (s != null) {
            s.close();
        }
    }
}
