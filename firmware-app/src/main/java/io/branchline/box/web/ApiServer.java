package io.branchline.box.web;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.util.function.Consumer;

/** The HTTP side of the box: Helidon SE on the configured host and port (loopback unless told otherwise). */
public final class ApiServer implements AutoCloseable {
    private final WebServer server;

    private ApiServer(WebServer server) {
        this.server = server;
    }

    public static ApiServer start(String host, int port, Consumer<HttpRouting.Builder> routing) {
        WebServer server = WebServer.builder().host(host).port(port).routing(routing).build().start();
        return new ApiServer(server);
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
    }
}
