package io.branchline.box.call;

import io.branchline.box.agent.Agent;
import io.branchline.box.line.SimRotation;
import io.branchline.box.line.Sims;
import io.branchline.hw.at.DialString;
import io.branchline.hw.audio.PcmPlayer;
import io.branchline.hw.audio.SwitchedEndpoint;
import io.branchline.hw.modem.CallPhase;
import io.branchline.hw.modem.EndCause;
import io.branchline.hw.modem.ModemCall;
import io.branchline.hw.line.LineCalls;
import io.branchline.hw.line.Line;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls a dialing task places with no agent on them yet (群呼): the box dials the number on a line the task
 * chose, lets it ring at least 15 s, and when a person answers finds the task an agent: at once, or while the
 * opening message plays. The agent found is joined to the call (their handset takes the place of silence, the
 * call is theirs and recorded like any other); with no agent in time (2 s after the answer, or after the opening
 * message) the call is abandoned: the customer hears the task's short message naming the company, and the box
 * hangs up. Every call leaves its record, and the task hears how it went.
 */
public final class TaskCalls {
    private static final Logger log = LoggerFactory.getLogger(TaskCalls.class);
    /** How long an answered call may wait for an agent before it counts as abandoned (the FTC's 2 s). */
    public static final Duration GRACE = Duration.ofSeconds(2);
    /** The longest wait with an opening message playing. */
    public static final Duration MAX_WAIT_WITH_MESSAGE = Duration.ofSeconds(15);

    /** What the task decides, and hears, as one of its calls goes. */
    public interface Task {
        String id();

        /** An agent of the task who is free now, set aside for this call; empty when none is. */
        Optional<Agent> takeAgent();

        /** A person answered, {@code afterSeconds} after the number was dialled. */
        void answered(double afterSeconds);

        /** The call is over: how, for the number's result. */
        void ended(Ended how);
    }

    /**
     * How a task's call ended: its result (answered, no-answer, busy, invalid, failed, abandoned), why, the
     * agent who took it, when it was answered, how long the customer waited for the agent.
     */
    public record Ended(String result, String detail, String callId, String agent, Instant answeredAt,
                        Integer waitMs, double dialledSeconds, long talkMs) {
    }

    /** The dial's settings. */
    public record Dial(DialString customer, String numberGiven, String customerId, Duration ringFor,
                       Optional<byte[]> opening, Optional<byte[]> abandonMessage) {
    }

    private final CallTable table;
    private final CallRecords records;
    private final CallWatch watch;
    private final CallMedia media;
    private final Sims sims;
    private final SimRotation rotation;
    private final Clock clock;
    /** Agents talking on a task's call now (their seat shows on-call). */
    private final Set<String> talking = ConcurrentHashMap.newKeySet();

    TaskCalls(CallTable table, CallRecords records, CallWatch watch, CallMedia media, Sims sims, SimRotation rotation,
              Clock clock) {
        this.table = table;
        this.records = records;
        this.watch = watch;
        this.media = media;
        this.sims = sims;
        this.rotation = rotation;
        this.clock = clock;
    }

    /** Whether {@code agentId} is on one of the tasks' calls now. */
    public boolean talking(String agentId) {
        return talking.contains(agentId);
    }

    /** Whether the agent can be joined to a call: a handset on the box. */
    public boolean canTake(Agent agent) {
        return media.hasHandset(agent.id());
    }

    /**
     * Dials {@code d} on {@code line} for {@code task}: the record exists before the modem is asked; the call
     * runs on its own thread. Empty (and nothing dialled) when the line was taken meanwhile.
     */
    public Optional<CallView> dial(Line line, Dial d, Task task) {
        Call call;
        synchronized (table) {
            if (table.busy(line.id())) {
                return Optional.empty();
            }
            call = new Call(UUID.randomUUID().toString(), InboundCalls.NOBODY, d.numberGiven(), d.customerId(), clock,
                    Call.Placement.on(line, sims, sims.prefix(line) + d.customer().digits(), "GROUP"),
                    Set.of(line.id()));
            table.add(call);
        }
        try {
            records.attempt(call.view());
        } catch (RuntimeException e) {
            table.remove(call);
            throw e;
        }
        Thread.ofVirtual().name("task call " + call.id).start(() -> run(call, line, d, task));
        return Optional.of(call.view());
    }

    private void run(Call call, Line line, Dial d, Task task) {
        long dialledAt = System.nanoTime();
        SwitchedEndpoint ours = new SwitchedEndpoint("task " + task.id());
        ModemCall mc;
        try {
            rotation.rotate(line);
            DialString dial = new DialString(sims.prefix(line) + d.customer().digits());
            call.place(Call.Placement.on(line, sims, dial.digits(), "GROUP"));
            LineCalls modem = line.calls().orElseThrow(() -> new IllegalStateException("line " + line.id() + " is down"));
            mc = modem.dial(dial);
        } catch (RuntimeException e) {
            log.warn("event=task-call-failed call={} task={} error=\"{}\"", call.id, task.id(), e.getMessage());
            call.endBeforeDial(EndCause.FAILED, e.getMessage(), clock.instant());
            watch.ended(call);
            task.ended(new Ended("failed", e.getMessage(), call.id, "", null, null, seconds(dialledAt), 0));
            return;
        }
        call.attach(mc);
        watch.dialled(call, mc, () -> ours);
        java.util.concurrent.CompletableFuture<Void> answered = new java.util.concurrent.CompletableFuture<>();
        // Settled when a person answers, or the call ends unanswered (busy, invalid, the customer declined).
        mc.onChange(c -> {
            if (c.phase() == CallPhase.ACTIVE || c.phase() == CallPhase.ENDED) {
                answered.complete(null);
            }
        });
        if (mc.phase() == CallPhase.ACTIVE || mc.phase() == CallPhase.ENDED) {
            answered.complete(null);
        }
        String[] agent = {""};
        Instant[] answeredAt = {null};
        Integer[] waitMs = {null};
        String[] result = {null};
        String[] why = {""};
        try {
            answered.get(d.ringFor().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            if (mc.answeredAt().isEmpty()) {
                throw new Unanswered();
            }
            answeredAt[0] = clock.instant();
            task.answered(seconds(dialledAt));
            long answeredNs = System.nanoTime();
            long promptMs = d.opening().map(pcm -> {
                media.play(call.id, new PcmPlayer(pcm), () -> { });
                return pcm.length / 16L;
            }).orElse(0L);
            long waitFor = Math.min(MAX_WAIT_WITH_MESSAGE.toMillis(), promptMs + GRACE.toMillis());
            Optional<Agent> found = Optional.empty();
            while (found.isEmpty() && mc.phase() == CallPhase.ACTIVE
                    && (System.nanoTime() - answeredNs) / 1_000_000 < waitFor) {
                found = task.takeAgent();
                if (found.isEmpty()) {
                    Thread.sleep(100);
                }
            }
            if (found.isPresent() && mc.phase() == CallPhase.ACTIVE) {
                Agent a = found.get();
                talking.add(a.id());
                agent[0] = a.id();
                waitMs[0] = (int) ((System.nanoTime() - answeredNs) / 1_000_000);
                call.routeTo(a);
                media.stopPlaying(call.id);
                try {
                    ours.switchTo(media.handsetOf(a.id()).open());
                } catch (Exception e) {
                    log.warn("event=task-handset-failed call={} agent={} error=\"{}\"", call.id, a.id(), e.getMessage());
                }
                call.outcome(null, "group task " + task.id() + ": agent " + a.id() + " took it after " + waitMs[0] + " ms");
                log.info("event=task-call-connected call={} task={} agent={} wait_ms={}", call.id, task.id(), a.id(),
                        waitMs[0]);
            } else if (mc.phase() == CallPhase.ACTIVE) {
                result[0] = "abandoned";
                why[0] = "no agent of the task was free within " + waitFor + " ms of the answer";
                call.outcome("abandoned", "group task " + task.id() + ": " + why[0]);
                media.stopPlaying(call.id);
                long msgMs = d.abandonMessage().map(pcm -> {
                    media.play(call.id, new PcmPlayer(pcm), () -> { });
                    return pcm.length / 16L;
                }).orElse(0L);
                long until = System.currentTimeMillis() + msgMs;
                while (System.currentTimeMillis() < until && mc.phase() == CallPhase.ACTIVE) {
                    Thread.sleep(50);
                }
                line.calls().ifPresent(LineCalls::hangUp);
                log.info("event=task-call-abandoned call={} task={}", call.id, task.id());
            } else {
                result[0] = "abandoned";
                why[0] = "the customer hung up before an agent took the call";
                call.outcome("abandoned", "group task " + task.id() + ": " + why[0]);
            }
        } catch (Unanswered e) {
            // ended by the network or the customer before an answer: the modem's cause says how
        } catch (java.util.concurrent.TimeoutException e) {
            if (mc.phase() != CallPhase.ENDED) {
                line.calls().ifPresent(LineCalls::hangUp); // rang the task's ring time: no answer
                why[0] = "rang " + d.ringFor().toSeconds() + " s without an answer";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
        mc.ended().thenAccept(end -> {
            watch.ended(call);
            talking.remove(agent[0]);
            CallView v = call.view();
            String r = result[0] != null ? result[0] : resultOf(end.cause().orElse(EndCause.FAILED), answeredAt[0] != null,
                    end.alertingAt().isPresent());
            String detail = why[0].isEmpty() ? v.detail() : why[0];
            task.ended(new Ended(r, detail, call.id, agent[0], answeredAt[0], waitMs[0], seconds(dialledAt), v.talkMs()));
        });
    }

    private static final class Unanswered extends Exception {
        Unanswered() {
            super(null, null, false, false);
        }
    }

    /**
     * A number's result from how its call ended. A call dropped before an answer with no cause from the modem
     * (NO CARRIER) rang and was not taken (declined, or the network gave up) when the phone rang first, and was
     * not a reachable number when it never rang.
     */
    private static String resultOf(EndCause cause, boolean answered, boolean rang) {
        if (answered) {
            return "answered";
        }
        return switch (cause) {
            case BUSY, REJECTED -> "busy";
            case NO_ANSWER, CANCELLED -> "no-answer";
            case NO_CARRIER -> rang ? "no-answer" : "invalid";
            case FAILED -> "failed";
            case NORMAL -> "answered";
        };
    }

    private static double seconds(long sinceNs) {
        return (System.nanoTime() - sinceNs) / 1e9;
    }
}
