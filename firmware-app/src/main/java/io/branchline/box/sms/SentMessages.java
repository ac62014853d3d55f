package io.branchline.box.sms;

import static io.branchline.box.store.schema.Tables.SMS_OUT;
import static io.branchline.box.store.schema.Tables.SMS_OUT_PART;

import io.branchline.box.store.Database;
import io.branchline.box.store.TimeText;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Record;

/**
 * The text messages the box sends, in SQLite (sms_out, sms_out_part): each is written before it goes, and
 * each step is committed before the next one starts, so that after a crash or a power cut the box knows what
 * went and never sends a message twice.
 */
public final class SentMessages {
    /** The states of a sent message. */
    public static final List<String> STATES = List.of("queued", "sending", "sent", "delivered", "failed",
            "blocked", "unknown");

    private final Database db;
    private final Clock clock;

    public SentMessages(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** One part's fate: the reference the network gave it, and its status report when one came. */
    public record Part(int part, String lineId, int reference, Integer status, String reportedAt) {
    }

    /** A message, as the API shows it. */
    public record Message(String id, String requestId, String lineId, String number, String text, int parts,
                          String encoding, String state, String detail, String source, String createdAt,
                          String sentAt, String doneAt, List<Part> sent) {
    }

    /** What a caller asks to send, already checked. */
    record NewMessage(String requestId, String lineId, String number, String text, int parts, String encoding,
                      String source) {
    }

    Message add(NewMessage m) {
        String id = UUID.randomUUID().toString();
        String now = TimeText.of(clock.instant());
        db.with(dsl -> dsl.insertInto(SMS_OUT).set(SMS_OUT.ID, id).set(SMS_OUT.REQUEST_ID, m.requestId())
                .set(SMS_OUT.LINE_ID, m.lineId()).set(SMS_OUT.NUMBER, m.number()).set(SMS_OUT.TEXT, m.text())
                .set(SMS_OUT.PARTS, m.parts()).set(SMS_OUT.ENCODING, m.encoding()).set(SMS_OUT.STATE, "queued")
                .set(SMS_OUT.SOURCE, m.source()).set(SMS_OUT.CREATED_AT, now).execute());
        return find(id).orElseThrow();
    }

    public Optional<Message> find(String id) {
        return db.with(dsl -> dsl.selectFrom(SMS_OUT).where(SMS_OUT.ID.eq(id)).fetchOptional()).map(this::message);
    }

    Optional<Message> byRequest(String requestId) {
        if (requestId == null) {
            return Optional.empty();
        }
        return db.with(dsl -> dsl.selectFrom(SMS_OUT).where(SMS_OUT.REQUEST_ID.eq(requestId)).fetchOptional())
                .map(this::message);
    }

    /** The newest {@code limit} messages, newest first. */
    public List<Message> latest(int limit) {
        return messages(db.with(dsl -> dsl.selectFrom(SMS_OUT).orderBy(SMS_OUT.CREATED_AT.desc(), SMS_OUT.ID.desc())
                .limit(limit).fetch()));
    }

    /** The messages waiting for a line, oldest first. */
    List<Message> queued(int limit) {
        return messages(db.with(dsl -> dsl.selectFrom(SMS_OUT).where(SMS_OUT.STATE.eq("queued"))
                .orderBy(SMS_OUT.CREATED_AT, SMS_OUT.ID).limit(limit).fetch()));
    }

    /** Committed before the first part goes: from here on the message is never sent again. */
    void sending(String id, String lineId) {
        db.with(dsl -> dsl.update(SMS_OUT).set(SMS_OUT.STATE, "sending").set(SMS_OUT.LINE_ID, lineId)
                .where(SMS_OUT.ID.eq(id).and(SMS_OUT.STATE.eq("queued"))).execute());
    }

    /** Back to queued, on the line it asked for: the line was down before anything went. */
    void requeue(String id, String askedLine) {
        db.with(dsl -> dsl.update(SMS_OUT).set(SMS_OUT.STATE, "queued").set(SMS_OUT.LINE_ID, askedLine)
                .where(SMS_OUT.ID.eq(id).and(SMS_OUT.STATE.eq("sending"))).execute());
    }

    /** The modem took the parts with these references; reports may follow. */
    void sent(String id, String lineId, List<Integer> references, boolean reportsExpected) {
        String now = TimeText.of(clock.instant());
        db.with(dsl -> {
            for (int i = 0; i < references.size(); i++) {
                dsl.insertInto(SMS_OUT_PART).set(SMS_OUT_PART.SMS_ID, id).set(SMS_OUT_PART.PART, i + 1)
                        .set(SMS_OUT_PART.LINE_ID, lineId).set(SMS_OUT_PART.REFERENCE, references.get(i)).execute();
            }
            return dsl.update(SMS_OUT).set(SMS_OUT.STATE, "sent").set(SMS_OUT.SENT_AT, now)
                    .set(SMS_OUT.DETAIL, reportsExpected ? "" : "this line's modem gives no delivery reports")
                    .where(SMS_OUT.ID.eq(id)).execute();
        });
    }

    /** The message ends here: blocked by the guard, failed, or unknown (it may have gone). */
    void ended(String id, String state, String detail) {
        String now = TimeText.of(clock.instant());
        db.with(dsl -> dsl.update(SMS_OUT).set(SMS_OUT.STATE, state).set(SMS_OUT.DETAIL, detail)
                .set(SMS_OUT.DONE_AT, now).where(SMS_OUT.ID.eq(id)).execute());
    }

    /**
     * A status report came for reference {@code reference} on {@code lineId}: the newest sent part with that
     * reference takes it; the message is delivered once every part is, failed when one failed for good.
     * Returns the message when its state changed.
     */
    Optional<Message> reported(String lineId, int reference, int status, boolean delivered, boolean failed) {
        String now = TimeText.of(clock.instant());
        return db.with(dsl -> {
            Record part = dsl.select(SMS_OUT_PART.SMS_ID, SMS_OUT_PART.PART).from(SMS_OUT_PART).join(SMS_OUT)
                    .on(SMS_OUT.ID.eq(SMS_OUT_PART.SMS_ID))
                    .where(SMS_OUT_PART.LINE_ID.eq(lineId).and(SMS_OUT_PART.REFERENCE.eq(reference))
                            .and(SMS_OUT.STATE.eq("sent")))
                    .orderBy(SMS_OUT.SENT_AT.desc()).limit(1).fetchOne();
            if (part == null) {
                return Optional.<String>empty();
            }
            String smsId = part.get(SMS_OUT_PART.SMS_ID);
            dsl.update(SMS_OUT_PART).set(SMS_OUT_PART.STATUS, status).set(SMS_OUT_PART.REPORTED_AT, now)
                    .where(SMS_OUT_PART.SMS_ID.eq(smsId).and(SMS_OUT_PART.PART.eq(part.get(SMS_OUT_PART.PART))))
                    .execute();
            if (failed) {
                dsl.update(SMS_OUT).set(SMS_OUT.STATE, "failed").set(SMS_OUT.DONE_AT, now)
                        .set(SMS_OUT.DETAIL, "the network could not deliver part " + part.get(SMS_OUT_PART.PART)
                                + " (status " + status + ")").where(SMS_OUT.ID.eq(smsId)).execute();
                return Optional.of(smsId);
            }
            if (!delivered) {
                return Optional.<String>empty();
            }
            // Every part the line took: the box's own parts on a modem, the one message a GoIP splits itself.
            int total = dsl.fetchCount(SMS_OUT_PART, SMS_OUT_PART.SMS_ID.eq(smsId));
            int done = dsl.fetchCount(SMS_OUT_PART, SMS_OUT_PART.SMS_ID.eq(smsId).and(SMS_OUT_PART.STATUS.le(0x1F)));
            if (done < total) {
                return Optional.<String>empty();
            }
            dsl.update(SMS_OUT).set(SMS_OUT.STATE, "delivered").set(SMS_OUT.DONE_AT, now).set(SMS_OUT.DETAIL, "")
                    .where(SMS_OUT.ID.eq(smsId)).execute();
            return Optional.of(smsId);
        }).flatMap(this::find);
    }

    /**
     * At start: a message left "sending" may or may not have gone out (the box stopped between the modem's
     * answer and the commit); it is marked unknown and not sent again. Returns how many.
     */
    int recover() {
        String now = TimeText.of(clock.instant());
        return db.with(dsl -> dsl.update(SMS_OUT).set(SMS_OUT.STATE, "unknown").set(SMS_OUT.DONE_AT, now)
                .set(SMS_OUT.DETAIL, "the box stopped while it sent this message: it may have gone out, and is not"
                        + " sent again").where(SMS_OUT.STATE.eq("sending")).execute());
    }

    private Message message(org.jooq.Record r) {
        return messages(List.of(r)).getFirst();
    }

    /** The rows as messages, their parts read in one query for all of them (the page polls the list). */
    private List<Message> messages(List<? extends org.jooq.Record> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> ids = rows.stream().map(r -> r.get(SMS_OUT.ID)).toList();
        java.util.Map<String, List<Part>> parts = new java.util.HashMap<>();
        db.with(dsl -> dsl.selectFrom(SMS_OUT_PART).where(SMS_OUT_PART.SMS_ID.in(ids))
                .orderBy(SMS_OUT_PART.SMS_ID, SMS_OUT_PART.PART).fetch()).forEach(p -> parts.computeIfAbsent(
                p.getSmsId(), k -> new ArrayList<>()).add(new Part(p.getPart(), p.getLineId(), p.getReference(),
                p.getStatus(), p.getReportedAt())));
        return rows.stream().map(r -> new Message(r.get(SMS_OUT.ID), r.get(SMS_OUT.REQUEST_ID), r.get(SMS_OUT.LINE_ID),
                r.get(SMS_OUT.NUMBER), r.get(SMS_OUT.TEXT), r.get(SMS_OUT.PARTS), r.get(SMS_OUT.ENCODING),
                r.get(SMS_OUT.STATE), r.get(SMS_OUT.DETAIL), r.get(SMS_OUT.SOURCE), r.get(SMS_OUT.CREATED_AT),
                r.get(SMS_OUT.SENT_AT), r.get(SMS_OUT.DONE_AT),
                List.copyOf(parts.getOrDefault(r.get(SMS_OUT.ID), List.of())))).toList();
    }
}
