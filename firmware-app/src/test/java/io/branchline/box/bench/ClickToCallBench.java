package io.branchline.box.bench;

import io.branchline.box.Box;
import io.branchline.box.config.BoxConfig;
import io.branchline.hw.emulator.ModemEmulator;
import io.branchline.hw.modem.LineState;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Click-to-call latency (run by scripts/bench-calls.sh, not a test): a simulated box in this process places
 * N calls through its HTTP API, one after another on agent 1002's desk line (one fixed SIM); for each, the
 * time from the request being sent to the ATD bytes arriving at the emulated modem. The call is hung up at once and the
 * next one starts when its record is written. Also the process CPU time per call (box and emulator both).
 */
public final class ClickToCallBench {
    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path data = Files.createTempDirectory("branchline-bench-calls");
        // desk-1002 on one fixed SIM: a rotation step would add a SIM switch (radio off and on) to some calls,
        // which is not what this measures.
        BoxConfig config = io.branchline.box.config.ConfigLoader.parse(
                "modems:\n  - id: desk-1002\n    usb-path: \"1-1.4\"\n    usb-interface: 0\n", "bench");
        try (Box box = Box.start(new Box.Options(config, data, "127.0.0.1", 0, true, false))) {
            long deadline = System.currentTimeMillis() + 20_000;
            while (box.lines().line("desk-1002").orElseThrow().snapshot().status().state() != LineState.UP) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("desk-1002 did not come up");
                }
                Thread.sleep(10);
            }
            ModemEmulator modem = box.simulated().orElseThrow().bus().modemAt("1-1.4");
            AtomicReference<CompletableFuture<Long>> atd = new AtomicReference<>(new CompletableFuture<>());
            modem.onCommand(c -> {
                if (c.startsWith("ATD")) {
                    atd.get().complete(System.nanoTime());
                }
            });
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + box.port();
            long[] latency = new long[calls];
            int warmup = Math.min(100, calls / 10);
            long cpuStart = 0;
            for (int i = -warmup; i < calls; i++) {
                if (i == 0) {
                    cpuStart = cpuNanos();
                }
                atd.set(new CompletableFuture<>());
                long t0 = System.nanoTime();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/calls"))
                        .header("Authorization", "Bearer " + box.localToken()).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"agent\":\"1002\",\"number\":\"1390000"
                                + String.format("%04d", Math.floorMod(i, 10000)) + "\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 201) {
                    throw new IllegalStateException("call " + i + ": " + r.statusCode() + " " + r.body());
                }
                long atdAt = atd.get().get(5, TimeUnit.SECONDS);
                if (i >= 0) {
                    latency[i] = atdAt - t0;
                }
                String id = r.body().substring(r.body().indexOf("\"id\":\"") + 6, r.body().indexOf("\"id\":\"") + 42);
                http.send(HttpRequest.newBuilder(URI.create(base + "/api/calls/" + id))
                        .header("Authorization", "Bearer " + box.localToken()).DELETE().build(),
                        HttpResponse.BodyHandlers.discarding());
                long end = System.currentTimeMillis() + 5000;
                while (!box.calls().active().isEmpty() && System.currentTimeMillis() < end) {
                    Thread.sleep(1);
                }
            }
            long cpu = cpuNanos() - cpuStart;
            Arrays.sort(latency);
            System.out.printf("click-to-call, %d calls after %d warm-up: HTTP request sent -> ATD at the modem%n",
                    calls, warmup);
            System.out.printf("median %.2f ms   p99 %.2f ms   max %.2f ms   (goal: median < 5 ms, p99 < 20 ms)%n",
                    latency[calls / 2] / 1e6, latency[(int) (calls * 0.99)] / 1e6, latency[calls - 1] / 1e6);
            System.out.printf("CPU per call (box and emulated modem together, whole call: place, hang up, record):"
                    + " %.2f ms%n", cpu / 1e6 / calls);
            System.out.printf("records written: %d%n", box.calls().records().outboxRows());
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
