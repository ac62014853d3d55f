package io.branchline.box.line;

import io.branchline.box.config.BoxConfig;
import io.branchline.hw.goip.GoipLine;
import io.branchline.hw.goip.GoipServer;
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
 * The configuration's GoIP ports as lines, and the UDP server ("SMS server" in the GoIP's settings) they
 * report to. The server is bound at once, so that a port another program holds stops the box at start
 * (systemd says why and tries again) rather than leaving GoIP lines that never come up.
 */
public final class GoipGateways implements AutoCloseable {
    private final GoipServer server;
    private final List<GoipLine> lines;

    private GoipGateways(GoipServer server, List<GoipLine> lines) {
        this.server = server;
        this.lines = lines;
    }

    public static GoipGateways none() {
        return new GoipGateways(null, List.of());
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
        return new GoipGateways(server, lines);
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
        if (server != null) {
            server.close();
        }
    }
}
