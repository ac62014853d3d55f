package io.branchline.box.forward;

import static io.branchline.box.store.schema.Tables.FORWARDING_JOURNAL;

import io.branchline.box.store.Database;
import io.branchline.box.store.TimeText;
import java.time.Clock;
import java.util.List;

/**
 * The durable list of forwardings the box may have left on a SIM: opened before AT+CCFC registers one,
 * closed when its erase is confirmed. Whatever is open at start-up is erased first thing.
 */
public final class ForwardingJournal {
    /** A forwarding that may still be active. */
    public record Entry(String callId, String lineId, String simIccid, String target) {
    }

    private final Database db;
    private final Clock clock;

    public ForwardingJournal(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public void open(Entry e) {
        db.with(dsl -> dsl.insertInto(FORWARDING_JOURNAL)
                .set(FORWARDING_JOURNAL.CALL_ID, e.callId()).set(FORWARDING_JOURNAL.LINE_ID, e.lineId())
                .set(FORWARDING_JOURNAL.SIM_ICCID, e.simIccid()).set(FORWARDING_JOURNAL.TARGET, e.target())
                .set(FORWARDING_JOURNAL.OPENED_AT, TimeText.of(clock.instant())).execute());
    }

    public void close(String callId, String lineId) {
        db.with(dsl -> dsl.update(FORWARDING_JOURNAL).set(FORWARDING_JOURNAL.ERASED_AT, TimeText.of(clock.instant()))
                .where(FORWARDING_JOURNAL.CALL_ID.eq(callId)).and(FORWARDING_JOURNAL.LINE_ID.eq(lineId)).execute());
    }

    public List<Entry> open() {
        return db.with(dsl -> dsl.selectFrom(FORWARDING_JOURNAL).where(FORWARDING_JOURNAL.ERASED_AT.isNull())
                .orderBy(FORWARDING_JOURNAL.OPENED_AT)
                .fetch(r -> new Entry(r.getCallId(), r.getLineId(), r.getSimIccid(), r.getTarget())));
    }
}
