package io.branchline.box.bench;

import io.branchline.box.Box;
import io.branchline.box.BoxApi;
import io.branchline.box.access.Passwords;
import io.branchline.box.config.BoxConfig;
import io.branchline.box.web.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What the door costs (run by scripts/bench-access.sh, not a test): the argon2id hash of one password, a
 * login over HTTP, and a page of call records fetched with an unmasked and a masked token, interleaved in
 * one run so that the ratio holds on a noisy machine. Medians.
 */
public final class AccessBench {
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path data = Files.createTempDirectory("branchline-bench-access");
        try (Box box = Box.start(new Box.Options(BoxConfig.empty(), data, "127.0.0.1", 0, true, false))) {
            Thread.sleep(2000); // the emulated lines come up
            BoxApi api = new BoxApi(box);
            for (int i = 0; i < 50; i++) { // a page of records: busy numbers end at once
                String body = "{\"agent\":\"1001\",\"number\":\"1390000" + String.format("%03d", i) + "2\"}";
                var placed = api.send("POST", "/api/calls", body);
                // An ended call frees its line a moment after the record says "ended": wait for it (at most 5 s).
                for (int tries = 0; placed.statusCode() == 409 && tries < 50; tries++) {
                    Thread.sleep(100);
                    placed = api.send("POST", "/api/calls", body);
                }
                String id = Json.MAPPER.readTree(placed.body()).path("id").asText();
                if (id.isEmpty()) {
                    throw new IllegalStateException("the box refused a call: " + placed.statusCode() + " " + placed.body());
                }
                api.await(id, v -> v.state().equals("ended"));
            }
            String masked = Json.MAPPER.readTree(api.send("POST", "/api/tokens",
                    "{\"name\":\"masked\",\"role\":\"admin\",\"masked\":true}").body()).path("secret").asText();
            String plain = Json.MAPPER.readTree(api.send("POST", "/api/tokens",
                    "{\"name\":\"plain\",\"role\":\"admin\"}").body()).path("secret").asText();
            String password = box.demoPassword().orElseThrow();

            long[] hash = new long[Math.min(rounds, 30)];
            for (int i = 0; i < hash.length; i++) {
                long t0 = System.nanoTime();
                Passwords.hash("a passphrase of the office " + i);
                hash[i] = System.nanoTime() - t0;
            }
            HttpClient http = HttpClient.newHttpClient();
            long[] login = new long[Math.min(rounds, 30)];
            for (int i = 0; i < login.length; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + box.port()
                        + "/api/session")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers
                        .ofString("{\"name\":\"demo\",\"password\":\"" + password + "\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                login[i] = System.nanoTime() - t0;
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("login: " + r.statusCode() + " " + r.body());
                }
            }
            long[] open = new long[rounds];
            long[] hidden = new long[rounds];
            int bytes = 0;
            for (int i = -20; i < rounds; i++) {
                long a = get(http, box, plain);
                long b = get(http, box, masked);
                if (i >= 0) {
                    open[i] = a;
                    hidden[i] = b;
                }
            }
            bytes = http.send(BoxApi.request(box.port(), plain, "/api/calls").build(),
                    HttpResponse.BodyHandlers.ofString()).body().length();
            System.out.printf("argon2id hash (m=7 MiB, t=5, p=1):  median %.1f ms over %d%n", median(hash) / 1e6,
                    hash.length);
            System.out.printf("login over HTTP:                    median %.1f ms over %d%n", median(login) / 1e6,
                    login.length);
            System.out.printf("GET /api/calls (50 records, %d bytes), %d rounds interleaved:%n", bytes, rounds);
            System.out.printf("  unmasked token: median %.2f ms%n", median(open) / 1e6);
            System.out.printf("  masked token:   median %.2f ms   (ratio %.2f)%n", median(hidden) / 1e6,
                    (double) median(hidden) / median(open));
        }
    }

    private static long get(HttpClient http, Box box, String token) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(BoxApi.request(box.port(), token, "/api/calls").build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(r.statusCode() + " " + r.body());
        }
        return System.nanoTime() - t0;
    }

    private static long median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
