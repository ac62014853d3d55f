package io.branchline.box.call;

import static io.branchline.box.store.schema.Tables.CALL_ATTEMPT;
import static io.branchline.box.store.schema.Tables.CALL_RECORD;
import static io.branchline.box.store.schema.Tables.OUTBOX;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.branchline.box.store.Database;
import io.branchline.box.store.TimeText;
import io.branchline.box.store.schema.tables.records.CallRecordRecord;
import io.branchline.box.web.Json;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * The call records in SQLite. A record and its outbox row for the CRM are written in one transaction, with
 * synchronous=FULL: once the call has ended and this returns, both survive kill -9 and a power cut.
 */
public final class CallRecords {
    public static final int PAGE_SIZE = 50;

    private final Database db;
    private final Clock clock;

    public CallRecords(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public void save(CallView c) {
        save(c, dsl -> { });
    }

    /**
     * Writes the record and its outbox row, and {@code alsoInTransaction} (the recording's row and its
     * upload), all or nothing.
     */
    public void save(CallView c, java.util.function.Consumer<org.jooq.DSLContext> alsoInTransaction) {
        String payload;
        try {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("v", 1);
            body.put("type", "call.record");
            body.put("call", c);
            payload = Json.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the outbox payload of call " + c.id(), e);
        }
        db.with(dsl -> {
            dsl.insertInto(CALL_RECORD)
                    .set(CALL_RECORD.ID, c.id()).set(CALL_RECORD.AGENT_ID, c.agent()).set(CALL_RECORD.LINE_ID, c.line())
                    .set(CALL_RECORD.SIM_ICCID, c.simIccid()).set(CALL_RECORD.SIM_NUMBER, c.simNumber())
                    .set(CALL_RECORD.NUMBER_GIVEN, c.numberGiven()).set(CALL_RECORD.NUMBER_DIALED, c.numberDialed())
                    .set(CALL_RECORD.MODE, c.mode()).set(CALL_RECORD.CUSTOMER_ID, c.customerId())
                    .set(CALL_RECORD.STARTED_AT, c.startedAt()).set(CALL_RECORD.ANSWERED_AT, c.answeredAt())
                    .set(CALL_RECORD.ENDED_AT, c.endedAt()).set(CALL_RECORD.WAIT_MS, c.waitMs())
                    .set(CALL_RECORD.TALK_MS, c.talkMs()).set(CALL_RECORD.END_CAUSE, c.endCause())
                    .set(CALL_RECORD.DETAIL, c.detail()).set(CALL_RECORD.HAS_RECORDING, c.hasRecording() ? 1 : 0)
                    .set(CALL_RECORD.AGENT_LEG, agentLeg(c)).set(CALL_RECORD.DIRECTION, c.direction())
                    .execute();
            dsl.insertInto(OUTBOX).set(OUTBOX.KIND, "call.record").set(OUTBOX.IDEMPOTENCY_KEY, "call:" + c.id())
                    .set(OUTBOX.PAYLOAD, payload).set(OUTBOX.CREATED_AT, TimeText.of(clock.instant())).execute();
            dsl.deleteFrom(CALL_ATTEMPT).where(CALL_ATTEMPT.ID.eq(c.id())).execute();
            alsoInTransaction.accept(dsl);
            return null;
        });
    }

    /**
     * A call got its lines and is about to be dialled (or rang, or moved to another SIM): kept until its
     * record is written, so that a crash before then still leaves a record (see {@link #recoverCut()}).
     */
    public void attempt(CallView c) {
        String json;
        try {
            json = Json.MAPPER.writeValueAsString(c);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write call " + c.id(), e);
        }
        db.with(dsl -> dsl.insertInto(CALL_ATTEMPT).set(CALL_ATTEMPT.ID, c.id())
                .set(CALL_ATTEMPT.STARTED_AT, c.startedAt()).set(CALL_ATTEMPT.CALL_JSON, json)
                .onConflict(CALL_ATTEMPT.ID).doUpdate().set(CALL_ATTEMPT.CALL_JSON, json).execute());
    }

    /**
     * At start, before any call: the calls a crash or power cut left without a record get one, ended as
     * "cut" when last seen, with their outbox row. Returns how many.
     */
    public int recoverCut() {
        var left = db.with(dsl -> dsl.selectFrom(CALL_ATTEMPT).orderBy(CALL_ATTEMPT.STARTED_AT).fetch());
        int n = 0;
        for (var a : left) {
            try {
                if (find(a.getId()).isPresent()) {
                    db.with(dsl -> dsl.deleteFrom(CALL_ATTEMPT).where(CALL_ATTEMPT.ID.eq(a.getId())).execute());
                    continue;
                }
                CallView last = Json.MAPPER.readValue(a.getCallJson(), CallView.class);
                String at = last.answeredAt() != null ? last.answeredAt() : last.startedAt();
                save(last.endedAs(at, 0, "cut", "the box stopped while the call was " + last.state()
                        + " (power cut or crash); how it ended is not known", false));
                n++;
            } catch (JsonProcessingException | RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(CallRecords.class).error("event=call-attempt-recovery-failed"
                        + " call={} error=\"{}\"", a.getId(), e.getMessage());
            }
        }
        return n;
    }

    public Optional<CallView> find(String id) {
        return db.with(dsl -> dsl.selectFrom(CALL_RECORD).where(CALL_RECORD.ID.eq(id)).fetchOptional()
                .map(CallRecords::view));
    }

    /** What to list: every field optional; {@code result} is an end cause, or "connected" / "not-connected". */
    public record Filter(Optional<String> from, Optional<String> to, Optional<String> agent, Optional<String> number,
                         Optional<String> result, int page, Optional<java.util.Set<String>> agents,
                         Optional<String> direction) {
        public Filter(Optional<String> from, Optional<String> to, Optional<String> agent, Optional<String> number,
                      Optional<String> result, int page) {
            this(from, to, agent, number, result, page, Optional.empty(), Optional.empty());
        }

        /** The first page of calls that rang the box's lines from {@code caller}, newest first. */
        public static Filter inboundFrom(String caller) {
            return new Filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(caller),
                    Optional.empty(), 1, Optional.empty(), Optional.of(CallView.IN));
        }
    }

    public List<CallView> list(Filter f) {
        Condition where = DSL.trueCondition();
        if (f.from().isPresent()) {
            where = where.and(CALL_RECORD.STARTED_AT.ge(f.from().get()));
        }
        if (f.to().isPresent()) {
            where = where.and(CALL_RECORD.STARTED_AT.lt(f.to().get()));
        }
        if (f.agent().isPresent()) {
            where = where.and(CALL_RECORD.AGENT_ID.eq(f.agent().get()));
        }
        if (f.agents().isPresent()) {
            where = where.and(CALL_RECORD.AGENT_ID.in(f.agents().get())); // the viewer's data scope
        }
        if (f.number().isPresent()) {
            where = where.and(CALL_RECORD.NUMBER_GIVEN.eq(f.number().get()));
        }
        if (f.direction().isPresent()) {
            where = where.and(CALL_RECORD.DIRECTION.eq(f.direction().get()));
        }
        if (f.result().isPresent()) {
            String r = f.result().get();
            where = where.and(r.equals("connected") ? CALL_RECORD.ANSWERED_AT.isNotNull()
                    : r.equals("not-connected") ? CALL_RECORD.ANSWERED_AT.isNull() : CALL_RECORD.END_CAUSE.eq(r));
        }
        Condition w = where;
        return db.with(dsl -> dsl.selectFrom(CALL_RECORD).where(w).orderBy(CALL_RECORD.STARTED_AT.desc())
                .limit(PAGE_SIZE).offset((f.page() - 1) * PAGE_SIZE).fetch(CallRecords::view));
    }

    /**
     * The sales briefing's figures (销售简报) for calls started in [from, to), per agent or per SIM:
     * calls out, connected, not connected, connect rate, total and average talk time.
     */
    public record Figures(String key, int callsOut, int connected, int notConnected, double connectRate,
                          long talkMsTotal, long talkMsAverage) {
    }

    public List<Figures> figures(String from, String to, boolean bySim) {
        return figures(from, to, bySim, Optional.empty());
    }

    /** The figures of the calls of {@code agents} only, when given (a supervisor's team, an agent). */
    public List<Figures> figures(String from, String to, boolean bySim, Optional<java.util.Set<String>> agents) {
        var key = bySim ? CALL_RECORD.SIM_NUMBER : CALL_RECORD.AGENT_ID;
        var connected = DSL.count(CALL_RECORD.ANSWERED_AT);
        var talk = DSL.sum(CALL_RECORD.TALK_MS);
        return db.with(dsl -> dsl.select(key, DSL.count(), connected, talk).from(CALL_RECORD)
                .where(CALL_RECORD.STARTED_AT.ge(from).and(CALL_RECORD.STARTED_AT.lt(to))
                        .and(CALL_RECORD.DIRECTION.eq(CallView.OUT))
                        .and(agents.map(a -> CALL_RECORD.AGENT_ID.in(a)).orElse(DSL.trueCondition())))
                .groupBy(key).orderBy(key)
                .fetch(r -> {
                    int out = r.value2();
                    int conn = r.value3();
                    long total = r.value4() == null ? 0 : r.value4().longValue();
                    return new Figures(r.value1(), out, conn, out - conn, out == 0 ? 0 : (double) conn / out, total,
                            conn == 0 ? 0 : total / conn);
                }));
    }

    /** Of each call started in [from, to) (of {@code agents} when given): when it started, and whether answered. */
    public record Start(String startedAt, boolean answered) {
    }

    public List<Start> starts(String from, String to, Optional<java.util.Set<String>> agents) {
        return db.with(dsl -> dsl.select(CALL_RECORD.STARTED_AT, CALL_RECORD.ANSWERED_AT).from(CALL_RECORD)
                .where(CALL_RECORD.STARTED_AT.ge(from).and(CALL_RECORD.STARTED_AT.lt(to))
                        .and(CALL_RECORD.DIRECTION.eq(CallView.OUT))
                        .and(agents.map(a -> CALL_RECORD.AGENT_ID.in(a)).orElse(DSL.trueCondition())))
                .fetch(r -> new Start(r.value1(), r.value2() != null)));
    }

    /** Calls made on the SIM with this ICCID since an instant (stored text): rotation and the call-rate warning. */
    /** Every call kept, counted by how it ended (the metrics' calls by result). */
    public Map<String, Integer> countByEndCause() {
        return db.with(dsl -> dsl.select(CALL_RECORD.END_CAUSE, org.jooq.impl.DSL.count()).from(CALL_RECORD)
                .groupBy(CALL_RECORD.END_CAUSE).fetchMap(r -> r.value1(), r -> r.value2()));
    }

    public int countCalls(String simIccid, java.time.Instant since) {
        String from = TimeText.of(since);
        return db.with(dsl -> dsl.fetchCount(CALL_RECORD, CALL_RECORD.SIM_ICCID.eq(simIccid)
                .and(CALL_RECORD.STARTED_AT.ge(from)).and(CALL_RECORD.DIRECTION.eq(CallView.OUT))));
    }

    /**
     * When a call out to {@code subscriber} (as given, with or without +86) was last started since
     * {@code since}, by any path: the re-dial restriction (轮呼限制时间). Empty when none was.
     */
    public Optional<String> lastDialledSince(String subscriber, java.time.Instant since) {
        return Optional.ofNullable(db.with(dsl -> dsl.select(DSL.max(CALL_RECORD.STARTED_AT)).from(CALL_RECORD)
                .where(CALL_RECORD.NUMBER_GIVEN.in(subscriber, "+86" + subscriber)
                        .and(CALL_RECORD.DIRECTION.eq(CallView.OUT)).and(CALL_RECORD.STARTED_AT.ge(TimeText.of(since))))
                .fetchOne(0, String.class)));
    }

    /** The calls out of the SIM with this ICCID since an instant, newest first (SIM protection's history). */
    public List<io.branchline.box.line.SimHealth.Attempt> simAttempts(String iccid, java.time.Instant since, int limit) {
        return db.with(dsl -> dsl.select(CALL_RECORD.STARTED_AT, CALL_RECORD.ANSWERED_AT, CALL_RECORD.WAIT_MS,
                        CALL_RECORD.TALK_MS, CALL_RECORD.END_CAUSE).from(CALL_RECORD)
                .where(CALL_RECORD.SIM_ICCID.eq(iccid).and(CALL_RECORD.DIRECTION.eq(CallView.OUT))
                        .and(CALL_RECORD.STARTED_AT.ge(TimeText.of(since))))
                .orderBy(CALL_RECORD.STARTED_AT.desc()).limit(limit)
                .fetch(r -> new io.branchline.box.line.SimHealth.Attempt(java.time.Instant.parse(r.value1()),
                        r.value2() != null, r.value3(), r.value4(), r.value5())));
    }

    /** Each agent's answered calls (either way) started since {@code since}: a queue's fewest-calls choice. */
    public Map<String, Integer> answeredSince(java.time.Instant since) {
        Map<String, Integer> out = new java.util.HashMap<>();
        db.with(dsl -> dsl.select(CALL_RECORD.AGENT_ID, DSL.count()).from(CALL_RECORD)
                .where(CALL_RECORD.STARTED_AT.ge(TimeText.of(since)).and(CALL_RECORD.ANSWERED_AT.isNotNull()))
                .groupBy(CALL_RECORD.AGENT_ID).fetch()).forEach(r -> out.put(r.value1(), r.value2()));
        return out;
    }

    public int outboxRows() {
        return db.with(dsl -> dsl.fetchCount(OUTBOX, OUTBOX.KIND.eq("call.record")));
    }

    static CallView view(CallRecordRecord r) {
        return new CallView(r.getId(), r.getAgentId(), r.getLineId(), r.getSimIccid(), r.getSimNumber(),
                r.getNumberGiven(), r.getNumberDialed(), r.getMode(), r.getCustomerId(), "ended", r.getStartedAt(),
                r.getAnsweredAt(), r.getEndedAt(), r.getWaitMs(), r.getTalkMs(), r.getEndCause(), r.getDetail(),
                r.getHasRecording() != 0, agentLeg(r.getAgentLeg()), r.getDirection());
    }

    private static String agentLeg(CallView c) {
        try {
            return c.agentLeg() == null ? "" : Json.MAPPER.writeValueAsString(c.agentLeg());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CallView.AgentLeg agentLeg(String json) {
        try {
            return json == null || json.isEmpty() ? null : Json.MAPPER.readValue(json, CallView.AgentLeg.class);
        } catch (JsonProcessingException e) {
            return null; // a record from a later version: the leg is extra detail, never worth losing the record
        }
    }
}
