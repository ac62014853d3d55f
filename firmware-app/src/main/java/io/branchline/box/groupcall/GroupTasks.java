package io.branchline.box.groupcall;

import static io.branchline.box.store.schema.Tables.GROUP_NUMBER;
import static io.branchline.box.store.schema.Tables.GROUP_TASK;

import io.branchline.box.number.NumberSheet;
import io.branchline.box.store.Database;
import io.branchline.box.store.StoredText;
import io.branchline.box.store.TimeText;
import io.branchline.box.store.schema.tables.records.GroupTaskRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.impl.DSL;

/**
 * The group-call tasks and their numbers, in the database: a task's settings and state (ready, running,
 * paused, done), who joined it, and each number's result. A number is marked {@code dialling} in the same
 * write that takes it, before it goes to a modem; after a crash such numbers become {@code interrupted}, so a
 * task never dials a number twice.
 */
public final class GroupTasks {
    public static final int MAX_TASKS = 200;
    /** Numbers one task holds at most (added 10,000 at a time). */
    public static final int MAX_NUMBERS = 100_000;
    public static final int PAGE = 100;
    /** The results a number can end with. */
    public static final List<String> RESULTS = List.of("answered", "no-answer", "busy", "invalid", "failed",
            "abandoned", "blocked", "skipped", "interrupted");

    /** A task as stored, with its state and the agents in it now. */
    public record Stored(GroupTask task, String state, List<String> joined, String createdBy, String createdAt) {
    }

    /** One number of a task and what came of it ({@code result} empty while it waits its turn). */
    public record Number(int seq, String number, String name, String customerId, String result, String detail,
                         String callId, String agent, String dialledAt, String answeredAt, String endedAt,
                         Integer waitMs) {
    }

    /** A number taken to dial. */
    public record Pending(String taskId, int seq, String number, String customerId) {
    }

    /** What a task has done: numbers per result, and the figures the seed's 查看检测结果 shows and more. */
    public record Figures(int numbers, int left, Map<String, Integer> results, int dialled, int answered,
                          double answerRate, double abandonedRate, double meanWaitSeconds) {
    }

    private final Database db;
    private final Clock clock;

    public GroupTasks(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        // Numbers a crash caught on their way out are not dialled again.
        db.with(dsl -> dsl.update(GROUP_NUMBER).set(GROUP_NUMBER.RESULT, "interrupted")
                .set(GROUP_NUMBER.DETAIL, "the box restarted while this number was being dialled")
                .where(GROUP_NUMBER.RESULT.eq("dialling")).execute());
    }

    public Stored create(GroupTask t, NumberSheet.Read numbers, String by) {
        GroupTask task = t.withId(UUID.randomUUID().toString());
        task.check();
        if (numbers.rows().isEmpty()) {
            throw new GroupTaskException("numbers", "no good number to dial" + (numbers.bad().isEmpty() ? ""
                    : " (" + numbers.bad().size() + " refused)"));
        }
        String now = TimeText.of(clock.instant());
        db.with(dsl -> dsl.transactionResult(c -> {
            var d = DSL.using(c);
            if (d.fetchCount(GROUP_TASK) >= MAX_TASKS) {
                throw new GroupTaskException("task", "at most " + MAX_TASKS + " tasks; delete old ones first");
            }
            GroupTaskRecord r = d.newRecord(GROUP_TASK);
            fill(r, task);
            r.setId(task.id());
            r.setJoined("");
            r.setState("ready");
            r.setCreatedBy(by);
            r.setCreatedAt(now);
            r.store();
            insert(d, task.id(), 0, numbers);
            return null;
        }));
        return find(task.id()).orElseThrow();
    }

    /** Changes a task's settings (the seed's 修改); a running task paces by them from its next round. */
    public Stored update(String id, GroupTask t) {
        GroupTask task = t.withId(id);
        task.check();
        int n = db.with(dsl -> {
            GroupTaskRecord r = dsl.fetchOne(GROUP_TASK, GROUP_TASK.ID.eq(id));
            if (r == null) {
                return 0;
            }
            fill(r, task);
            return r.update();
        });
        if (n == 0) {
            throw missing(id);
        }
        return find(id).orElseThrow();
    }

    /** Adds numbers to a task; those already in it are refused as duplicates. */
    public NumberSheet.Read addNumbers(String id, NumberSheet.Read numbers) {
        require(id);
        List<NumberSheet.Row> fresh = new java.util.ArrayList<>();
        List<NumberSheet.Bad> bad = new java.util.ArrayList<>(numbers.bad());
        db.with(dsl -> dsl.transactionResult(c -> {
            var d = DSL.using(c);
            var have = new java.util.HashSet<>(d.select(GROUP_NUMBER.NUMBER).from(GROUP_NUMBER)
                    .where(GROUP_NUMBER.TASK_ID.eq(id)).fetch(GROUP_NUMBER.NUMBER));
            for (NumberSheet.Row r : numbers.rows()) {
                if (have.contains(r.subscriber())) {
                    bad.add(new NumberSheet.Bad(r.line(), "number", "already in this task"));
                } else if (have.size() + fresh.size() >= MAX_NUMBERS) {
                    bad.add(new NumberSheet.Bad(r.line(), "line", "a task holds at most " + MAX_NUMBERS + " numbers"));
                } else {
                    fresh.add(r);
                }
            }
            Integer last = d.select(DSL.max(GROUP_NUMBER.SEQ)).from(GROUP_NUMBER).where(GROUP_NUMBER.TASK_ID.eq(id))
                    .fetchOne(0, Integer.class);
            insert(d, id, last == null ? 0 : last, new NumberSheet.Read(fresh, List.of()));
            if (!fresh.isEmpty()) {
                d.update(GROUP_TASK).set(GROUP_TASK.STATE, "ready").where(GROUP_TASK.ID.eq(id)
                        .and(GROUP_TASK.STATE.eq("done"))).execute();
            }
            return null;
        }));
        return new NumberSheet.Read(List.copyOf(fresh), List.copyOf(bad));
    }

    private static void insert(org.jooq.DSLContext d, String taskId, int after, NumberSheet.Read numbers) {
        int seq = after;
        var batch = d.batch(d.insertInto(GROUP_NUMBER, GROUP_NUMBER.TASK_ID, GROUP_NUMBER.SEQ, GROUP_NUMBER.NUMBER,
                GROUP_NUMBER.CUSTOMER_ID, GROUP_NUMBER.NAME, GROUP_NUMBER.RESULT, GROUP_NUMBER.DETAIL)
                .values((String) null, null, null, null, null, null, null));
        for (NumberSheet.Row r : numbers.rows()) {
            // Stored in subscriber form: the guard, the re-dial rule and the lockout look the number up so.
            batch.bind(taskId, ++seq, r.subscriber(), r.customerId(), r.name(), "", "");
        }
        if (!numbers.rows().isEmpty()) {
            batch.execute();
        }
    }

    private static void fill(GroupTaskRecord r, GroupTask t) {
        r.setName(t.name());
        r.setStartsAt(t.startsAt());
        r.setConcurrency(t.concurrency());
        r.setIntervalSeconds(t.intervalSeconds());
        r.setRatio(t.ratio());
        r.setPacing(t.pacing());
        r.setAgents(String.join(",", t.agents()));
        r.setOpeningPrompt(t.openingPrompt());
        r.setAbandonPrompt(t.abandonPrompt());
        r.setRingSeconds(t.ringSeconds());
    }

    public void delete(String id) {
        int n = db.with(dsl -> dsl.transactionResult(c -> {
            DSL.using(c).deleteFrom(GROUP_NUMBER).where(GROUP_NUMBER.TASK_ID.eq(id)).execute();
            return DSL.using(c).deleteFrom(GROUP_TASK).where(GROUP_TASK.ID.eq(id)).execute();
        }));
        if (n == 0) {
            throw missing(id);
        }
    }

    public List<Stored> list() {
        return db.with(dsl -> dsl.selectFrom(GROUP_TASK).orderBy(GROUP_TASK.CREATED_AT.desc()).fetch())
                .stream().map(GroupTasks::stored).toList();
    }

    public Optional<Stored> find(String id) {
        return Optional.ofNullable(db.with(dsl -> dsl.fetchOne(GROUP_TASK, GROUP_TASK.ID.eq(id)))).map(GroupTasks::stored);
    }

    Stored require(String id) {
        return find(id).orElseThrow(() -> missing(id));
    }

    private static GroupTaskException missing(String id) {
        return new GroupTaskException("id", "no group-call task \"" + StoredText.printable(id) + "\"", true);
    }

    private static Stored stored(GroupTaskRecord r) {
        GroupTask t = new GroupTask(r.getId(), r.getName(), r.getStartsAt(), r.getConcurrency(), r.getIntervalSeconds(),
                r.getRatio(), r.getPacing(), split(r.getAgents()), r.getOpeningPrompt(), r.getAbandonPrompt(),
                r.getRingSeconds());
        return new Stored(t, r.getState(), split(r.getJoined()), r.getCreatedBy(), r.getCreatedAt());
    }

    private static List<String> split(String s) {
        return s.isEmpty() ? List.of() : Arrays.asList(s.split(","));
    }

    void state(String id, String state) {
        db.with(dsl -> dsl.update(GROUP_TASK).set(GROUP_TASK.STATE, state).where(GROUP_TASK.ID.eq(id)).execute());
    }

    void joined(String id, List<String> agents) {
        db.with(dsl -> dsl.update(GROUP_TASK).set(GROUP_TASK.JOINED, String.join(",", agents))
                .where(GROUP_TASK.ID.eq(id)).execute());
    }

    /** The next number waiting its turn, marked as dialling in the same write; empty when none is left. */
    Optional<Pending> take(String taskId) {
        return db.with(dsl -> dsl.transactionResult(c -> {
            var d = DSL.using(c);
            var r = d.select(GROUP_NUMBER.SEQ, GROUP_NUMBER.NUMBER, GROUP_NUMBER.CUSTOMER_ID).from(GROUP_NUMBER)
                    .where(GROUP_NUMBER.TASK_ID.eq(taskId).and(GROUP_NUMBER.RESULT.eq("")))
                    .orderBy(GROUP_NUMBER.SEQ).limit(1).fetchOne();
            if (r == null) {
                return Optional.<Pending>empty();
            }
            d.update(GROUP_NUMBER).set(GROUP_NUMBER.RESULT, "dialling")
                    .set(GROUP_NUMBER.DIALLED_AT, TimeText.of(clock.instant()))
                    .where(GROUP_NUMBER.TASK_ID.eq(taskId).and(GROUP_NUMBER.SEQ.eq(r.value1()))).execute();
            return Optional.of(new Pending(taskId, r.value1(), r.value2(), r.value3()));
        }));
    }

    /** What came of a number taken. */
    void result(Pending p, String result, String detail, String callId, String agent, Instant answeredAt,
                Integer waitMs) {
        String d = detail.length() > 300 ? detail.substring(0, 300) : detail;
        db.with(dsl -> dsl.update(GROUP_NUMBER).set(GROUP_NUMBER.RESULT, result).set(GROUP_NUMBER.DETAIL, d)
                .set(GROUP_NUMBER.CALL_ID, callId).set(GROUP_NUMBER.AGENT_ID, agent)
                .set(GROUP_NUMBER.ANSWERED_AT, answeredAt == null ? null : TimeText.of(answeredAt))
                .set(GROUP_NUMBER.ENDED_AT, TimeText.of(clock.instant())).set(GROUP_NUMBER.WAIT_MS, waitMs)
                .where(GROUP_NUMBER.TASK_ID.eq(p.taskId()).and(GROUP_NUMBER.SEQ.eq(p.seq()))).execute());
    }

    /** Whether a call of any task to {@code subscriber} was abandoned since {@code since} (the 72 h lockout). */
    boolean abandonedSince(String subscriber, Instant since) {
        return db.with(dsl -> dsl.fetchExists(GROUP_NUMBER, GROUP_NUMBER.NUMBER.eq(subscriber)
                .and(GROUP_NUMBER.RESULT.eq("abandoned")).and(GROUP_NUMBER.ENDED_AT.ge(TimeText.of(since)))));
    }

    /** Numbers left to dial. */
    int left(String taskId) {
        return db.with(dsl -> dsl.fetchCount(GROUP_NUMBER, GROUP_NUMBER.TASK_ID.eq(taskId)
                .and(GROUP_NUMBER.RESULT.eq(""))));
    }

    public List<Number> numbers(String taskId, int page) {
        require(taskId);
        return db.with(dsl -> dsl.selectFrom(GROUP_NUMBER).where(GROUP_NUMBER.TASK_ID.eq(taskId))
                .orderBy(GROUP_NUMBER.SEQ).limit(PAGE).offset(Math.max(0, page - 1) * PAGE).fetch())
                .stream().map(r -> new Number(r.getSeq(), r.getNumber(), r.getName(), r.getCustomerId(), r.getResult(),
                        r.getDetail(), r.getCallId(), r.getAgentId(), r.getDialledAt(), r.getAnsweredAt(),
                        r.getEndedAt(), r.getWaitMs())).toList();
    }

    /** Per-day answered and abandoned counts of a task (to seed its pacing's daily and 30-day rates). */
    Map<java.time.LocalDate, int[]> dailyRates(String taskId) {
        Map<java.time.LocalDate, int[]> out = new LinkedHashMap<>();
        db.with(dsl -> dsl.select(GROUP_NUMBER.RESULT, GROUP_NUMBER.ENDED_AT).from(GROUP_NUMBER)
                .where(GROUP_NUMBER.TASK_ID.eq(taskId).and(GROUP_NUMBER.RESULT.in("answered", "abandoned")))
                .fetch()).forEach(r -> {
                    java.time.LocalDate day = Instant.parse(r.value2()).atZone(clock.getZone()).toLocalDate();
                    int[] c = out.computeIfAbsent(day, k -> new int[2]);
                    c[0]++;
                    if (r.value1().equals("abandoned")) {
                        c[1]++;
                    }
                });
        return out;
    }

    public Figures figures(String taskId) {
        require(taskId);
        Map<String, Integer> results = new LinkedHashMap<>();
        RESULTS.forEach(r -> results.put(r, 0));
        int[] total = new int[2]; // all, and those still waiting their turn
        db.with(dsl -> dsl.select(GROUP_NUMBER.RESULT, DSL.count()).from(GROUP_NUMBER)
                .where(GROUP_NUMBER.TASK_ID.eq(taskId)).groupBy(GROUP_NUMBER.RESULT).fetch()).forEach(r -> {
                    total[0] += r.value2();
                    if (r.value1().isEmpty()) {
                        total[1] += r.value2();
                    } else {
                        results.merge(r.value1(), r.value2(), Integer::sum);
                    }
                });
        Double wait = db.with(dsl -> dsl.select(DSL.avg(GROUP_NUMBER.WAIT_MS)).from(GROUP_NUMBER)
                .where(GROUP_NUMBER.TASK_ID.eq(taskId).and(GROUP_NUMBER.RESULT.eq("answered")))
                .fetchOne(0, Double.class));
        int answered = results.get("answered") + results.get("abandoned");
        int dialled = answered + results.get("no-answer") + results.get("busy") + results.get("invalid")
                + results.get("failed") + results.getOrDefault("dialling", 0);
        return new Figures(total[0], total[1], results, dialled, answered, dialled == 0 ? 0 : answered / (double) dialled,
                answered == 0 ? 0 : results.get("abandoned") / (double) answered, wait == null ? 0 : wait / 1000);
    }
}
