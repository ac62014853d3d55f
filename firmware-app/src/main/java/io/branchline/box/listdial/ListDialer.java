package io.branchline.box.listdial;

import io.branchline.box.call.CallControl;
import io.branchline.box.call.CallRequest;
import io.branchline.box.call.CallRequestException;
import io.branchline.box.call.CallView;
import io.branchline.box.groupcall.RedialRule;
import io.branchline.box.number.NumberSheet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * List dialing (轮呼): the box dials an agent's list one number after another on the agent's own line, as a
 * click-to-call of theirs (their SIM rotation, their dial plan, the call guard: a risk or blacklisted number is
 * skipped as blocked, never forced). After each call the agent chooses, as the seed's buttons say: next (下一通),
 * throw to the public pool and next (扔公海下一通), throw and pause (扔公海暂停), pause (暂停轮呼); with auto-next the
 * next number is dialled the set seconds after hang-up unless they chose first. A number the re-dial
 * restriction (轮呼限制时间) holds back is skipped with the reason.
 */
public final class ListDialer {
    private static final Logger log = LoggerFactory.getLogger(ListDialer.class);
    public static final List<String> CHOICES = List.of("next", "throw-next", "throw-pause", "pause");
    public static final int MAX_AUTO_NEXT = 600;
    /** Numbers skipped (guard, re-dial rule) in a row before the list pauses for the agent to look. */
    private static final int MAX_SKIPS = 500;

    /** What the CRM hears: a customer thrown to the public pool, a list's progress. */
    public interface Events {
        void thrown(Map<String, Object> entry);

        void progress(DialLists.Progress progress);
    }

    private record Current(int seq, String callId) {
    }

    private final DialLists lists;
    private final CallControl calls;
    private final RedialRule redial;
    private final Events events;
    private final Map<String, Current> current = new ConcurrentHashMap<>();
    /** Bumped at every choice and dial, so that an auto-next timer left over from before does nothing. */
    private final Map<String, Integer> turn = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /** Why the agent's next call may not go out now (their line's SIM rests), or empty. */
    private final java.util.function.Function<String, Optional<String>> held;

    public ListDialer(DialLists lists, CallControl calls, Consumer<Consumer<CallView>> onEnded, RedialRule redial,
                      Events events, java.util.function.Function<String, Optional<String>> held) {
        this.held = held;
        this.lists = lists;
        this.calls = calls;
        this.redial = redial;
        this.events = events;
        onEnded.accept(this::ended);
    }

    public DialLists lists() {
        return lists;
    }

    public NumberSheet.Read add(String agent, NumberSheet.Read numbers) {
        NumberSheet.Read r = lists.add(agent, numbers);
        events.progress(lists.progress(agent));
        return r;
    }

    public int clear(String agent) {
        int n;
        synchronized (lock(agent)) {
            next(agent);
            n = lists.clear(agent);
        }
        events.progress(lists.progress(agent));
        return n;
    }

    /** Starts (or resumes) dialling; {@code autoNextSeconds} null keeps the list's setting, 0 waits for a choice. */
    public DialLists.Progress start(String agent, Integer autoNextSeconds) {
        if (autoNextSeconds != null && (autoNextSeconds < 0 || autoNextSeconds > MAX_AUTO_NEXT)) {
            throw new IllegalArgumentException("autoNextSeconds: must be 0 (wait for a choice) to " + MAX_AUTO_NEXT);
        }
        synchronized (lock(agent)) {
            if (lists.progress(agent).left() == 0) {
                throw new IllegalArgumentException("agent: agent " + agent + "'s list has no number left to dial");
            }
            lists.state(agent, "running", autoNextSeconds == null ? lists.autoNext(agent) : autoNextSeconds);
            if (!current.containsKey(agent)) {
                dialNext(agent);
            }
        }
        return progress(agent);
    }

    /** Pauses: the call up goes on, no next number follows it. */
    public DialLists.Progress pause(String agent) {
        synchronized (lock(agent)) {
            next(agent);
            lists.state(agent, "paused", null);
        }
        events.progress(lists.progress(agent));
        return progress(agent);
    }

    /** The agent's choice after a call: next, throw-next, throw-pause, pause. */
    public DialLists.Progress choose(String agent, String choice) {
        if (!CHOICES.contains(choice)) {
            throw new IllegalArgumentException("action: must be one of " + String.join(", ", CHOICES));
        }
        synchronized (lock(agent)) {
            if (current.containsKey(agent)) {
                if (choice.equals("pause")) {
                    return pause(agent);
                }
                throw new IllegalArgumentException("action: a call of the list is still up; choose after hang-up");
            }
            if (choice.startsWith("throw")) {
                DialLists.Entry last = lists.last(agent).orElseThrow(() ->
                        new IllegalArgumentException("action: no customer of this list was called yet"));
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("agent", agent);
                e.put("seq", last.seq());
                e.put("number", last.number());
                e.put("name", last.name());
                e.put("customerId", last.customerId());
                e.put("callId", last.callId());
                e.put("result", last.result());
                events.thrown(e);
                log.info("event=list-thrown agent={} seq={}", agent, last.seq());
            }
            if (choice.endsWith("pause")) {
                next(agent);
                lists.state(agent, "paused", null);
            } else {
                lists.state(agent, "running", null);
                dialNext(agent);
            }
        }
        events.progress(lists.progress(agent));
        return progress(agent);
    }

    public DialLists.Progress progress(String agent) {
        return lists.progress(agent);
    }

    /** One lock per agent's list: a choice, a call's end and an auto-next timer never cross. */
    private Object lock(String agent) {
        return locks.computeIfAbsent(agent, a -> new Object());
    }

    private int next(String agent) {
        return turn.merge(agent, 1, Integer::sum);
    }

    /** Dials the next number that may be dialled; the list is done when none is left. */
    private void dialNext(String agent) {
        next(agent);
        Optional<String> hold = held.apply(agent);
        if (hold.isPresent()) {
            lists.state(agent, "paused", null);
            log.warn("event=list-paused agent={} reason=\"{}\"", agent, hold.get());
            return;
        }
        for (int skips = 0; skips < MAX_SKIPS; skips++) {
            Optional<DialLists.Entry> taken = lists.take(agent);
            if (taken.isEmpty()) {
                lists.state(agent, "done", null);
                log.info("event=list-done agent={}", agent);
                return;
            }
            DialLists.Entry e = taken.get();
            Optional<String> held = redial.why(e.number());
            if (held.isPresent()) {
                lists.result(agent, e.seq(), "skipped", held.get(), null);
                continue;
            }
            try {
                CallView v = calls.start(new CallRequest(agent, e.number(), e.customerId(), "", false));
                lists.placed(agent, e.seq(), v.id());
                Current c = new Current(e.seq(), v.id());
                current.put(agent, c);
                lists.state(agent, "running", null);
                // A call that failed at once may have ended before it was ours to follow.
                if (calls.active().stream().noneMatch(a -> a.id().equals(v.id()))) {
                    calls.get(v.id()).ifPresent(this::ended);
                }
                return;
            } catch (CallRequestException ex) {
                if (ex.refusedByGuard()) {
                    lists.result(agent, e.seq(), "blocked", ex.getMessage(), null);
                    continue;
                }
                // The agent's line is busy or down: the number waits for the next start.
                lists.untake(agent, e.seq());
                lists.state(agent, "paused", null);
                log.warn("event=list-paused agent={} reason=\"{}\"", agent, ex.getMessage());
                return;
            }
        }
        lists.state(agent, "paused", null);
    }

    private void ended(CallView v) {
        String agent = v.agent();
        Current c = current.get(agent);
        if (c == null || !c.callId().equals(v.id()) || !current.remove(agent, c)) {
            return; // not a call of a list
        }
        String result = v.connected() ? "answered" : v.endCause().replace('_', '-');
        lists.result(agent, c.seq(), result, v.detail(), v.id());
        int autoNext;
        int myTurn;
        synchronized (lock(agent)) {
            if (!lists.state(agent).equals("running")) {
                events.progress(lists.progress(agent));
                return;
            }
            lists.state(agent, "waiting", null);
            autoNext = lists.autoNext(agent);
            myTurn = next(agent);
        }
        events.progress(lists.progress(agent));
        if (autoNext > 0) {
            Thread.ofVirtual().name("list auto-next " + agent).start(() -> {
                try {
                    Thread.sleep(autoNext * 1000L);
                } catch (InterruptedException e) {
                    return;
                }
                synchronized (lock(agent)) {
                    if (turn.getOrDefault(agent, 0) == myTurn && lists.state(agent).equals("waiting")) {
                        lists.state(agent, "running", null);
                        dialNext(agent);
                    }
                }
                events.progress(lists.progress(agent));
            });
        }
    }
}
