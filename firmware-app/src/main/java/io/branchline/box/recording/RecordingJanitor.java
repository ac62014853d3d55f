package io.branchline.box.recording;

import static io.branchline.box.store.schema.Tables.CALL_RECORD;
import static io.branchline.box.store.schema.Tables.RECORDING;

import io.branchline.box.store.TimeText;
import io.branchline.box.store.schema.tables.records.RecordingRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the recordings within their disk quota and retention. Only recordings the CRM already has are ever
 * removed, oldest first; when the quota is reached and every recording left is still owed to the CRM,
 * nothing is deleted and a warning is raised instead (once, until the disk is back under its quota).
 */
public final class RecordingJanitor {
    private static final Logger log = LoggerFactory.getLogger(RecordingJanitor.class);
    private static final List<String> ON_DISK = List.of("complete", Recordings.CUT);

    private final Recordings recordings;
    private final LongSupplier diskBytes;
    private final int quotaPercent;
    private final double quotaGb;
    private final Duration retention;
    private final Consumer<String> warn;
    private volatile boolean warned;

    /**
     * @param diskBytes the size of the disk the recordings are on
     * @param warn      hears the warning when the quota is full of recordings not yet uploaded
     */
    public RecordingJanitor(Recordings recordings, LongSupplier diskBytes, int quotaPercent, double quotaGb,
                            Duration retention, Consumer<String> warn) {
        this.recordings = recordings;
        this.diskBytes = diskBytes;
        this.quotaPercent = quotaPercent;
        this.quotaGb = quotaGb;
        this.retention = retention;
        this.warn = warn;
    }

    /** The disk's size, by statvfs on the folder (a chroot may have no mount table to find its file store in). */
    public static long diskSize(Path dir) {
        long total = dir.toFile().getTotalSpace();
        return total > 0 ? total : Long.MAX_VALUE;
    }

    /** The disk's state for the API: bytes used by recordings, the limit, counts, and the warning if raised. */
    public record Usage(long usedBytes, long limitBytes, int recordings, int notUploaded, boolean warning) {
    }

    public long limitBytes() {
        long byPercent = (long) (diskBytes.getAsLong() / 100.0 * quotaPercent);
        long byGb = quotaGb > 0 ? (long) (quotaGb * 1_000_000_000L) : Long.MAX_VALUE;
        return Math.min(byPercent, byGb);
    }

    public Usage usage() {
        return recordings.db().with(dsl -> {
            var r = dsl.select(DSL.coalesce(DSL.sum(RECORDING.BYTES), java.math.BigDecimal.ZERO), DSL.count(),
                    DSL.count(RECORDING.UPLOADED_AT)).from(RECORDING).where(RECORDING.STATE.in(ON_DISK)).fetchOne();
            int n = r.value2();
            return new Usage(r.value1().longValue(), limitBytes(), n, n - r.value3(), warned);
        });
    }

    /** One round: the retention first, then the quota. Returns how many recordings were removed. */
    public synchronized int sweep() {
        Clock clock = recordings.clock();
        String before = TimeText.of(clock.instant().minus(retention));
        int removed = 0;
        for (RecordingRecord r : onDisk(RECORDING.STARTED_AT.lt(before).and(RECORDING.UPLOADED_AT.isNotNull()))) {
            removed += remove(r, "older than the retention of " + retention.toDays() + " days") ? 1 : 0;
        }
        long limit = limitBytes();
        long used = usage().usedBytes();
        if (used > limit) {
            for (RecordingRecord r : onDisk(RECORDING.UPLOADED_AT.isNotNull())) {
                if (used <= limit) {
                    break;
                }
                if (remove(r, "the recordings' disk quota is reached")) {
                    used -= r.getBytes();
                    removed++;
                }
            }
        }
        if (used > limit && !warned) {
            warned = true;
            String text = "recordings use " + used / 1_000_000 + " MB of their " + limit / 1_000_000 + " MB quota, and"
                    + " every one left is still owed to the CRM: none is deleted; check the CRM link or free space";
            log.warn("event=recording-quota-full used={} limit={}", used, limit);
            warn.accept(text);
        } else if (used <= limit) {
            warned = false;
        }
        return removed;
    }

    private List<RecordingRecord> onDisk(org.jooq.Condition c) {
        return recordings.db().with(dsl -> dsl.selectFrom(RECORDING).where(RECORDING.STATE.in(ON_DISK).and(c))
                .orderBy(RECORDING.STARTED_AT).fetch());
    }

    private boolean remove(RecordingRecord r, String why) {
        try {
            Files.deleteIfExists(recordings.resolve(r.getPath()));
        } catch (IOException e) {
            log.warn("event=recording-delete-failed call={} error=\"{}\"", r.getCallId(), e.getMessage());
            return false;
        }
        String now = TimeText.of(recordings.clock().instant());
        recordings.db().with(dsl -> {
            dsl.update(RECORDING).set(RECORDING.STATE, "deleted").set(RECORDING.DELETED_AT, now)
                    .where(RECORDING.CALL_ID.eq(r.getCallId())).execute();
            dsl.update(CALL_RECORD).set(CALL_RECORD.HAS_RECORDING, 0).where(CALL_RECORD.ID.eq(r.getCallId())).execute();
            return null;
        });
        log.info("event=recording-removed call={} bytes={} why=\"{}\"", r.getCallId(), r.getBytes(), why);
        return true;
    }
}
