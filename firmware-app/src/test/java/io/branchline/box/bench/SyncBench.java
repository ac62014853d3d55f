package io.branchline.box.bench;

import io.branchline.box.Box;
import io.branchline.box.config.BoxConfig;
import io.branchline.box.crmstub.CrmStub;
import io.branchline.box.store.Database;
import io.branchline.box.sync.CrmClient;
import io.branchline.box.sync.CrmEndpoints;
import io.branchline.box.sync.Outbox;
import io.branchline.box.sync.OutboxSender;
import io.branchline.box.web.Json;
import io.branchline.hw.emulator.ModemEmulator;
import io.branchline.hw.modem.LineState;
import io.branchline.hw.time.SystemScheduler;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * CRM sync figures (run by scripts/bench-sync.sh, not a test): (1) drain a backlog of N call records to the
 * CRM stub over loopback, records per second and the JVM's peak RSS; (2) click-to-call issued as a command
 * at the stub to ATD at the emulated modem, median and p99. Arguments: [records, default 100000]
 * [commands, default 200].
 */
public final class SyncBench {
    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int commands = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        drain(records);
        commandToAtd(commands);
    }

    static void drain(int n) throws Exception {
        Path dir = Files.createTempDirectory("branchline-bench-sync");
        try (SystemScheduler time = new SystemScheduler(); Database db = Database.open(dir);
             CrmStub stub = CrmStub.start("127.0.0.1", 0)) {
            Outbox outbox = new Outbox(db, time.clock());
            String payload = Json.MAPPER.writeValueAsString(java.util.Map.of("v", 1, "type", "call.record", "call",
                    java.util.Map.of("id", "x", "agent", "1001", "line", "desk-1001", "numberGiven", "13900000005",
                            "endCause", "normal", "talkMs", 12345)));
            db.with(dsl -> {
                for (int i = 0; i < n; i++) {
                    dsl.insertInto(io.branchline.box.store.schema.Tables.OUTBOX)
                            .set(io.branchline.box.store.schema.Tables.OUTBOX.KIND, "call.record")
                            .set(io.branchline.box.store.schema.Tables.OUTBOX.IDEMPOTENCY_KEY, "call:" + i)
                            .set(io.branchline.box.store.schema.Tables.OUTBOX.PAYLOAD, payload)
                            .set(io.branchline.box.store.schema.Tables.OUTBOX.CREATED_AT, "2026-11-22T00:00:00.000Z")
                            .execute();
                }
                return null;
            });
            CrmEndpoints endpoints = new CrmEndpoints(List.of(new CrmEndpoints.Endpoint("private",
                    URI.create("http://127.0.0.1:" + stub.port() + "/crm"))), 5, Duration.ofSeconds(120), 3,
                    time.clock());
            long t0 = System.nanoTime();
            try (OutboxSender sender = new OutboxSender(outbox, new CrmClient("bench-token", ""), endpoints, "bench",
                    time, new Random(), java.util.Map::of)) {
                while (sender.status().backlog() > 0) {
                    Thread.sleep(20);
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf("outbox drain: %d call records to the CRM stub over loopback in %.1f s: %.0f"
                        + " records/s (goal >= 5000/s); stub holds %d, duplicates %d, retries %d%n", n, seconds,
                        n / seconds, stub.store().items().size(), stub.store().duplicates(), sender.status().retries());
            }
            System.out.printf("peak RSS of this JVM (box side and stub together): %d MiB%n", peakRssKib() / 1024);
        }
    }

    static void commandToAtd(int n) throws Exception {
        Path dir = Files.createTempDirectory("branchline-bench-cmd");
        BoxConfig config = io.branchline.box.config.ConfigLoader.parse(
                "modems:\n  - id: desk-1002\n    usb-path: \"1-1.4\"\n    usb-interface: 0\n", "bench");
        try (Box box = Box.start(new Box.Options(config, dir, "127.0.0.1", 0, true, false))) {
            while (box.lines().line("desk-1002").orElseThrow().snapshot().status().state() != LineState.UP) {
                Thread.sleep(10);
            }
            Thread.sleep(1000); // the command poll is waiting at the stub
            ModemEmulator modem = box.simulated().orElseThrow().bus().modemAt("1-1.4");
            AtomicReference<CompletableFuture<Long>> atd = new AtomicReference<>(new CompletableFuture<>());
            modem.onCommand(c -> {
                if (c.startsWith("ATD")) {
                    atd.get().complete(System.nanoTime());
                }
            });
            var store = box.crmStubs().get(0).store();
            long[] lat = new long[n];
            for (int i = 0; i < n; i++) {
                atd.set(new CompletableFuture<>());
                var args = Json.MAPPER.readTree("{\"agent\":\"1002\",\"number\":\"13900000005\"}");
                long t0 = System.nanoTime();
                var cmd = store.issue("branchline", "call.start", args);
                lat[i] = atd.get().get(5, TimeUnit.SECONDS) - t0;
                long until = System.currentTimeMillis() + 5000;
                while (!store.acks().containsKey(cmd.id()) && System.currentTimeMillis() < until) {
                    Thread.sleep(1);
                }
                String call = store.acks().get(cmd.id()).path("result").path("call").asText();
                box.calls().hangUp(call);
                while (!box.calls().active().isEmpty() && System.currentTimeMillis() < until) {
                    Thread.sleep(1);
                }
            }
            Arrays.sort(lat);
            System.out.printf("click-to-call command at the CRM stub -> ATD at the modem, %d commands: median %.2f ms,"
                    + " p99 %.2f ms (goal: 50 / 200 ms)%n", n, lat[n / 2] / 1e6, lat[(int) (n * 0.99)] / 1e6);
        }
    }

    private static long peakRssKib() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
