package io.branchline.box.groupcall;

import io.branchline.box.agent.Agent;
import io.branchline.box.agent.Agents;
import io.branchline.box.agent.SeatStates;
import io.branchline.box.call.CallView;
import io.branchline.box.call.TaskCalls;
import io.branchline.box.guard.CallGuard;
import io.branchline.box.line.LineRegistry;
import io.branchline.box.pacing.AdaptivePacer;
import io.branchline.box.pacing.FixedRatio;
import io.branchline.box.pacing.PaceStats;
import io.branchline.box.pacing.PaceView;
import io.branchline.box.pacing.Pacer;
import io.branchline.box.pacing.Progressive;
import io.branchline.hw.at.DialString;
import io.branchline.hw.line.Line;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the group-call tasks: each running task on its own thread, asking its pacer every round (the seeds'
 * interval for the fixed ratio, each second for the others) how many numbers to send, and sending them on
 * free lines nobody owns, with the lines' SIM rotation. Each number goes through the call guard (blacklist,
 * risk numbers: never forced by a task) and the re-dial rules before it takes a line; a number refused there is
 * kept with its reason. An answered call goes to the joined agent who has waited longest. Pausing stops new
 * dials at once (calls up go on); starting again continues with the next number not yet dialled.
 */
public final class GroupDialer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupDialer.class);
    /** Numbers refused by the guard or the re-dial rules in one round before the round ends anyway. */
    private static final int MAX_SKIPS_PER_ROUND = 200;

    private final GroupTasks tasks;
    private final TaskCalls calls;
    private final LineRegistry lines;
    private final Agents agents;
    private final Predicate<Line> usable;
    private final SeatStates seats;
    private final CallGuard guard;
    private final RedialRule redial;
    private final Function<String, Optional<byte[]>> prompts;
    private final Clock clock;
    private final Duration wrapUp;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    /**
     * What a customer hears when no agent is free and the task has no message of the office's own (one naming
     * the company is the office's to record): the box's own short apology.
     */
    private static final byte[] NO_AGENT = io.branchline.box.prompt.BoxVoice.clip(io.branchline.box.prompt.BoxVoice.NO_AGENT);

    public GroupDialer(GroupTasks tasks, TaskCalls calls, LineRegistry lines, Agents agents, Predicate<Line> usable,
                       SeatStates seats, CallGuard guard, RedialRule redial, Function<String, Optional<byte[]>> prompts,
                       Clock clock, Duration wrapUp) {
        this.tasks = tasks;
        this.calls = calls;
        this.lines = lines;
        this.agents = agents;
        this.usable = usable;
        this.seats = seats;
        this.guard = guard;
        this.redial = redial;
        this.prompts = prompts;
        this.clock = clock;
        this.wrapUp = wrapUp;
    }

    /** Tasks that were running when the box stopped run again. */
    public void resume() {
        tasks.list().stream().filter(s -> s.state().equals("running")).forEach(s -> launch(s.task().id()));
    }

    public GroupTasks tasks() {
        return tasks;
    }

    /** Starts (or resumes) a task: from its start time on, it dials. */
    public GroupTasks.Stored start(String id) {
        GroupTasks.Stored s = tasks.require(id);
        if (tasks.left(id) == 0) {
            throw new GroupTaskException("numbers", "every number of this task has been dialled");
        }
        tasks.state(id, "running");
        launch(id);
        return tasks.require(id);
    }

    /** Pauses a task: no new number goes out from now; calls up go on. */
    public GroupTasks.Stored pause(String id) {
        tasks.require(id);
        tasks.state(id, "paused");
        Running r = running.get(id);
        if (r != null) {
            r.halt();
        }
        return tasks.require(id);
    }

    public void delete(String id) {
        tasks.require(id);
        Running r = running.remove(id);
        if (r != null) {
            r.halt();
        }
        tasks.delete(id);
    }

    /** An agent joins a task (the seed's "+" once its start time has come). */
    public GroupTasks.Stored join(String id, String agentId) {
        GroupTasks.Stored s = tasks.require(id);
        Agent a = agents.find(agentId).orElseThrow(() -> new GroupTaskException("agent", "no agent \"" + agentId + "\""));
        if (!s.task().agents().contains(agentId)) {
            throw new GroupTaskException("agent", "agent " + agentId + " is not one of this task's agents");
        }
        if (!calls.canTake(a)) {
            throw new GroupTaskException("agent", "agent " + agentId + " has no handset on the box: a group call"
                    + " is joined to an agent's handset the moment it is answered");
        }
        Set<String> joined = new LinkedHashSet<>(s.joined());
        joined.add(agentId);
        return joined(id, List.copyOf(joined));
    }

    public GroupTasks.Stored leave(String id, String agentId) {
        GroupTasks.Stored s = tasks.require(id);
        List<String> joined = new ArrayList<>(s.joined());
        joined.remove(agentId);
        return joined(id, List.copyOf(joined));
    }

    /** Stores who joined and tells the running task at once. */
    private GroupTasks.Stored joined(String id, List<String> agents) {
        tasks.joined(id, agents);
        Running r = running.get(id);
        if (r != null) {
            r.joined = agents;
        }
        return tasks.require(id);
    }

    /** What a running task is doing now: its calls out, waiting, with agents; its pacing's measures. */
    /**
     * A running task now: its calls out, waiting for an agent, with agents; the measured answer rate; the
     * abandoned rate today and over 30 days; agent occupancy since it started (the share of the joined agents'
     * time on calls or wrapping up), and the pacing in use.
     */
    public record Live(int dialling, int waiting, int talking, double answerRate, double abandonedToday,
                       double abandoned30Days, double occupancy, String pacing) {
    }

    public Optional<Live> live(String id) {
        Running r = running.get(id);
        if (r == null) {
            return Optional.empty();
        }
        int dialling = 0;
        int waiting = 0;
        int talking = 0;
        for (Out o : r.out.values()) {
            if (o.agent != null) {
                talking++;
            } else if (o.answered) {
                waiting++;
            } else {
                dialling++;
            }
        }
        var day = r.stats.day();
        double occupancy = r.agentSeconds == 0 ? 0 : r.busyAgentSeconds / r.agentSeconds;
        return Optional.of(new Live(dialling, waiting, talking, r.stats.answerRate(), r.stats.today(day).share(),
                r.stats.last30Days(day).share(), occupancy, r.pacer == null ? "" : r.pacer.mode()));
    }

    private void launch(String id) {
        Running r = new Running(id, new PaceStats(clock));
        tasks.dailyRates(id).forEach((day, c) -> r.stats.restore(day, c[0], c[1]));
        Running before = running.putIfAbsent(id, r);
        if (before != null && !before.stop) {
            return; // running already
        }
        if (before != null) {
            running.put(id, r);
        }
        r.thread = Thread.ofVirtual().name("group task " + id).start(() -> loop(r));
        log.info("event=group-task-started task={}", id);
    }

    /** One of a task's calls, as the dialer follows it. */
    private static final class Out {
        final long dialledNs = System.nanoTime();
        volatile boolean answered;
        volatile String agent;
        volatile long connectedNs;
    }

    private final class Running {
        final String id;
        final PaceStats stats;
        final Map<String, Out> out = new ConcurrentHashMap<>();
        /** Agents set aside for a call that is being joined to them. */
        final Set<String> reserved = ConcurrentHashMap.newKeySet();
        volatile boolean stop;
        volatile Pacer pacer;
        String pacerKey = "";
        /** Joined agents' time present, and of it on calls or wrapping up, since the task started here. */
        /** Who joined, as of the last round or join/leave: what an answered call picks from. */
        volatile List<String> joined = List.of();
        volatile double agentSeconds;
        volatile double busyAgentSeconds;
        long lastRoundNs;
        volatile Thread thread;

        Running(String id, PaceStats stats) {
            this.id = id;
            this.stats = stats;
        }

        /** Waits between rounds; a pause or delete ends the wait at once. */
        synchronized void rest(long millis) throws InterruptedException {
            if (!stop) {
                wait(Math.max(1, millis));
            }
        }

        /**
         * No new number from this task once this returns: the round under way (if any) finishes, since a
         * number being placed is not cut off, and the dialer's thread is out of its loop.
         */
        void halt() {
            synchronized (this) {
                stop = true;
                notifyAll();
            }
            Thread t = thread;
            if (t != null && t != Thread.currentThread()) {
                try {
                    t.join(HALT_WAIT.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Longer than one number's placement takes (a modem's ATD answer), short enough for a request to wait. */
    private static final Duration HALT_WAIT = Duration.ofSeconds(5);

    private void loop(Running r) {
        try {
            while (!r.stop) {
                Optional<GroupTasks.Stored> found = tasks.find(r.id);
                if (found.isEmpty() || !found.get().state().equals("running")) {
                    break;
                }
                GroupTasks.Stored s = found.get();
                r.joined = s.joined();
                Pacer pacer = pacerFor(r, s.task());
                if (!s.task().startsAt().isEmpty() && clock.instant().isBefore(Instant.parse(s.task().startsAt()))) {
                    r.rest(1000);
                    continue;
                }
                round(r, s, pacer);
                if (tasks.left(r.id) == 0) {
                    if (r.out.isEmpty()) {
                        tasks.state(r.id, "done");
                        log.info("event=group-task-done task={}", r.id);
                        break;
                    }
                    r.rest(500);
                    continue;
                }
                r.rest(pacer.every().toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("event=group-task-failed task={} error=\"{}\"", r.id, e.getMessage(), e);
        } finally {
            running.remove(r.id, r);
        }
    }

    private Pacer pacerFor(Running r, GroupTask t) {
        String key = t.pacing() + "/" + t.ratio() + "/" + t.intervalSeconds() + "/" + t.openingPrompt();
        if (r.pacer == null || !key.equals(r.pacerKey)) {
            double grace = t.openingPrompt().isEmpty() ? TaskCalls.GRACE.toSeconds()
                    : TaskCalls.MAX_WAIT_WITH_MESSAGE.toSeconds();
            r.pacer = switch (t.pacing()) {
                case "adaptive" -> new AdaptivePacer(r.stats, AdaptivePacer.LIMIT, 2, grace);
                case "progressive" -> new Progressive();
                default -> new FixedRatio(t.ratio(), Duration.ofSeconds(t.intervalSeconds()));
            };
            r.pacerKey = key;
        }
        return r.pacer;
    }

    /** Who of the task's joined agents takes calls now (not on a break or busy), and who of them is free. */
    private PaceView view(Running r, GroupTasks.Stored s) {
        int present = 0;
        int idle = 0;
        List<Double> busy = new ArrayList<>();
        Map<String, Out> byAgent = new java.util.HashMap<>();
        r.out.values().forEach(o -> {
            if (o.agent != null) {
                byAgent.put(o.agent, o);
            }
        });
        long now = System.nanoTime();
        for (String a : s.joined()) {
            if (!seats.of(a).equals("idle")) {
                continue; // 示忙, 小休: not in the task's figures until back
            }
            present++;
            if (free(r, a)) {
                idle++;
            } else {
                Out o = byAgent.get(a);
                busy.add(o == null ? 0 : (now - o.connectedNs) / 1e9);
            }
        }
        List<Double> dialling = new ArrayList<>();
        int waiting = 0;
        for (Out o : r.out.values()) {
            if (o.agent == null && o.answered) {
                waiting++;
            } else if (!o.answered) {
                dialling.add((now - o.dialledNs) / 1e9);
            }
        }
        return new PaceView(present, idle, busy, dialling, waiting, r.out.size(), s.task().concurrency());
    }

    private boolean free(Running r, String agent) {
        return seats.of(agent).equals("idle") && seats.activity(agent).isEmpty() && !r.reserved.contains(agent)
                && !calls.talking(agent);
    }

    private void round(Running r, GroupTasks.Stored s, Pacer pacer) {
        PaceView now = view(r, s);
        long t = System.nanoTime();
        if (r.lastRoundNs != 0) {
            double elapsed = (t - r.lastRoundNs) / 1e9;
            r.agentSeconds += now.agents() * elapsed;
            r.busyAgentSeconds += (now.agents() - now.idle()) * elapsed;
        }
        r.lastRoundNs = t;
        int n = pacer.toDial(now);
        int skips = 0;
        while (n > 0 && !r.stop && skips < MAX_SKIPS_PER_ROUND) {
            Optional<Line> line = freeLine();
            if (line.isEmpty()) {
                log.debug("event=group-task-no-line task={}", r.id);
                return;
            }
            Optional<GroupTasks.Pending> next = tasks.take(r.id);
            if (next.isEmpty()) {
                return;
            }
            GroupTasks.Pending p = next.get();
            Optional<String> refused = guard.check(p.number(), false).map(CallGuard.Refusal::message);
            if (refused.isPresent()) {
                tasks.result(p, "blocked", refused.get(), null, null, null, null);
                skips++;
                continue;
            }
            Optional<String> skip = redial.why(p.number());
            if (skip.isPresent()) {
                tasks.result(p, "skipped", skip.get(), null, null, null, null);
                skips++;
                continue;
            }
            if (place(r, s.task(), p, line.get())) {
                n--;
            } else {
                tasks.result(p, "failed", "line " + line.get().id() + " was taken meanwhile", null, null, null, null);
            }
        }
    }

    private Optional<Line> freeLine() {
        return lines.all().stream().filter(l -> !agents.owned(l.id()) && usable.test(l)).findFirst();
    }

    private boolean place(Running r, GroupTask t, GroupTasks.Pending p, Line line) {
        Out o = new Out();
        TaskCalls.Task task = new TaskCalls.Task() {
            @Override
            public String id() {
                return r.id;
            }

            @Override
            public Optional<Agent> takeAgent() {
                Optional<Agent> a = takeFor(r, o);
                a.ifPresent(x -> r.stats.taken());
                return a;
            }

            @Override
            public void answered(double afterSeconds) {
                o.answered = true;
                r.stats.answered(afterSeconds);
            }

            @Override
            public void ended(TaskCalls.Ended how) {
                GroupDialer.this.ended(r, p, o, how);
            }
        };
        TaskCalls.Dial d = new TaskCalls.Dial(new DialString(p.number()), p.number(), p.customerId(),
                Duration.ofSeconds(t.ringSeconds()), prompt(t.openingPrompt()), prompt(t.abandonPrompt())
                .or(() -> Optional.of(NO_AGENT)));
        Optional<CallView> v = calls.dial(line, d, task);
        v.ifPresent(c -> r.out.put(c.id(), o));
        return v.isPresent();
    }

    private Optional<byte[]> prompt(String id) {
        return id.isEmpty() ? Optional.empty() : prompts.apply(id);
    }

    /** The joined agent who has waited longest, set aside for this call. */
    private synchronized Optional<Agent> takeFor(Running r, Out o) {
        Optional<Agent> a = r.joined.stream().filter(id -> free(r, id))
                .min(Comparator.comparing(seats::idleSince)).flatMap(agents::find);
        a.ifPresent(x -> {
            r.reserved.add(x.id());
            o.agent = x.id();
            o.connectedNs = System.nanoTime();
        });
        return a;
    }

    private void ended(Running r, GroupTasks.Pending p, Out o, TaskCalls.Ended how) {
        try {
            tasks.result(p, how.result(), how.detail(), how.callId(), how.agent().isEmpty() ? null : how.agent(),
                    how.answeredAt(), how.waitMs());
            switch (how.result()) {
                case "answered" -> r.stats.handled(how.talkMs() / 1000.0 + wrapUp.toSeconds());
                case "abandoned" -> r.stats.abandoned();
                default -> r.stats.notAnswered(how.dialledSeconds());
            }
        } finally {
            r.out.remove(how.callId());
            if (o.agent != null) {
                r.reserved.remove(o.agent);
            }
        }
    }

    @Override
    public void close() {
        running.values().forEach(Running::halt);
    }
}
