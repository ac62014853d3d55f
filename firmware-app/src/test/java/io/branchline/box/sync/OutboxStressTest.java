package io.branchline.box.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.box.crmstub.CrmStub;
import io.branchline.box.crmstub.CrmStubStore;
import io.branchline.box.store.Database;
import io.branchline.hw.time.ManualScheduler;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import io.branchline.box.BoxProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox under stress: 10,000 events in two streams, a 24-hour offline stretch on a fake clock, then a
 * CRM that cuts 30 % of connections, answers 10 % with 5xx and stalls at random, while the box drains,
 * first in this process, then as its own process that is killed with SIGKILL mid-drain and started again.
 * The CRM ends with exactly 10,000 distinct events, in order within each stream, and the box's counters say
 * how many retries it took.
 */
class OutboxStressTest {
    @TempDir
    Path dataDir;

    @Test
    void tenThousandEventsThroughADayOffAFlakyCrmAndAKillNineArriveOnceAndInOrder() throws Exception {
        ManualScheduler time = new ManualScheduler(Instant.parse("2026-11-22T08:00:00Z"), ZoneId.of("Asia/Shanghai"));
        long inProcessRetries;
        try (CrmStub stub = CrmStub.start("127.0.0.1", 0)) {
            Database db = Database.open(dataDir);
            Outbox outbox = new Outbox(db, time.clock());
            for (int i = 0; i < 10_000; i++) {
                String stream = i % 3 == 0 ? "line.state" : "call.record";
                outbox.add(stream, stream + ":" + i, "{\"n\":" + i + "}");
            }
            stub.down(true);
            CrmEndpoints endpoints = new CrmEndpoints(List.of(new CrmEndpoints.Endpoint("private",
                    URI.create("http://127.0.0.1:" + stub.port() + "/crm"))), 5, Duration.ofSeconds(120), 3,
                    time.clock());
            try (OutboxSender sender = new OutboxSender(outbox, new CrmClient("stress-token", ""), endpoints, "stress",
                    time, new Random(7), Map::of)) {
                // A day offline: the sender keeps trying at its backoff (at most a minute apart) and loses nothing.
                for (int minute = 0; minute < 24 * 60; minute++) {
                    time.advance(Duration.ofMinutes(1));
                    Thread.sleep(2);
                }
                assertEquals(10_000, sender.status().backlog());
                long offlineRetries = sender.status().retries();
                // At most a minute between tries; the test moves the clock faster than the sender can always follow.
                assertTrue(offlineRetries >= 100, "kept trying all day: " + offlineRetries);
                stub.down(false);
                stub.drops(0.3);        // 30 % of connections cut without an answer
                stub.faults(0.1, 20);   // and 10 % answered 503, every request stalled up to 20 ms
                long deadline = System.currentTimeMillis() + 120_000;
                while (stub.store().items().size() < 3_000 && System.currentTimeMillis() < deadline) {
                    time.advance(Duration.ofSeconds(1));
                    Thread.sleep(5);
                }
                inProcessRetries = sender.status().retries();
                System.out.printf("outbox stress: %d retries during the day offline, %d in all in this process%n",
                        offlineRetries, inProcessRetries);
            }
            db.close();
            // The same outbox, now drained by the box as a process, killed mid-drain, and started again.
            Path config = dataDir.resolve("branchline.yaml");
            java.nio.file.Files.writeString(config, "box:\n  id: stress\ncrm:\n  private-url: http://127.0.0.1:"
                    + stub.port() + "/crm\n  box-token: stress-token\n  allow-plain-http: true\n");
            String[] run = {"run", "--config", config.toString(), "--data-dir", dataDir.toString(), "--port", ""};
            run[6] = String.valueOf(BoxProcess.freePort());
            Process box = BoxProcess.main(dataDir, run);
            // With 37 % of requests failing, a streak of eight failures (one run in a few) puts the sender into
            // its longest backoff, up to 90 s: the budget allows for three such streaks (a full suite on a loaded
            // two-core machine once needed more than 240 s), as a real office would wait.
            long deadline = System.currentTimeMillis() + 400_000;
            while (stub.store().items().size() < 6_000 && System.currentTimeMillis() < deadline) {
                Thread.sleep(2);
            }
            BoxProcess.kill(box);
            int atKill = stub.store().items().size();
            run[6] = String.valueOf(BoxProcess.freePort());
            Process again = BoxProcess.main(dataDir, run);
            try {
                while (stub.store().items().size() < 10_000 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
                String sync = "";
                while (!sync.contains("\"backlog\":0") && System.currentTimeMillis() < deadline) {
                    try {
                        sync = java.net.http.HttpClient.newHttpClient().send(io.branchline.box.BoxApi.request(
                                Integer.parseInt(run[6]), io.branchline.box.BoxApi.tokenIn(dataDir), "/api/sync").build(),
                                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                    } catch (java.io.IOException notUpYet) {
                        // starting
                    }
                    Thread.sleep(50);
                }
                assertTrue(sync.contains("\"backlog\":0"), "drained: " + sync);
                System.out.printf("outbox stress: killed with %d of 10000 at the CRM; after the restart %s;"
                        + " the CRM dropped %d duplicates by key%n", atKill, sync, stub.store().duplicates());
            } finally {
                again.destroy();
                again.waitFor();
            }
            List<CrmStubStore.Item> items = stub.store().items();
            Set<String> keys = new HashSet<>();
            items.forEach(i -> keys.add(i.key()));
            assertEquals(10_000, keys.size());
            assertEquals(10_000, items.size());
            Map<String, Long> lastSeq = new HashMap<>();
            for (CrmStubStore.Item i : items) {
                long prev = lastSeq.getOrDefault(i.kind(), -1L);
                assertTrue(i.seq() > prev, "in order within " + i.kind());
                lastSeq.put(i.kind(), i.seq());
            }
        }
    }
}
