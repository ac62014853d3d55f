package io.branchline.box.recording;

import io.branchline.box.call.CallRecords;
import io.branchline.box.config.BoxConfig;
import io.branchline.box.store.Database;
import io.branchline.box.web.Json;
import io.branchline.hw.time.Scheduler;
import io.helidon.webserver.http.HttpRouting;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recordings room: the files and their rows, the repair of what a crash left, and the disk care (quota
 * and retention every 10 minutes and after each upload). {@code GET /api/recordings/disk} shows the disk.
 */
public final class RecordingFeature {
    private static final Logger log = LoggerFactory.getLogger(RecordingFeature.class);

    private final Recordings recordings;
    private final RecordingJanitor janitor;
    private volatile Consumer<String> quotaWarnings = text -> { };

    private RecordingFeature(Recordings recordings, BoxConfig.Recordings rc, Path dataDir) {
        this.recordings = recordings;
        this.janitor = new RecordingJanitor(recordings, () -> RecordingJanitor.diskSize(dataDir), rc.quotaPercent(),
                rc.quotaGb(), Duration.ofDays(rc.retentionDays()), text -> quotaWarnings.accept(text));
    }

    /**
     * Opens the recordings. A box stopped mid-call left a recording behind: it gets its record before
     * anything else happens.
     */
    public static RecordingFeature start(BoxConfig.Recordings rc, Path dataDir, Database db, CallRecords records,
                                         Scheduler scheduler) {
        Recordings recordings = new Recordings(db, dataDir, scheduler.clock(), ZoneId.systemDefault());
        recordings.recover(records);
        RecordingFeature f = new RecordingFeature(recordings, rc, dataDir);
        f.sweepEvery(scheduler, Duration.ofSeconds(5), Duration.ofMinutes(10));
        return f;
    }

    /** Who hears that the quota is full of recordings the CRM does not have yet (the CRM's outbox). */
    public void onQuotaWarning(Consumer<String> listener) {
        quotaWarnings = listener;
    }

    /** The CRM has a recording: it may now be removed by the quota or the retention. */
    public void uploaded(String callId) {
        recordings.markUploaded(callId);
        janitor.sweep();
    }

    /** The recordings' disk use against their quota (the page, the metrics). */
    public RecordingJanitor.Usage usage() {
        return janitor.usage();
    }

    public Recordings recordings() {
        return recordings;
    }

    public void routes(HttpRouting.Builder r) {
        r.get("/api/recordings/disk", (req, res) -> Json.ok(res, janitor.usage()));
    }

    private void sweepEvery(Scheduler scheduler, Duration after, Duration every) {
        scheduler.schedule(after, () -> Thread.ofVirtual().start(() -> {
            try {
                janitor.sweep();
            } catch (RuntimeException e) {
                log.error("event=recording-sweep-failed", e);
            }
            sweepEvery(scheduler, every, every);
        }));
    }
}
