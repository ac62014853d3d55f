package io.branchline.box.listdial;

import static io.branchline.box.store.schema.Tables.DIAL_LIST_ENTRY;
import static io.branchline.box.store.schema.Tables.DIAL_LIST_STATE;

import io.branchline.box.number.NumberSheet;
import io.branchline.box.store.Database;
import io.branchline.box.store.TimeText;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.impl.DSL;

/**
 * The agents' lists (轮呼列表) in the database, each agent's independent of the others: the numbers in their
 * order with what came of each, and the list's state. A number is marked {@code dialling} in the write that
 * takes it; after a crash such numbers are {@code interrupted}, never dialled again by the list.
 */
public final class DialLists {
    public static final int MAX_PER_AGENT = 10_000;
    public static final int PAGE = 100;

    /** One number of a list; {@code result} empty while it waits its turn. */
    public record Entry(int seq, String number, String name, String customerId, String result, String detail,
                        String callId, String dialledAt, String endedAt) {
    }

    /** Where an agent's list stands. */
    public record Progress(String agent, String state, int autoNextSeconds, int numbers, int done, int left,
                           Entry current, Map<String, Integer> results) {
    }

    private final Database db;
    private final Clock clock;

    public DialLists(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        db.with(dsl -> dsl.update(DIAL_LIST_ENTRY).set(DIAL_LIST_ENTRY.RESULT, "interrupted")
                .set(DIAL_LIST_ENTRY.DETAIL, "the box restarted while this number was being dialled")
                .where(DIAL_LIST_ENTRY.RESULT.eq("dialling")).execute());
        // A list that was dialling when the box stopped waits for its agent: nobody is dialled unasked.
        db.with(dsl -> dsl.update(DIAL_LIST_STATE).set(DIAL_LIST_STATE.STATE, "paused")
                .where(DIAL_LIST_STATE.STATE.in("running", "waiting")).execute());
    }

    /** Adds numbers to the end of an agent's list; a number already waiting in it is refused. */
    NumberSheet.Read add(String agent, NumberSheet.Read numbers) {
        List<NumberSheet.Row> fresh = new ArrayList<>();
        List<NumberSheet.Bad> bad = new ArrayList<>(numbers.bad());
        db.with(dsl -> dsl.transactionResult(c -> {
            var d = DSL.using(c);
            Set<String> waiting = new HashSet<>(d.select(DIAL_LIST_ENTRY.NUMBER).from(DIAL_LIST_ENTRY)
                    .where(DIAL_LIST_ENTRY.AGENT_ID.eq(agent).and(DIAL_LIST_ENTRY.RESULT.eq("")))
                    .fetch(DIAL_LIST_ENTRY.NUMBER));
            int have = d.fetchCount(DIAL_LIST_ENTRY, DIAL_LIST_ENTRY.AGENT_ID.eq(agent));
            for (NumberSheet.Row r : numbers.rows()) {
                if (waiting.contains(r.subscriber())) {
                    bad.add(new NumberSheet.Bad(r.line(), "number", "already waiting in this list"));
                } else if (have + fresh.size() >= MAX_PER_AGENT) {
                    bad.add(new NumberSheet.Bad(r.line(), "line", "the list holds at most " + MAX_PER_AGENT
                            + " numbers; clear it first"));
                } else {
                    fresh.add(r);
                }
            }
            Integer last = d.select(DSL.max(DIAL_LIST_ENTRY.SEQ)).from(DIAL_LIST_ENTRY)
                    .where(DIAL_LIST_ENTRY.AGENT_ID.eq(agent)).fetchOne(0, Integer.class);
            int seq = last == null ? 0 : last;
            if (!fresh.isEmpty()) {
                var batch = d.batch(d.insertInto(DIAL_LIST_ENTRY, DIAL_LIST_ENTRY.AGENT_ID, DIAL_LIST_ENTRY.SEQ,
                        DIAL_LIST_ENTRY.NUMBER, DIAL_LIST_ENTRY.NAME, DIAL_LIST_ENTRY.CUSTOMER_ID,
                        DIAL_LIST_ENTRY.RESULT, DIAL_LIST_ENTRY.DETAIL)
                        .values((String) null, null, null, null, null, null, null));
                for (NumberSheet.Row r : fresh) {
                    batch.bind(agent, ++seq, r.subscriber(), r.name(), r.customerId(), "", "");
                }
                batch.execute();
            }
            if (d.fetchCount(DIAL_LIST_STATE, DIAL_LIST_STATE.AGENT_ID.eq(agent)) == 0) {
                d.insertInto(DIAL_LIST_STATE).set(DIAL_LIST_STATE.AGENT_ID, agent).set(DIAL_LIST_STATE.STATE, "stopped")
                        .set(DIAL_LIST_STATE.AUTO_NEXT_SECONDS, 0)
                        .set(DIAL_LIST_STATE.CHANGED_AT, TimeText.of(clock.instant())).execute();
            }
            return null;
        }));
        return new NumberSheet.Read(List.copyOf(fresh), List.copyOf(bad));
    }

    /** Empties an agent's list (一键清空); how many numbers it held. */
    int clear(String agent) {
        return db.with(dsl -> dsl.transactionResult(c -> {
            int n = DSL.using(c).deleteFrom(DIAL_LIST_ENTRY).where(DIAL_LIST_ENTRY.AGENT_ID.eq(agent)
                    .and(DIAL_LIST_ENTRY.RESULT.ne("dialling"))).execute();
            DSL.using(c).update(DIAL_LIST_STATE).set(DIAL_LIST_STATE.STATE, "stopped")
                    .set(DIAL_LIST_STATE.CHANGED_AT, TimeText.of(clock.instant()))
                    .where(DIAL_LIST_STATE.AGENT_ID.eq(agent)).execute();
            return n;
        }));
    }

    String state(String agent) {
        return Optional.ofNullable(db.with(dsl -> dsl.select(DIAL_LIST_STATE.STATE).from(DIAL_LIST_STATE)
                .where(DIAL_LIST_STATE.AGENT_ID.eq(agent)).fetchOne(DIAL_LIST_STATE.STATE))).orElse("stopped");
    }

    int autoNext(String agent) {
        return Optional.ofNullable(db.with(dsl -> dsl.select(DIAL_LIST_STATE.AUTO_NEXT_SECONDS).from(DIAL_LIST_STATE)
                .where(DIAL_LIST_STATE.AGENT_ID.eq(agent)).fetchOne(DIAL_LIST_STATE.AUTO_NEXT_SECONDS))).orElse(0);
    }

    void state(String agent, String state, Integer autoNextSeconds) {
        String now = TimeText.of(clock.instant());
        db.with(dsl -> {
            var up = dsl.insertInto(DIAL_LIST_STATE).set(DIAL_LIST_STATE.AGENT_ID, agent).set(DIAL_LIST_STATE.STATE, state)
                    .set(DIAL_LIST_STATE.AUTO_NEXT_SECONDS, autoNextSeconds == null ? 0 : autoNextSeconds)
                    .set(DIAL_LIST_STATE.CHANGED_AT, now).onConflict(DIAL_LIST_STATE.AGENT_ID).doUpdate()
                    .set(DIAL_LIST_STATE.STATE, state).set(DIAL_LIST_STATE.CHANGED_AT, now);
            return autoNextSeconds == null ? up.execute() : up.set(DIAL_LIST_STATE.AUTO_NEXT_SECONDS, autoNextSeconds).execute();
        });
    }

    /** The next number waiting its turn, marked as dialling; empty when none is left. */
    Optional<Entry> take(String agent) {
        return db.with(dsl -> dsl.transactionResult(c -> {
            var d = DSL.using(c);
            var r = d.selectFrom(DIAL_LIST_ENTRY).where(DIAL_LIST_ENTRY.AGENT_ID.eq(agent)
                    .and(DIAL_LIST_ENTRY.RESULT.eq(""))).orderBy(DIAL_LIST_ENTRY.SEQ).limit(1).fetchOne();
            if (r == null) {
                return Optional.<Entry>empty();
            }
            r.setResult("dialling");
            r.setDialledAt(TimeText.of(clock.instant()));
            r.update();
            return Optional.of(entry(r));
        }));
    }

    void result(String agent, int seq, String result, String detail, String callId) {
        String d = detail.length() > 300 ? detail.substring(0, 300) : detail;
        db.with(dsl -> dsl.update(DIAL_LIST_ENTRY).set(DIAL_LIST_ENTRY.RESULT, result).set(DIAL_LIST_ENTRY.DETAIL, d)
                .set(DIAL_LIST_ENTRY.CALL_ID, callId).set(DIAL_LIST_ENTRY.ENDED_AT, TimeText.of(clock.instant()))
                .where(DIAL_LIST_ENTRY.AGENT_ID.eq(agent).and(DIAL_LIST_ENTRY.SEQ.eq(seq))).execute());
    }

    /** A number taken that could not be dialled (the agent's line was busy) waits its turn again. */
    void untake(String agent, int seq) {
        db.with(dsl -> dsl.update(DIAL_LIST_ENTRY).set(DIAL_LIST_ENTRY.RESULT, "")
                .set(DIAL_LIST_ENTRY.DIALLED_AT, (String) null)
                .where(DIAL_LIST_ENTRY.AGENT_ID.eq(agent).and(DIAL_LIST_ENTRY.SEQ.eq(seq))).execute());
    }

    /** The call that was placed for an entry (set as soon as the call exists). */
    void placed(String agent, int seq, String callId) {
        db.with(dsl -> dsl.update(DIAL_LIST_ENTRY).set(DIAL_LIST_ENTRY.CALL_ID, callId)
                .where(DIAL_LIST_ENTRY.AGENT_ID.eq(agent).and(DIAL_LIST_ENTRY.SEQ.eq(seq))).execute());
    }

    Optional<Entry> entry(String agent, int seq) {
        return Optional.ofNullable(db.with(dsl -> dsl.fetchOne(DIAL_LIST_ENTRY, DIAL_LIST_ENTRY.AGENT_ID.eq(agent)
                .and(DIAL_LIST_ENTRY.SEQ.eq(seq))))).map(DialLists::entry);
    }

    /** The entry dialled last (the one an agent's choice after hang-up is about). */
    Optional<Entry> last(String agent) {
        return Optional.ofNullable(db.with(dsl -> dsl.selectFrom(DIAL_LIST_ENTRY).where(DIAL_LIST_ENTRY.AGENT_ID
                .eq(agent).and(DIAL_LIST_ENTRY.DIALLED_AT.isNotNull())).orderBy(DIAL_LIST_ENTRY.DIALLED_AT.desc(),
                DIAL_LIST_ENTRY.SEQ.desc()).limit(1).fetchOne())).map(DialLists::entry);
    }

    public List<Entry> entries(String agent, int page) {
        return db.with(dsl -> dsl.selectFrom(DIAL_LIST_ENTRY).where(DIAL_LIST_ENTRY.AGENT_ID.eq(agent))
                .orderBy(DIAL_LIST_ENTRY.SEQ).limit(PAGE).offset(Math.max(0, page - 1) * PAGE).fetch())
                .stream().map(DialLists::entry).toList();
    }

    /** The agents with a list. */
    public List<String> agents() {
        return db.with(dsl -> dsl.select(DIAL_LIST_STATE.AGENT_ID).from(DIAL_LIST_STATE).orderBy(DIAL_LIST_STATE.AGENT_ID)
                .fetch(DIAL_LIST_STATE.AGENT_ID));
    }

    public Progress progress(String agent) {
        Map<String, Integer> results = new LinkedHashMap<>();
        int[] total = new int[2];
        db.with(dsl -> dsl.select(DIAL_LIST_ENTRY.RESULT, DSL.count()).from(DIAL_LIST_ENTRY)
                .where(DIAL_LIST_ENTRY.AGENT_ID.eq(agent)).groupBy(DIAL_LIST_ENTRY.RESULT).fetch()).forEach(r -> {
                    total[0] += r.value2();
                    if (r.value1().isEmpty()) {
                        total[1] += r.value2();
                    } else {
                        results.put(r.value1(), r.value2());
                    }
                });
        Entry current = last(agent).orElse(null);
        return new Progress(agent, state(agent), autoNext(agent), total[0], total[0] - total[1]
                - results.getOrDefault("dialling", 0), total[1], current, results);
    }

    private static Entry entry(io.branchline.box.store.schema.tables.records.DialListEntryRecord r) {
        return new Entry(r.getSeq(), r.getNumber(), r.getName(), r.getCustomerId(), r.getResult(), r.getDetail(),
                r.getCallId(), r.getDialledAt(), r.getEndedAt());
    }
}
