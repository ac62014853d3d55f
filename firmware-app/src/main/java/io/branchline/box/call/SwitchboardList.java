package io.branchline.box.call;

import static io.branchline.box.store.schema.Tables.CALL_RECORD;
import static io.branchline.box.store.schema.Tables.INBOUND_HANDLED;

import io.branchline.box.store.Database;
import io.branchline.box.store.StoredText;
import io.branchline.box.store.TimeText;
import io.branchline.box.store.schema.tables.CallRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * The switchboard list the seed describes (总机中心: every incoming call, handled or not): each inbound call
 * with its caller, time, way through the menus and queues, who answered, and whether it is handled:
 * answered (an agent talked with the caller), called back (a later call out to that number was answered), or marked handled by an admin
 * with a note. Unhandled calls are the ones someone still owes a call back.
 */
public final class SwitchboardList {
    public static final int MAX_NOTE = 200;

    /** One inbound call on the list; {@code handled} is answered, called-back, marked, or empty. */
    public record Entry(CallView call, List<String> path, String handled, String handledBy, String handledAt,
                        String note) {
    }

    private final Database db;
    private final Clock clock;

    public SwitchboardList(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * A page of inbound calls, newest first: all of them, or only the unhandled; {@code agents} limits them to
     * a viewer's agents (calls that rang for nobody are the office's and always listed).
     */
    public List<Entry> list(boolean unhandledOnly, int page, Optional<Set<String>> agents) {
        Condition where = CALL_RECORD.DIRECTION.eq(CallView.IN);
        if (agents.isPresent()) {
            where = where.and(CALL_RECORD.AGENT_ID.in(agents.get()).or(CALL_RECORD.AGENT_ID.eq("")));
        }
        if (unhandledOnly) {
            where = where.andNot(takenByAgent()).and(INBOUND_HANDLED.CALL_ID.isNull()).andNot(calledBack());
        }
        return entries(where, page);
    }

    /**
     * An agent talked with the caller: the call ended normally with an agent. (The switchboard answering
     * is not it: a caller who only heard the menus, a message or the hold audio is still owed a call.)
     */
    private static Condition takenByAgent() {
        return CALL_RECORD.ANSWERED_AT.isNotNull().and(CALL_RECORD.END_CAUSE.eq("normal"))
                .and(CALL_RECORD.AGENT_ID.ne(""));
    }

    /** A later call out to the same number (as given, with or without +86) was answered. */
    private static Condition calledBack() {
        CallRecord out = CALL_RECORD.as("later");
        CallRecord in = CALL_RECORD;
        return DSL.exists(DSL.selectOne().from(out).where(out.DIRECTION.eq(CallView.OUT)
                .and(out.ANSWERED_AT.isNotNull()).and(out.STARTED_AT.gt(in.STARTED_AT))
                .and(out.NUMBER_GIVEN.ne("")).and(out.NUMBER_GIVEN.eq(in.NUMBER_GIVEN)
                        .or(out.NUMBER_GIVEN.eq(DSL.inline("+86").concat(in.NUMBER_GIVEN)))
                        .or(DSL.inline("+86").concat(out.NUMBER_GIVEN).eq(in.NUMBER_GIVEN)))));
    }

    private List<Entry> entries(Condition w, int page) {
        CallRecord in = CALL_RECORD;
        Condition calledBack = calledBack();
        return db.with(dsl -> dsl.select(in.fields()).select(INBOUND_HANDLED.HANDLED_BY, INBOUND_HANDLED.HANDLED_AT,
                        INBOUND_HANDLED.NOTE, DSL.field(calledBack).as("called_back"),
                        DSL.field(takenByAgent()).as("taken"))
                .from(in).leftJoin(INBOUND_HANDLED).on(INBOUND_HANDLED.CALL_ID.eq(in.ID)).where(w)
                .orderBy(in.STARTED_AT.desc()).limit(CallRecords.PAGE_SIZE).offset((page - 1) * CallRecords.PAGE_SIZE)
                .fetch(r -> {
                    CallView v = CallRecords.view(r.into(in));
                    String by = r.get(INBOUND_HANDLED.HANDLED_BY);
                    boolean back = Boolean.TRUE.equals(r.get("called_back", Boolean.class));
                    boolean taken = Boolean.TRUE.equals(r.get("taken", Boolean.class));
                    String handled = taken ? "answered" : by != null ? "marked" : back ? "called-back" : "";
                    return new Entry(v, path(v.detail()), handled, by == null ? "" : by,
                            r.get(INBOUND_HANDLED.HANDLED_AT) == null ? "" : r.get(INBOUND_HANDLED.HANDLED_AT),
                            r.get(INBOUND_HANDLED.NOTE) == null ? "" : r.get(INBOUND_HANDLED.NOTE));
                }));
    }

    /** Marks inbound call {@code id} handled; empty when there is no such inbound call. */
    public Optional<Entry> mark(String id, String by, String note) {
        String n = note == null ? "" : note.strip();
        if (n.length() > MAX_NOTE || !StoredText.printable(n).equals(n)) {
            throw new IllegalArgumentException("up to " + MAX_NOTE + " characters, without control characters");
        }
        boolean inbound = db.with(dsl -> dsl.fetchExists(CALL_RECORD, CALL_RECORD.ID.eq(id)
                .and(CALL_RECORD.DIRECTION.eq(CallView.IN))));
        if (!inbound) {
            return Optional.empty();
        }
        String at = TimeText.of(clock.instant());
        db.with(dsl -> dsl.insertInto(INBOUND_HANDLED).set(INBOUND_HANDLED.CALL_ID, id)
                .set(INBOUND_HANDLED.HANDLED_BY, by).set(INBOUND_HANDLED.HANDLED_AT, at).set(INBOUND_HANDLED.NOTE, n)
                .onConflict(INBOUND_HANDLED.CALL_ID).doUpdate().set(INBOUND_HANDLED.HANDLED_BY, by)
                .set(INBOUND_HANDLED.HANDLED_AT, at).set(INBOUND_HANDLED.NOTE, n).execute());
        return find(id);
    }

    /** Takes a mark back: the call is unhandled again unless answered or called back. */
    public Optional<Entry> unmark(String id) {
        db.with(dsl -> dsl.deleteFrom(INBOUND_HANDLED).where(INBOUND_HANDLED.CALL_ID.eq(id)).execute());
        return find(id);
    }

    private Optional<Entry> find(String id) {
        return entries(CALL_RECORD.ID.eq(id).and(CALL_RECORD.DIRECTION.eq(CallView.IN)), 1).stream().findFirst();
    }

    /**
     * The way a call went through the switchboard, from its record's detail ({@code switchboard main:2
     * queue:loans last-agent:1001: why}): the steps, empty for a call that did not pass the switchboard.
     */
    public static List<String> path(String detail) {
        int at = detail == null ? -1 : detail.indexOf("switchboard ");
        if (at < 0) {
            return List.of();
        }
        List<String> steps = new ArrayList<>();
        for (String t : detail.substring(at + "switchboard ".length()).split(" ")) {
            if (t.endsWith(":") || t.endsWith(";")) {
                if (t.length() > 1) {
                    steps.add(t.substring(0, t.length() - 1));
                }
                break;
            }
            if (t.isEmpty()) {
                break;
            }
            steps.add(t);
        }
        return steps;
    }
}
