package io.branchline.box.web;

import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the box: Helidon SE on the configured host and port (loopback unless told otherwise).
 * Every answer that is not a handler's own is in the JSON error shape: an unknown route is 404, a bad
 * request 4xx, a defect 500 (logged, without the details in the answer); no body is larger than
 * {@link #MAX_PAYLOAD}.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    /** The largest body the server reads at all: an opening message's file and its multipart overhead. */
    public static final long MAX_PAYLOAD = 17L << 20;

    private final WebServer server;

    private ApiServer(WebServer server) {
        this.server = server;
    }

    /** The name of the HTTPS listener, when there is one. */
    static final String HTTPS = "https";

    /** Starts listening; throws {@link ListenException} when the address cannot be had (another box on it). */
    public static ApiServer start(String host, int port, Consumer<HttpRouting.Builder> routing) {
        return start(host, port, null, routing);
    }

    /**
     * With {@code https}, the page is served over HTTPS on {@code host}:{@code https.port()}, and plain HTTP
     * stays on loopback only (port {@code port}) for the CLI and tools on the box itself; without, plain
     * HTTP on {@code host}:{@code port}.
     */
    public static ApiServer start(String host, int port, Https https, Consumer<HttpRouting.Builder> routing) {
        return start(host, port, https, null, routing);
    }

    /**
     * As above, with {@code observe} (when not null): its feature's endpoints on a socket of their own on
     * 127.0.0.1, never on the LAN address.
     */
    public static ApiServer start(String host, int port, Https https, Observe observe,
                                  Consumer<HttpRouting.Builder> routing) {
        Consumer<HttpRouting.Builder> all = r -> {
            errors(r);
            routing.accept(r);
            r.any((req, res) -> Json.error(res, Status.NOT_FOUND_404, null, "no route "
                    + req.prologue().method().text() + " " + req.path().path()));
        };
        WebServer server;
        String plainHost = https == null ? host : "127.0.0.1";
        try {
            // No features found on the class path: the observe endpoints would else be served on every socket,
            // the LAN one included, without a login. The box adds what it serves by name.
            var b = WebServer.builder().featuresDiscoverServices(false).host(plainHost).port(port)
                    .maxPayloadSize(MAX_PAYLOAD).routing(all);
            if (https != null) {
                b.putSocket(HTTPS, s -> s.host(host).port(https.port()).maxPayloadSize(MAX_PAYLOAD)
                        .tls(t -> t.sslContext(https.certificate().context())));
                b.routing(HTTPS, all);
            }
            if (observe != null) {
                b.putSocket(observe.socket(), s -> s.host("127.0.0.1").port(observe.port()));
                b.addFeature(observe.feature());
            }
            server = b.build().start();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new ListenException(host, https == null ? port : https.port(), e);
        }
        if (!server.isRunning()) {
            server.stop();
            throw new ListenException(host, port, null);
        }
        return new ApiServer(server);
    }

    /** HTTPS for the admin page: its port and its certificate. */
    public record Https(int port, BoxCertificate certificate) {
    }

    /** Health and metrics: a Helidon feature bound to the named socket, which listens on loopback at {@code port}. */
    public record Observe(String socket, int port, io.helidon.webserver.spi.ServerFeature feature) {
    }

    /** The observe socket's port, when there is one. */
    public java.util.Optional<Integer> observePort(String socket) {
        int p = server.port(socket);
        return p > 0 ? java.util.Optional.of(p) : java.util.Optional.empty();
    }

    /** The HTTPS port, when the box serves HTTPS. */
    public java.util.Optional<Integer> httpsPort() {
        int p = server.port(HTTPS);
        return p > 0 ? java.util.Optional.of(p) : java.util.Optional.empty();
    }

    private static void errors(HttpRouting.Builder r) {
        r.error(HttpProblem.class, (req, res, e) -> Json.error(res, e.status(), e.field(), e.getMessage()));
        r.error(RequestException.class, (req, res, e) -> Json.error(res, e.status(), null,
                e.getMessage() == null ? e.status().reasonPhrase() : e.getMessage()));
        r.error(RuntimeException.class, (req, res, e) -> {
            log.error("event=http-handler-failed method={} path={}", req.prologue().method().text(),
                    req.path().path(), e);
            Json.error(res, Status.INTERNAL_SERVER_ERROR_500, null, "the box could not answer this request (a"
                    + " defect, logged on the box)");
        });
    }

    /** The box cannot listen where it was told to. */
    public static final class ListenException extends RuntimeException {
        ListenException(String host, int port, Throwable cause) {
            super("cannot listen on " + host + ":" + port + (cause == null ? "" : " (" + cause.getMessage() + ")")
                    + "; is another box running there? try --port", cause);
        }
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
    }
}
