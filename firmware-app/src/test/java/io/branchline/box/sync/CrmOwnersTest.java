package io.branchline.box.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CRM's owner of a caller's number, asked while the caller waits: its answer when it gives one in time,
 * nothing when it is slow, away, or answers what is no agent id; withheld and odd numbers are not asked.
 */
class CrmOwnersTest {
    HttpServer server;
    final List<String> asked = new CopyOnWriteArrayList<>();
    CrmOwners owners;

    @BeforeEach
    void aCrm() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/crm/v1/numbers/", ex -> {
            String number = ex.getRequestURI().getPath().split("/")[4];
            asked.add(number);
            String body;
            int status = 200;
            switch (number) {
                case "13900000001" -> body = "{\"v\":1,\"agent\":\"1002\"}";
                case "13900000002" -> {
                    try {
                        Thread.sleep(3000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    body = "{\"v\":1,\"agent\":\"1001\"}";
                }
                case "13900000003" -> body = "{\"v\":1,\"agent\":\"1001; DROP TABLE\"}";
                case "13900000004" -> body = "not json";
                default -> {
                    status = 404;
                    body = "{}";
                }
            }
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        CrmEndpoints endpoints = new CrmEndpoints(List.of(new CrmEndpoints.Endpoint("private",
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/crm"))), 3, Duration.ofMinutes(1),
                3, Clock.systemUTC());
        owners = new CrmOwners(new CrmClient("token", ""), endpoints);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theOwnerInTimeIsTakenAndNothingElse() {
        assertEquals(Optional.of("1002"), owners.apply("13900000001"));
        long t0 = System.nanoTime();
        assertEquals(Optional.empty(), owners.apply("13900000002"), "too slow");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < CrmOwners.LIMIT.toMillis() + 500, "gave up after " + ms + " ms");
        assertEquals(Optional.empty(), owners.apply("13900000003"), "no agent id");
        assertEquals(Optional.empty(), owners.apply("13900000004"), "not JSON");
        assertEquals(Optional.empty(), owners.apply("13900000009"), "nobody owns it");
        assertEquals(Optional.empty(), owners.apply(""), "withheld");
        assertEquals(Optional.empty(), owners.apply("12/../x"));
        assertTrue(asked.stream().noneMatch(n -> n.isEmpty() || n.contains("..")), asked.toString());
        server.stop(0);
        assertEquals(Optional.empty(), owners.apply("13900000001"), "the CRM away");
    }
}
