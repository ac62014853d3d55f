package io.branchline.box.health;

import io.branchline.box.store.Database;
import io.branchline.box.sync.Outbox;
import io.branchline.hw.audio.FrameClock;
import io.branchline.hw.modem.LineState;
import io.branchline.hw.line.Line;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Whether the box is alive (its loops turn: the watchdog pings only then, and systemd restarts a box that
 * stops) and whether it is ready to serve (lines probed and one up, the CRM not far behind, disk left), each
 * check with the reason an installer can act on. Liveness is what restarting fixes: a database that does not
 * answer, a media clock or a modem loop stuck in one step. Readiness is what restarting does not fix (a modem
 * unplugged, the CRM down, a full disk), so it is reported, never acted on.
 */
public final class BoxHealth {
    /** A modem loop step longer than this is stuck: every AT command has a timeout well under it. */
    public static final Duration LINE_STUCK = Duration.ofMinutes(3);
    /** The 20 ms clock that has not beaten for this long while calls need it has stopped every call's audio. */
    public static final Duration CLOCK_STUCK = Duration.ofSeconds(5);
    public static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(5);
    /** The CRM this far behind is an outage worth a look (the outbox keeps everything meanwhile). */
    public static final Duration SYNC_BEHIND = Duration.ofMinutes(15);
    public static final long DISK_LOW_BYTES = 256L << 20;

    /** One check's outcome. */
    public record Check(String name, boolean up, String reason, Map<String, Object> data) {
    }

    private final Database db;
    private final Supplier<List<Line>> lines;
    private final FrameClock mediaClock;
    private final Optional<Outbox> outbox;
    private final Path dataDir;
    private final Clock clock;
    private final Duration lineStuck;
    private final Duration clockStuck;

    /** @param outbox the outbox when a CRM is configured (its backlog age is then a readiness check) */
    public BoxHealth(Database db, Supplier<List<Line>> lines, FrameClock mediaClock, Optional<Outbox> outbox,
                     Path dataDir, Clock clock) {
        this(db, lines, mediaClock, outbox, dataDir, clock, LINE_STUCK, CLOCK_STUCK);
    }

    BoxHealth(Database db, Supplier<List<Line>> lines, FrameClock mediaClock, Optional<Outbox> outbox,
              Path dataDir, Clock clock, Duration lineStuck, Duration clockStuck) {
        this.lineStuck = lineStuck;
        this.clockStuck = clockStuck;
        this.db = db;
        this.lines = lines;
        this.mediaClock = mediaClock;
        this.outbox = outbox;
        this.dataDir = dataDir;
        this.clock = clock;
    }

    /** What the watchdog asks: is every loop of the box still turning? */
    public List<Check> liveness() {
        return List.of(database(), mediaClock(), lineLoops());
    }

    /** What an installer or a load balancer asks: can the box do its job now? */
    public List<Check> readiness() {
        List<Check> all = new ArrayList<>(List.of(database()));
        all.addAll(readyOnly());
        return all;
    }

    /** What readiness asks besides the database, which liveness asks already. */
    private List<Check> readyOnly() {
        return List.of(linesReady(), sync(), disk());
    }

    /** Both, for the admin page: each check with whether it is a liveness or a readiness one. */
    public Map<String, Object> report() {
        List<Check> live = liveness();
        List<Check> ready = readyOnly();
        List<Map<String, Object>> checks = new ArrayList<>();
        live.forEach(c -> checks.add(Map.of("name", c.name(), "kind", "live", "up", c.up(), "reason", c.reason())));
        ready.forEach(c -> checks.add(Map.of("name", c.name(), "kind", "ready", "up", c.up(), "reason", c.reason())));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("live", allUp(live));
        body.put("ready", allUp(live) && allUp(ready));
        body.put("checks", checks);
        return body;
    }

    public static boolean allUp(List<Check> checks) {
        return checks.stream().allMatch(Check::up);
    }

    /** The reasons of the checks that are down, joined for a log line or systemd's STATUS. */
    public static String reasons(List<Check> checks) {
        return String.join("; ", checks.stream().filter(c -> !c.up()).map(c -> c.name() + ": " + c.reason()).toList());
    }

    Check database() {
        // On another thread with a limit: a database that hangs must not hang the one who asks.
        CompletableFuture<Integer> probe = CompletableFuture.supplyAsync(
                () -> db.with(dsl -> dsl.selectOne().fetchOne(0, Integer.class)),
                r -> Thread.ofVirtual().name("health-db").start(r));
        try {
            probe.get(DATABASE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new Check("database", true, "answers", Map.of("file", db.file().toString()));
        } catch (TimeoutException e) {
            return new Check("database", false, "no answer within " + DATABASE_TIMEOUT.toSeconds() + " s",
                    Map.of("file", db.file().toString()));
        } catch (ExecutionException e) {
            return new Check("database", false, String.valueOf(e.getCause().getMessage()),
                    Map.of("file", db.file().toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Check("database", false, "interrupted", Map.of());
        }
    }

    Check mediaClock() {
        Duration stalled = mediaClock.stalledFor();
        Map<String, Object> data = Map.of("ticks", mediaClock.ticks(), "lateTicks", mediaClock.lateTicks(),
                "stalledMs", stalled.toMillis());
        return stalled.compareTo(clockStuck) < 0 ? new Check("media-clock", true, "beating", data)
                : new Check("media-clock", false, "no beat for " + stalled.toSeconds() + " s while calls need it", data);
    }

    Check lineLoops() {
        List<String> stuck = new ArrayList<>();
        for (Line l : lines.get()) {
            Duration busy = l.busyFor();
            if (busy.compareTo(lineStuck) >= 0) {
                stuck.add(l.id() + " (" + busy.toSeconds() + " s in one step)");
            }
        }
        Map<String, Object> data = Map.of("lines", lines.get().size(), "stuck", stuck);
        return stuck.isEmpty() ? new Check("line-loops", true, "turning", data)
                : new Check("line-loops", false, "stuck: " + String.join(", ", stuck), data);
    }

    Check linesReady() {
        List<Line> all = lines.get();
        long probed = all.stream().filter(Line::probed).count();
        long up = all.stream().filter(l -> l.snapshot().status().state() == LineState.UP).count();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("configured", all.size());
        data.put("probed", probed);
        data.put("up", up);
        if (all.isEmpty()) {
            return new Check("lines", false, "no line configured (modems: in the configuration)", data);
        }
        if (probed < all.size()) {
            return new Check("lines", false, (all.size() - probed) + " of " + all.size() + " lines not probed yet", data);
        }
        if (up == 0) {
            return new Check("lines", false, "no line is up (branchline doctor says why)", data);
        }
        return new Check("lines", true, up + " of " + all.size() + " up", data);
    }

    Check sync() {
        if (outbox.isEmpty()) {
            return new Check("sync", true, "no CRM configured", Map.of());
        }
        int backlog = outbox.get().backlog();
        Optional<String> oldest = outbox.get().oldestUnsent();
        Duration age = oldest.map(t -> Duration.between(Instant.parse(t), clock.instant())).orElse(Duration.ZERO);
        Map<String, Object> data = Map.of("backlog", backlog, "oldestAgeSeconds", Math.max(0, age.toSeconds()));
        return age.compareTo(SYNC_BEHIND) < 0 ? new Check("sync", true, backlog + " waiting", data)
                : new Check("sync", false, "the CRM is " + age.toMinutes() + " min behind (" + backlog
                + " records kept in the outbox)", data);
    }

    Check disk() {
        // statvfs on the folder itself (File.getUsableSpace), not the mount table, which a chroot may not have.
        long free = dataDir.toFile().getUsableSpace();
        Map<String, Object> data = Map.of("freeBytes", free, "dataDir", dataDir.toString());
        if (free == 0 && !Files.isDirectory(dataDir)) {
            return new Check("disk", false, "cannot read the free space of " + dataDir, data);
        }
        return free >= DISK_LOW_BYTES ? new Check("disk", true, (free >> 20) + " MB free", data)
                : new Check("disk", false, "only " + (free >> 20) + " MB free in " + dataDir, data);
    }
}
