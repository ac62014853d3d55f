package io.branchline.box.bench;

import io.branchline.box.Box;
import io.branchline.box.config.BoxConfig;
import io.branchline.hw.emulator.EmulatedGoipPort;
import io.branchline.hw.modem.LineState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * GoIP receive latency (run by scripts/bench-goip.sh, not a test): the simulated box in this process, its
 * emulated GoIP's port goip-1 sending RECEIVE datagrams over loopback UDP. For each message, from the moment the
 * port sends the datagram to (1) the box's acknowledgement reaching the port (the message is in the outbox,
 * committed) and (2) the CRM stub storing the {@code sms} event (the outbox drained over HTTP). First one
 * message at a time, then a burst sent back to back for the throughput. Arguments: [messages, default 500].
 */
public final class GoipReceiveBench {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        Path data = Files.createTempDirectory("branchline-bench-goip");
        try (Box box = Box.start(new Box.Options(BoxConfig.empty(), data, "127.0.0.1", 0, true, false, null, 0))) {
            long deadline = System.currentTimeMillis() + 60_000;
            while (box.lines().line("goip-1").orElseThrow().snapshot().status().state() != LineState.UP) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("goip-1 did not come up");
                }
                Thread.sleep(20);
            }
            EmulatedGoipPort port = box.simulated().orElseThrow().goipPort("goip-1").orElseThrow();
            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            Map<String, Long> idToText = new ConcurrentHashMap<>();
            List<Long> kept = Collections.synchronizedList(new ArrayList<>());
            List<Long> atCrm = Collections.synchronizedList(new ArrayList<>());
            Map<String, CountDownLatch> arrived = new ConcurrentHashMap<>();
            box.crmStubs().get(0).store().onStored(item -> {
                if (!item.kind().equals("sms")) {
                    return;
                }
                String text = item.payload().path("sms").path("text").asText();
                Long t0 = sentAt.get(text);
                if (t0 != null) {
                    atCrm.add(System.nanoTime() - t0);
                    CountDownLatch l = arrived.get(text);
                    if (l != null) {
                        l.countDown();
                    }
                }
            });
            port.onAcknowledged(id -> {
                Long t0 = idToText.get(id);
                if (t0 != null) {
                    kept.add(System.nanoTime() - t0);
                }
            });
            System.out.printf("GoIP RECEIVE → CRM event, simulated box, one emulated GoIP port over loopback UDP%n");
            int warmup = Math.min(50, n / 5);
            for (int i = -warmup; i < n; i++) {
                if (i == 0) {
                    kept.clear();
                    atCrm.clear();
                }
                String text = "bench-one-" + i + " 您好，请回电";
                CountDownLatch l = new CountDownLatch(1);
                arrived.put(text, l);
                long t0 = System.nanoTime();
                sentAt.put(text, t0);
                String id = port.receiveSms("13912340000", text);
                idToText.put(id, t0);
                if (!l.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("message " + i + " did not reach the CRM in 10 s");
                }
                Thread.sleep(10);
            }
            print("one at a time, " + n + " messages", kept, atCrm);

            kept.clear();
            atCrm.clear();
            CountDownLatch all = new CountDownLatch(n);
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                String text = "bench-burst-" + i;
                arrived.put(text, all);
                long t0 = System.nanoTime();
                sentAt.put(text, t0);
                idToText.put(port.receiveSms("13912340000", text), t0);
            }
            if (!all.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the burst did not reach the CRM in 120 s: " + all.getCount() + " left");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            print("burst of " + n + " back to back", kept, atCrm);
            System.out.printf("  burst throughput: %.0f messages/s to the CRM%n", n / seconds);
        } finally {
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void print(String what, List<Long> kept, List<Long> atCrm) {
        System.out.printf("  %s%n    kept (ack at the GoIP): median %.2f ms, p90 %.2f ms, max %.2f ms%n"
                        + "    at the CRM:             median %.2f ms, p90 %.2f ms, max %.2f ms%n", what,
                pct(kept, 50), pct(kept, 90), pct(kept, 100), pct(atCrm, 50), pct(atCrm, 90), pct(atCrm, 100));
    }

    private static double pct(List<Long> xs, int p) {
        List<Long> s;
        synchronized (xs) {
            s = new ArrayList<>(xs);
        }
        if (s.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.size()) - 1;
        return s.get(Math.max(0, Math.min(s.size() - 1, i))) / 1e6;
    }
}
