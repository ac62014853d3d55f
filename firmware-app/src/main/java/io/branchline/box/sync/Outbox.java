package io.branchline.box.sync;

import static io.branchline.box.store.schema.Tables.OUTBOX;

import io.branchline.box.store.Database;
import io.branchline.box.store.TimeText;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The outbox rows the CRM has not yet taken, oldest first, and marking them sent. */
public final class Outbox {
    /** One row: its order, kind, idempotency key and JSON payload. */
    public record Row(long seq, String kind, String key, String payload, String createdAt) {
    }

    private final Database db;
    private final Clock clock;

    public Outbox(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Runs {@code listener} after every commit that added items, by any writer (call records, recordings, events). */
    public void onAdded(Runnable listener) {
        db.afterInsertsInto(OUTBOX.getName(), listener);
    }

    public List<Row> unsent(int limit) {
        return db.with(dsl -> dsl.selectFrom(OUTBOX).where(OUTBOX.SENT_AT.isNull()).orderBy(OUTBOX.SEQ).limit(limit)
                .fetch(r -> new Row(r.getSeq(), r.getKind(), r.getIdempotencyKey(), r.getPayload(), r.getCreatedAt())));
    }

    /** Adds an item (events other than call records, and tests); the key makes a second add a no-op. */
    public void add(String kind, String key, String payload) {
        db.with(dsl -> dsl.insertInto(OUTBOX).set(OUTBOX.KIND, kind).set(OUTBOX.IDEMPOTENCY_KEY, key)
                .set(OUTBOX.PAYLOAD, payload).set(OUTBOX.CREATED_AT, TimeText.of(clock.instant()))
                .onConflictDoNothing().execute());
    }

    /** The newest items of one kind, newest first, sent or not (the SMS a line received, for the API). */
    public List<Row> latest(String kind, int limit) {
        return db.with(dsl -> dsl.selectFrom(OUTBOX).where(OUTBOX.KIND.eq(kind)).orderBy(OUTBOX.SEQ.desc()).limit(limit)
                .fetch(r -> new Row(r.getSeq(), r.getKind(), r.getIdempotencyKey(), r.getPayload(), r.getCreatedAt())));
    }

    public void markSent(List<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        String now = TimeText.of(clock.instant());
        db.with(dsl -> dsl.update(OUTBOX).set(OUTBOX.SENT_AT, now).where(OUTBOX.IDEMPOTENCY_KEY.in(keys)).execute());
    }

    public int backlog() {
        return db.with(dsl -> dsl.fetchCount(OUTBOX, OUTBOX.SENT_AT.isNull()));
    }

    public Optional<String> oldestUnsent() {
        return db.with(dsl -> dsl.select(OUTBOX.CREATED_AT).from(OUTBOX).where(OUTBOX.SENT_AT.isNull())
                .orderBy(OUTBOX.SEQ).limit(1).fetchOptional(OUTBOX.CREATED_AT));
    }
}
