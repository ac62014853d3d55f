package io.branchline.box.agent;

import static io.branchline.box.store.schema.Tables.SEAT_CHANGE;

import io.branchline.box.store.Database;
import io.branchline.box.store.StoredText;
import io.branchline.box.store.TimeText;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Agents' seat states (示闲 / 示忙 / 小休中: idle, busy, break, a break with its reason), set from the API, the
 * page, the CLI or the CRM's agent.state command. Every change is kept (who, through what, why, when) and
 * the newest is the state after a restart. On top of the state an agent is on a call while one holds their
 * lines, and wrapping up for the configured time after it (app_queue's wrapuptime): neither takes an
 * inbound call.
 */
public final class SeatStates {
    public static final Set<String> STATES = Set.of("idle", "busy", "break");
    public static final int MAX_REASON = 64;

    /** One change of one agent's state. */
    public record Change(String agent, String state, String reason, String by, String via, String at) {
    }

    private final Database db;
    private final Clock clock;
    private final Duration wrapUp;
    private final Map<String, Change> now = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastCallEnded = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Change>> changeListeners = new CopyOnWriteArrayList<>();
    private volatile Predicate<String> onCall = a -> false;

    public SeatStates(Database db, Clock clock, Duration wrapUp) {
        this.db = db;
        this.clock = clock;
        this.wrapUp = wrapUp;
        latest(org.jooq.impl.DSL.trueCondition()).forEach(c -> now.put(c.agent(), c));
    }

    public String of(String agent) {
        Change c = now.get(agent);
        return c == null ? "idle" : c.state();
    }

    /** The reason of an agent's break (or busy), empty when none was given. */
    public String reason(String agent) {
        Change c = now.get(agent);
        return c == null ? "" : c.reason();
    }

    /**
     * Sets an agent's state; the caller has checked the agent and the state. {@code reason} (up to
     * {@value #MAX_REASON} characters) is refused when it holds control characters.
     */
    public Change set(String agent, String state, String reason, String by, String via) {
        String why = reason == null ? "" : reason.strip();
        if (why.length() > MAX_REASON || !StoredText.printable(why).equals(why)) {
            throw new IllegalArgumentException("up to " + MAX_REASON + " characters, without control characters");
        }
        Change c = new Change(agent, state, why, by, via, TimeText.of(clock.instant()));
        db.with(dsl -> dsl.insertInto(SEAT_CHANGE).set(SEAT_CHANGE.AGENT_ID, agent).set(SEAT_CHANGE.STATE, state)
                .set(SEAT_CHANGE.REASON, why).set(SEAT_CHANGE.CHANGED_BY, by).set(SEAT_CHANGE.VIA, via)
                .set(SEAT_CHANGE.AT, c.at()).execute());
        now.put(agent, c);
        listeners.forEach(Runnable::run);
        changeListeners.forEach(l -> l.accept(c));
        return c;
    }

    /** Hears every change of a seat state, and the start and end of every agent's calls. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** Hears every change of a seat state with what it was (the CRM's agent.state event). */
    public void onChanged(Consumer<Change> listener) {
        changeListeners.add(listener);
    }

    /** How the box tells that a call holds one of an agent's lines. */
    public void watchCalls(Predicate<String> agentOnCall) {
        this.onCall = agentOnCall;
    }

    /** A call of {@code agent} that was answered has ended now: their wrap-up time starts. */
    public void callEnded(String agent) {
        lastCallEnded.put(agent, clock.instant());
        listeners.forEach(Runnable::run);
        if (!wrapUp.isZero()) {
            // The end of the wrap-up is a change too: the dashboard shows it, a waiting caller may get the agent.
            Thread.ofVirtual().name("wrap-up " + agent).start(() -> {
                try {
                    Thread.sleep(wrapUp.toMillis() + 50);
                    listeners.forEach(Runnable::run);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    /**
     * Since when the agent has been free for calls: the later of their last call's end and their newest
     * change of state; the epoch when the box knows of neither (for a queue's longest-idle choice).
     */
    public Instant idleSince(String agent) {
        Instant ended = lastCallEnded.getOrDefault(agent, Instant.EPOCH);
        Change c = now.get(agent);
        Instant changed = c == null ? Instant.EPOCH : Instant.parse(c.at());
        return ended.isAfter(changed) ? ended : changed;
    }

    /** on-call, wrap-up, or empty: what the agent is doing beyond their state. */
    public String activity(String agent) {
        if (onCall.test(agent)) {
            return "on-call";
        }
        Instant ended = lastCallEnded.get(agent);
        return ended != null && clock.instant().isBefore(ended.plus(wrapUp)) ? "wrap-up" : "";
    }

    /** The agent's newest changes, newest first. */
    public List<Change> history(String agent, int limit) {
        return db.with(dsl -> dsl.selectFrom(SEAT_CHANGE).where(SEAT_CHANGE.AGENT_ID.eq(agent))
                .orderBy(SEAT_CHANGE.SEQ.desc()).limit(limit).fetch(SeatStates::change));
    }

    /**
     * Each agent's time in each state within [from, to) (ISO instants), in milliseconds, from the changes
     * kept: the state before {@code from} counts from {@code from}; an agent with no change before counts
     * from their first. The part of the range still to come is not counted.
     */
    public Map<String, Map<String, Long>> times(String from, String to, Optional<Set<String>> agents) {
        Instant start = Instant.parse(from);
        Instant end = Instant.parse(to).isAfter(clock.instant()) ? clock.instant() : Instant.parse(to);
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        if (!end.isAfter(start)) {
            return out;
        }
        Map<String, Change> before = new HashMap<>();
        latest(SEAT_CHANGE.AT.lt(from)).forEach(c -> before.put(c.agent(), c));
        List<Change> within = db.with(dsl -> dsl.selectFrom(SEAT_CHANGE).where(SEAT_CHANGE.AT.ge(from)
                .and(SEAT_CHANGE.AT.lt(to))).orderBy(SEAT_CHANGE.SEQ).fetch(SeatStates::change));
        Map<String, Instant> since = new HashMap<>();
        Map<String, String> state = new HashMap<>();
        before.forEach((a, c) -> {
            since.put(a, start);
            state.put(a, c.state());
        });
        for (Change c : within) {
            Instant at = Instant.parse(c.at());
            if (state.containsKey(c.agent())) {
                add(out, c.agent(), state.get(c.agent()), Duration.between(since.get(c.agent()), at).toMillis());
            }
            since.put(c.agent(), at);
            state.put(c.agent(), c.state());
        }
        state.forEach((a, s) -> add(out, a, s, Math.max(0, Duration.between(since.get(a), end).toMillis())));
        out.keySet().removeIf(a -> agents.isPresent() && !agents.get().contains(a));
        return out;
    }

    /** Each agent's newest change among those {@code within}: one row an agent, however long the history. */
    private List<Change> latest(org.jooq.Condition within) {
        return db.with(dsl -> dsl.selectFrom(SEAT_CHANGE).where(SEAT_CHANGE.SEQ.in(dsl.select(
                org.jooq.impl.DSL.max(SEAT_CHANGE.SEQ)).from(SEAT_CHANGE).where(within)
                .groupBy(SEAT_CHANGE.AGENT_ID))).fetch(SeatStates::change));
    }

    private static void add(Map<String, Map<String, Long>> out, String agent, String state, long ms) {
        Map<String, Long> m = out.computeIfAbsent(agent, k -> {
            Map<String, Long> fresh = new LinkedHashMap<>();
            fresh.put("idle", 0L);
            fresh.put("busy", 0L);
            fresh.put("break", 0L);
            return fresh;
        });
        m.merge(state, ms, Long::sum);
    }

    private static Change change(io.branchline.box.store.schema.tables.records.SeatChangeRecord r) {
        return new Change(r.getAgentId(), r.getState(), r.getReason(), r.getChangedBy(), r.getVia(), r.getAt());
    }
}
