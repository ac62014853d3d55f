package io.branchline.box.pacing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A seeded, audio-free simulation of one group-call shift (research dialer-acd-goip.md §1.7), driving any
 * {@link Pacer}: each number dialled is answered by a person with chance {@code answerRate} after U(4,20) s of
 * ringing, else 60 % ring out unanswered for 30 s and 40 % end busy or invalid after U(3,8) s; a talk lasts a
 * lognormal time (coefficient of variation 1) with mean {@code talkSeconds}, then 10 s of wrap-up; an answered
 * call waits up to {@code graceSeconds} for an agent, else it is abandoned. Agents never pause. The pacer's
 * {@link PaceStats} hears what the box's dialer would tell it.
 */
public final class PacingSimulation {
    public static final double WRAP_SECONDS = 10;

    /** One cell's settings. */
    public record Cell(int agents, double answerRate, double talkSeconds, int concurrency, double graceSeconds,
                       double shiftSeconds) {
    }

    /** What one shift gave. */
    public record Result(int dialled, int answered, int abandoned, double busyAgentSeconds, double agentSeconds,
                         double waitSeconds, int connects, double shiftSeconds, int agents) {
        public double occupancy() {
            return busyAgentSeconds / agentSeconds;
        }

        public double abandonRate() {
            return answered == 0 ? 0 : abandoned / (double) answered;
        }

        public double connectsPerAgentHour() {
            return connects / (agents * shiftSeconds / 3600);
        }

        public double meanWait() {
            return connects == 0 ? 0 : waitSeconds / connects;
        }

        Result plus(Result o) {
            return new Result(dialled + o.dialled, answered + o.answered, abandoned + o.abandoned,
                    busyAgentSeconds + o.busyAgentSeconds, agentSeconds + o.agentSeconds, waitSeconds + o.waitSeconds,
                    connects + o.connects, shiftSeconds + o.shiftSeconds, agents);
        }
    }

    private record Event(double at, int kind, SimCall call, int agent) {
        static final int TICK = 0;
        static final int ANSWER = 1;
        static final int NO_ANSWER = 2;
        static final int GRACE_OVER = 3;
        static final int AGENT_FREE = 4;
    }

    private static final class SimCall {
        final double dialledAt;
        double answeredAt = Double.NaN;
        boolean settled;

        SimCall(double dialledAt) {
            this.dialledAt = dialledAt;
        }
    }

    private PacingSimulation() {
    }

    /** Runs one shift with the pacer {@code pacerFor} builds from the shift's stats. */
    public static Result run(Cell cell, long seed, Function<PaceStats, Pacer> pacerFor) {
        SplittableRandom random = new SplittableRandom(seed);
        PaceStats stats = new PaceStats(Clock.fixed(Instant.parse("2026-12-01T09:00:00Z"), ZoneOffset.UTC));
        Pacer pacer = pacerFor.apply(stats);
        double tick = pacer.every().toMillis() / 1000.0;
        PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> Double.compare(a.at, b.at));
        double[] busySince = new double[cell.agents];
        java.util.Arrays.fill(busySince, Double.NaN);
        List<SimCall> dialing = new ArrayList<>();
        Deque<SimCall> waiting = new ArrayDeque<>();
        int withAgents = 0;
        int dialled = 0;
        int answered = 0;
        int abandoned = 0;
        int connects = 0;
        double busyTotal = 0;
        double waitTotal = 0;
        double sigma2 = Math.log(2); // CV 1
        double mu = Math.log(cell.talkSeconds) - sigma2 / 2;
        events.add(new Event(0, Event.TICK, null, -1));
        while (!events.isEmpty()) {
            Event e = events.poll();
            double now = e.at;
            if (now > cell.shiftSeconds && e.kind == Event.TICK) {
                continue; // no new dials after the shift; what is out still plays out
            }
            switch (e.kind) {
                case Event.TICK -> {
                    int idle = 0;
                    List<Double> busy = new ArrayList<>();
                    for (double since : busySince) {
                        if (Double.isNaN(since)) {
                            idle++;
                        } else {
                            busy.add(now - since);
                        }
                    }
                    List<Double> out = new ArrayList<>(dialing.size());
                    for (SimCall c : dialing) {
                        out.add(now - c.dialledAt);
                    }
                    int up = dialing.size() + waiting.size() + withAgents;
                    int n = pacer.toDial(new PaceView(cell.agents, idle, busy, out, waiting.size(), up, cell.concurrency));
                    for (int i = 0; i < n; i++) {
                        SimCall c = new SimCall(now);
                        dialing.add(c);
                        dialled++;
                        if (random.nextDouble() < cell.answerRate) {
                            events.add(new Event(now + 4 + 16 * random.nextDouble(), Event.ANSWER, c, -1));
                        } else if (random.nextDouble() < 0.6) {
                            events.add(new Event(now + 30, Event.NO_ANSWER, c, -1));
                        } else {
                            events.add(new Event(now + 3 + 5 * random.nextDouble(), Event.NO_ANSWER, c, -1));
                        }
                    }
                    events.add(new Event(now + tick, Event.TICK, null, -1));
                }
                case Event.NO_ANSWER -> {
                    dialing.remove(e.call);
                    stats.notAnswered(now - e.call.dialledAt);
                }
                case Event.ANSWER -> {
                    dialing.remove(e.call);
                    answered++;
                    e.call.answeredAt = now;
                    stats.answered(now - e.call.dialledAt);
                    int agent = idleAgent(busySince);
                    if (agent >= 0) {
                        withAgents++;
                        connects++;
                        e.call.settled = true;
                        stats.taken();
                        busySince[agent] = now;
                        events.add(new Event(now + talk(random, mu, sigma2) + WRAP_SECONDS, Event.AGENT_FREE, e.call, agent));
                    } else {
                        waiting.add(e.call);
                        events.add(new Event(now + cell.graceSeconds, Event.GRACE_OVER, e.call, -1));
                    }
                }
                case Event.GRACE_OVER -> {
                    if (!e.call.settled) {
                        waiting.remove(e.call);
                        e.call.settled = true;
                        abandoned++;
                        stats.abandoned();
                    }
                }
                case Event.AGENT_FREE -> {
                    withAgents--;
                    double held = now - busySince[e.agent];
                    stats.handled(held);
                    busyTotal += Math.min(now, cell.shiftSeconds) - Math.min(busySince[e.agent], cell.shiftSeconds);
                    busySince[e.agent] = Double.NaN;
                    SimCall next = waiting.poll();
                    if (next != null) {
                        next.settled = true;
                        withAgents++;
                        connects++;
                        stats.taken();
                        waitTotal += now - next.answeredAt;
                        busySince[e.agent] = now;
                        events.add(new Event(now + talk(random, mu, sigma2) + WRAP_SECONDS, Event.AGENT_FREE, next, e.agent));
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
        return new Result(dialled, answered, abandoned, busyTotal, cell.agents * cell.shiftSeconds, waitTotal, connects,
                cell.shiftSeconds, cell.agents);
    }

    /** Several seeds' shifts as one. */
    public static Result runSeeds(Cell cell, long[] seeds, Function<PaceStats, Pacer> pacerFor) {
        Result sum = null;
        for (long s : seeds) {
            Result r = run(cell, s, pacerFor);
            sum = sum == null ? r : sum.plus(r);
        }
        return sum;
    }

    private static int idleAgent(double[] busySince) {
        for (int i = 0; i < busySince.length; i++) {
            if (Double.isNaN(busySince[i])) {
                return i;
            }
        }
        return -1;
    }

    private static double talk(SplittableRandom random, double mu, double sigma2) {
        return Math.exp(mu + Math.sqrt(sigma2) * gaussian(random));
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /**
     * VICIdial's RATIO dialing (AST_VDauto_dial): each second, round(level × agents logged in) lines minus the
     * calls already out, waiting or with an agent. The benchmark's baseline, with the level found by bisection.
     */
    public static Pacer vicidialRatio(double level) {
        return new Pacer() {
            @Override
            public int toDial(PaceView now) {
                if (now.nobodyToTakeCalls()) {
                    return 0;
                }
                int goal = (int) Math.round(level * now.agents());
                return Math.max(0, Math.min(goal - now.callsUp(), now.room()));
            }

            @Override
            public java.time.Duration every() {
                return java.time.Duration.ofSeconds(1);
            }

            @Override
            public String mode() {
                return "vicidial-ratio";
            }
        };
    }
}
