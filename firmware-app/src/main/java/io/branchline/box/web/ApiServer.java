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

    /** Starts listening; throws {@link ListenException} when the address cannot be had (another box on it). */
    public static ApiServer start(String host, int port, Consumer<HttpRouting.Builder> routing) {
        WebServer server;
        try {
            server = WebServer.builder().host(host).port(port).maxPayloadSize(MAX_PAYLOAD)
                    .routing(r -> {
                        errors(r);
                        routing.accept(r);
                        r.any((req, res) -> Json.error(res, Status.NOT_FOUND_404, null, "no route "
                                + req.prologue().method().text() + " " + req.path().path()));
                    }).build().start();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new ListenException(host, port, e);
        }
        if (!server.isRunning()) {
            server.stop();
            throw new ListenException(host, port, null);
        }
        return new ApiServer(server);
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
