package io.branchline.box.bench;

import io.branchline.box.Box;
import io.branchline.box.config.BoxConfig;
import io.branchline.hw.emulator.ModemEmulator;
import io.branchline.hw.modem.LineState;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Inbound latency (run by scripts/bench-inbound.sh, not a test): a simulated box in this process with
 * {@code agents} extra agents, each owning a desk-phone SIM on its own emulated Quectel modem. Callers ring
 * those SIMs in turn at {@code rate} calls a second; for each call, the time from the emulated modem sending
 * RING to the box ringing the agent (its screen pop: the moment the call is the agent's). Each caller hangs
 * up 1.5 s after ringing, so that a SIM is free again long before its next caller.
 */
public final class InboundBench {
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : 2;
        int agents = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Path data = Files.createTempDirectory("branchline-bench-inbound");
        try (Box box = Box.start(new Box.Options(BoxConfig.empty(), data, "127.0.0.1", 0, true, false, null, agents))) {
            List<String> desks = new ArrayList<>();
            for (int i = 1; i <= agents; i++) {
                desks.add("desk-" + (2000 + i));
            }
            long deadline = System.currentTimeMillis() + 60_000;
            while (!desks.stream().allMatch(d -> box.lines().line(d).orElseThrow().snapshot().status().state()
                    == LineState.UP)) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("the desk lines did not come up");
                }
                Thread.sleep(20);
            }
            Map<String, Long> rangAt = new ConcurrentHashMap<>();
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            List<String> wrong = Collections.synchronizedList(new ArrayList<>());
            box.inbound().onRingingForAgent(v -> {
                long now = System.nanoTime();
                Long t0 = rangAt.remove(v.line());
                if (t0 == null) {
                    return;
                }
                if (!v.agent().equals(v.line().substring("desk-".length()))) {
                    wrong.add(v.line() + " rang " + v.agent());
                }
                latencies.add(now - t0);
            });
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
            int calls = (int) Math.round(seconds * rate);
            int warmup = Math.min(40, calls / 10);
            long periodNanos = (long) (1e9 / rate);
            long start = System.nanoTime();
            long cpuStart = 0;
            int refused = 0;
            for (int i = -warmup; i < calls; i++) {
                if (i == 0) {
                    cpuStart = cpuNanos();
                    latencies.clear();
                }
                long due = start + (i + warmup) * periodNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                int n = Math.floorMod(i, agents);
                String desk = desks.get(n);
                ModemEmulator modem = box.simulated().orElseThrow().bus().modemAt("1-3." + (n + 1));
                rangAt.put(desk, System.nanoTime());
                ModemEmulator.Incoming in = modem.ring("1391234" + String.format("%04d", Math.floorMod(i, 10000)));
                if (in == null) {
                    rangAt.remove(desk);
                    refused++;
                    continue;
                }
                timer.schedule(in::callerHangsUp, 1500, TimeUnit.MILLISECONDS);
            }
            Thread.sleep(3000);
            long cpu = cpuNanos() - cpuStart;
            timer.shutdownNow();
            List<Long> l = new ArrayList<>(latencies);
            Collections.sort(l);
            if (l.isEmpty()) {
                throw new IllegalStateException("no call rang an agent");
            }
            System.out.printf("inbound, %d agents, %.1f calls/s for %d s: %d calls measured after %d warm-up"
                    + " (%d modems still busy, %d never rang an agent)%n", agents, rate, seconds, l.size(), warmup,
                    refused, calls - refused - l.size());
            System.out.printf("RING at the modem -> the agent rung: median %.2f ms   p99 %.2f ms   max %.2f ms"
                    + "   (goal: median < 50 ms)%n", l.get(l.size() / 2) / 1e6, l.get((int) (l.size() * 0.99)) / 1e6,
                    l.get(l.size() - 1) / 1e6);
            System.out.printf("CPU per call (box and emulated modems together): %.2f ms%n", cpu / 1e6 / calls);
            System.out.printf("calls rung for the wrong agent: %d%s%n", wrong.size(), wrong.isEmpty() ? ""
                    : " " + wrong.subList(0, Math.min(5, wrong.size())));
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
