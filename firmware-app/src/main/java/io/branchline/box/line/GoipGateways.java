package io.branchline.box.line;

import io.branchline.box.config.BoxConfig;
import io.branchline.hw.goip.GoipLine;
import io.branchline.hw.goip.GoipServer;
import io.branchline.hw.sip.SipServer;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sip.SipException;
import io.branchline.hw.time.Scheduler;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The configuration's GoIP ports as lines, the UDP server ("SMS server" in the GoIP's settings) they
 * report to, and the SIP server their voice comes by (each port's account: its GoIP id and password). Both
 * are bound at once, so that a port another program holds stops the box at start (systemd says why and
 * tries again) rather than leaving GoIP lines that never come up.
 */
public final class GoipGateways implements AutoCloseable {
    private final GoipServer server;
    private final SipServer sip;
    private final List<GoipLine> lines;

    private GoipGateways(GoipServer server, SipServer sip, List<GoipLine> lines) {
        this.server = server;
        this.sip = sip;
        this.lines = lines;
    }

    public static GoipGateways none() {
        return new GoipGateways(null, null, List.of());
    }

    /** Serves {@code goip.lines} on {@code listen}:{@code port}; nothing when no line is configured. */
    public static GoipGateways serve(BoxConfig.Goip goip, Scheduler scheduler) {
        if (goip.lines().isEmpty()) {
            return none();
        }
        Set<InetAddress> allowed = new LinkedHashSet<>();
        goip.allow().forEach(a -> allowed.add(InetAddress.ofLiteral(a)));
        GoipServer server = new GoipServer(new InetSocketAddress(InetAddress.ofLiteral(goip.listen()), goip.port()),
                allowed);
        List<GoipLine> lines = goip.lines().stream()
                .map(p -> new GoipLine(p.id(), p.goipId(), p.password(), scheduler)).toList();
        lines.forEach(server::add);
        try {
            server.start();
        } catch (SocketException e) {
            server.close();
            throw new UncheckedIOException("goip.port: cannot listen on UDP " + goip.listen() + ":" + goip.port()
                    + " (" + e.getMessage() + "; is another GoIP server running?)", e);
        }
        Map<String, String> accounts = new LinkedHashMap<>();
        goip.lines().forEach(p -> accounts.put(p.goipId(), p.password()));
        SipServer sip = new SipServer(new InetSocketAddress(InetAddress.ofLiteral(goip.listen()), goip.sipPort()),
                accounts, Clock.systemUTC());
        try {
            sip.start();
        } catch (SipException e) {
            sip.close();
            server.close();
            throw new UncheckedIOException("goip.sip-port: cannot listen on UDP " + goip.listen() + ":" + goip.sipPort()
                    + " (" + e.getMessage() + "; is another SIP server running?)", new java.io.IOException(e));
        }
        for (int i = 0; i < lines.size(); i++) {
            lines.get(i).carryCalls(sip, goip.lines().get(i).keysAsEvents());
        }
        return new GoipGateways(server, sip, lines);
    }

    /** The UDP port the GoIPs' SIP accounts register at. */
    public Optional<Integer> sipPort() {
        return sip == null ? Optional.empty() : Optional.of(sip.port());
    }

    /** Whether the port with GoIP id {@code goipId} has registered its SIP account (so it carries calls). */
    public boolean sipRegistered(String goipId) {
        return sip != null && sip.contact(goipId).isPresent();
    }

    public List<GoipLine> lines() {
        return lines;
    }

    /** The UDP port the GoIPs report to. */
    public Optional<Integer> port() {
        return server == null ? Optional.empty() : Optional.of(server.port());
    }

    @Override
    public void close() {
        if (sip != null) {
            sip.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
