package io.branchline.box.health;

import io.branchline.box.call.CallRecords;
import io.branchline.box.line.LineRegistry;
import io.branchline.box.line.SimHealth;
import io.branchline.box.recording.RecordingFeature;
import io.branchline.box.sync.Outbox;
import io.branchline.hw.modem.EndCause;
import io.branchline.hw.modem.LineState;
import io.helidon.metrics.api.FunctionalCounter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The box's Prometheus metrics: lines up and their signal, calls by result and calls up, each SIM's health
 * and today's counts, the outbox's backlog and age, the recordings' disk. What costs a query is read at most
 * every few seconds, however often Prometheus scrapes; a figure that cannot be read is NaN, never a failed
 * scrape. Helidon keeps one registry per process, so the box takes its meters out again when it stops (a
 * test's next box registers its own).
 */
public final class BoxMetrics implements AutoCloseable {
    private static final Duration FRESH = Duration.ofSeconds(5);

    private final MeterRegistry registry;
    /**
     * What the meters read, held here: Micrometer keeps only weak references to a gauge's or a functional
     * counter's state, and a collected one reads NaN (or vanishes) at the next scrape.
     */
    private final List<Object> held = new java.util.ArrayList<>();
    private final List<io.helidon.metrics.api.Meter> meters = new java.util.ArrayList<>();

    /** What the metrics read: each part of the box behind a supplier, so that this class knows none of their insides. */
    public record Sources(LineRegistry lines, IntSupplier callsUp, CallRecords records,
                          Supplier<List<SimHealth.Score>> sims, Optional<Outbox> outbox, RecordingFeature recording,
                          Path dataDir, Clock clock) {
    }

    public BoxMetrics(Sources s) {
        this.registry = io.helidon.metrics.api.Metrics.globalRegistry();
        for (var line : s.lines().all()) {
            List<Tag> tags = List.of(Tag.create("line", line.id()));
            gauge("branchline.line.up", "1 while the line is up (registered, SIM ready)", tags,
                    () -> line.snapshot().status().state() == LineState.UP ? 1 : 0);
            gauge("branchline.line.signal.dbm", "the line's signal (RSSI, dBm); NaN while unknown", tags,
                    () -> line.snapshot().status().signal().dbm().isPresent()
                            ? line.snapshot().status().signal().dbm().getAsInt() : Double.NaN);
            held.add(line);
            meters.add(registry.getOrCreate(FunctionalCounter.builder("branchline.line.restarts", line,
                    l -> (long) l.snapshot().restarts()).tags(tags).description("modem restarts since the box started")));
        }
        gauge("branchline.lines.configured", "lines in the configuration", List.of(), () -> s.lines().all().size());
        gauge("branchline.calls.up", "calls ringing or talking now", List.of(), s.callsUp::getAsInt);
        Cached<Map<String, Integer>> byResult = new Cached<>(s.records()::countByEndCause);
        held.add(byResult);
        TreeSet<String> results = new TreeSet<>(byResult.get().keySet());
        for (EndCause c : EndCause.values()) {
            results.add(c.name().toLowerCase(Locale.ROOT));
        }
        results.add("cut");
        for (String result : results) {
            meters.add(registry.getOrCreate(FunctionalCounter.builder("branchline.calls", byResult,
                    b -> (long) b.read().getOrDefault(result, 0)).tags(List.of(Tag.create("result", result)))
                    .description("calls kept, by how they ended")));
        }
        Cached<List<SimHealth.Score>> sims = new Cached<>(s.sims());
        for (SimHealth.Score sim : sims.get()) {
            List<Tag> tags = List.of(Tag.create("iccid", sim.iccid()), Tag.create("line", sim.line()),
                    Tag.create("slot", Integer.toString(sim.slot())));
            gauge("branchline.sim.health.score", "the SIM's health (0-100; rested below the set score)", tags,
                    () -> of(sims, sim.iccid()).map(SimHealth.Score::score).orElse(0));
            gauge("branchline.sim.calls.today", "calls the SIM made today", tags,
                    () -> of(sims, sim.iccid()).map(SimHealth.Score::callsToday).orElse(0));
            gauge("branchline.sim.talk.minutes.today", "minutes the SIM talked today", tags,
                    () -> of(sims, sim.iccid()).map(SimHealth.Score::talkMinutesToday).orElse(0));
            gauge("branchline.sim.resting", "1 while the SIM rests (SIM protection)", tags,
                    () -> of(sims, sim.iccid()).map(x -> x.resting() == null ? 0 : 1).orElse(0));
        }
        s.outbox().ifPresent(outbox -> {
            Cached<int[]> backlog = new Cached<>(() -> new int[] {outbox.backlog(), (int) outbox.oldestUnsent()
                    .map(t -> Math.max(0, Duration.between(Instant.parse(t), s.clock().instant()).toSeconds()))
                    .orElse(0L).longValue()});
            gauge("branchline.outbox.backlog", "records waiting for the CRM", List.of(), () -> backlog.get()[0]);
            gauge("branchline.outbox.oldest.age.seconds", "how long the oldest waiting record has waited", List.of(),
                    () -> backlog.get()[1]);
        });
        Cached<io.branchline.box.recording.RecordingJanitor.Usage> disk = new Cached<>(s.recording()::usage);
        gauge("branchline.recordings.bytes", "bytes the recordings take", List.of(), () -> disk.get().usedBytes());
        gauge("branchline.recordings.limit.bytes", "the recordings' quota", List.of(), () -> disk.get().limitBytes());
        gauge("branchline.recordings.not.uploaded", "recordings the CRM has not taken yet", List.of(),
                () -> disk.get().notUploaded());
        gauge("branchline.disk.free.bytes", "free space where the box keeps its data", List.of(),
                () -> s.dataDir().toFile().getUsableSpace());
    }

    public MeterRegistry registry() {
        return registry;
    }

    private void gauge(String name, String description, List<Tag> tags, Supplier<Number> value) {
        held.add(value);
        meters.add(registry.getOrCreate(Gauge.builder(name, value, BoxMetrics::read).tags(tags).description(description)));
    }

    private static double read(Supplier<Number> value) {
        try {
            return value.get().doubleValue();
        } catch (RuntimeException e) {
            return Double.NaN; // one figure the box cannot read now; the scrape goes on
        }
    }

    @Override
    public void close() {
        meters.forEach(registry::remove);
        meters.clear();
        held.clear();
    }

    private static Optional<SimHealth.Score> of(Cached<List<SimHealth.Score>> sims, String iccid) {
        return sims.get().stream().filter(x -> x.iccid().equals(iccid)).findFirst();
    }

    /** A value read at most every few seconds: a scrape never costs more than a handful of queries. */
    private static final class Cached<T> {
        private final Supplier<T> read;
        private T value;
        private long readAt;

        Cached(Supplier<T> read) {
            this.read = read;
        }

        /** The value, or the last one read when reading fails now (counters must not drop to zero). */
        synchronized T read() {
            try {
                return get();
            } catch (RuntimeException e) {
                if (value == null) {
                    throw e;
                }
                return value;
            }
        }

        synchronized T get() {
            long now = System.nanoTime();
            if (value == null || now - readAt > FRESH.toNanos()) {
                value = read.get();
                readAt = now;
            }
            return value;
        }
    }
}
