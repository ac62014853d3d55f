package io.branchline.box.pacing;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one dialing task has measured: how often a number is answered and after how long, how long an agent
 * is busy with a call (talk and wrap-up), and its abandoned calls (an answered call no agent took within the
 * grace time) per day, for the rate regulators count: per task per day (Ofcom) and per 30 days (FTC, FCC).
 * A fresh task starts from priors that pace carefully, and moves to its own figures as they come.
 */
public final class PaceStats {
    static final int RECENT = 300;
    /** Before this many outcomes the priors still weigh in. */
    private static final int PRIOR_WEIGHT = 20;
    private static final double PRIOR_ANSWER_RATE = 0.15;
    private static final double PRIOR_ANSWER_DELAY = 12;
    private static final double PRIOR_BUSY = 90;
    /** How many standard errors above the measured answer rate pacing plans with (about 97.5 % one-sided). */
    private static final double BOUND_Z = 2;

    private final Clock clock;
    private final RecentDurations answerDelays = new RecentDurations(RECENT);
    private final RecentDurations otherEnds = new RecentDurations(RECENT);
    private final RecentDurations busy = new RecentDurations(RECENT);
    /** The last outcomes, answered or not, for the answer rate now. */
    private final RecentShare outcomes = new RecentShare(RECENT);
    /** Per day: human answers, abandoned. */
    private final TreeMap<LocalDate, int[]> days = new TreeMap<>();
    /** The last answers, abandoned or taken, for the abandoned rate of the last while. */
    private final RecentShare drops = new RecentShare(200);

    public PaceStats(Clock clock) {
        this.clock = clock;
    }

    /** Earlier days' figures (from the task's stored results), so the 30-day rate holds across restarts. */
    public synchronized void restore(LocalDate day, int answered, int abandoned) {
        int[] d = days.computeIfAbsent(day, k -> new int[2]);
        d[0] += answered;
        d[1] += abandoned;
    }

    /** A call was answered by a person {@code afterSeconds} after it was dialled. */
    public synchronized void answered(double afterSeconds) {
        answerDelays.add(afterSeconds);
        outcomes.add(true);
        today()[0]++;
    }

    /** A call ended unanswered (no answer, busy, invalid) {@code afterSeconds} after it was dialled. */
    public synchronized void notAnswered(double afterSeconds) {
        otherEnds.add(afterSeconds);
        outcomes.add(false);
    }

    /** An agent was busy {@code seconds} with a call, from taking it to the end of wrap-up. */
    public synchronized void handled(double seconds) {
        busy.add(seconds);
    }

    /** An answered call reached an agent in time. */
    public synchronized void taken() {
        drops.add(false);
    }

    /** An answered call found no agent in time: abandoned. */
    public synchronized void abandoned() {
        today()[1]++;
        drops.add(true);
    }

    private int[] today() {
        LocalDate day = LocalDate.now(clock);
        int[] d = days.computeIfAbsent(day, k -> new int[2]);
        while (days.size() > 40) {
            days.pollFirstEntry();
        }
        return d;
    }

    /** The share of dialled numbers a person answers, over the last few hundred. */
    public synchronized double answerRate() {
        return (outcomes.yes() + PRIOR_ANSWER_RATE * PRIOR_WEIGHT) / (outcomes.count() + PRIOR_WEIGHT);
    }

    /**
     * The answer rate pacing plans with: the upper end of what the last outcomes allow (Wilson score bound),
     * so that a task with few outcomes yet predicts more answers than it will likely get and starts near one
     * number per idle agent, opening up as its outcomes come in.
     */
    public synchronized double answerRateBound() {
        int n = outcomes.count();
        if (n == 0) {
            return 1;
        }
        double z2 = BOUND_Z * BOUND_Z;
        double p = outcomes.yes() / (double) n;
        return Math.min(1, (p + z2 / (2 * n) + BOUND_Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n))) / (1 + z2 / n));
    }

    /** Seconds from dialling to a person answering, on average. */
    public synchronized double answerDelay() {
        return weighed(answerDelays, PRIOR_ANSWER_DELAY);
    }

    /** Seconds an agent is busy with a call, on average. */
    public synchronized double busySeconds() {
        return weighed(busy, PRIOR_BUSY);
    }

    private static double weighed(RecentDurations d, double prior) {
        int n = d.count();
        return n == 0 ? prior : (d.mean() * n + prior * PRIOR_WEIGHT / 4.0) / (n + PRIOR_WEIGHT / 4.0);
    }

    /**
     * The chance a call that has rung {@code seconds} without an outcome is answered by a person within the
     * next {@code within} seconds.
     */
    public synchronized double answerWithin(double seconds, double within) {
        double p = answerRateBound();
        if (answerDelays.count() < 10 || otherEnds.count() < 10) {
            double mean = answerDelay();
            return seconds + within >= mean ? p : p * within / Math.max(1, mean - seconds);
        }
        double still = answerDelays.longerThan(seconds);
        double a = p * still;
        double o = (1 - p) * otherEnds.longerThan(seconds);
        return a + o == 0 ? 0 : p * (still - answerDelays.longerThan(seconds + within)) / (a + o);
    }

    /** How long answered calls rang, at the given shares (0.5: the median); the prior before there are any. */
    public synchronized double[] answerDelayAt(double... shares) {
        double[] out = new double[shares.length];
        for (int i = 0; i < shares.length; i++) {
            out[i] = answerDelays.count() < 10 ? PRIOR_ANSWER_DELAY * (0.5 + shares[i])
                    : answerDelays.quantile(shares[i]);
        }
        return out;
    }

    /** The chance an agent busy for {@code seconds} with a call is free within {@code within} seconds. */
    public synchronized double freeWithin(double seconds, double within) {
        if (busy.count() >= 10) {
            double still = busy.longerThan(seconds);
            if (still * busy.count() >= 1) {
                return (still - busy.longerThan(seconds + within)) / still;
            }
        }
        return 1 - Math.exp(-within / busySeconds()); // longer than any seen yet: no better guess than the mean
    }

    /** Abandoned calls per person-answered call over the last couple of hundred answers (0 before any). */
    public synchronized double recentAbandonRate() {
        return drops.count() == 0 ? 0 : drops.yes() / (double) drops.count();
    }

    public synchronized int recentAnswers() {
        return drops.count();
    }

    /** Today's answered and abandoned calls. */
    public synchronized Rate today(LocalDate day) {
        int[] d = days.getOrDefault(day, new int[2]);
        return new Rate(d[0], d[1]);
    }

    /** The 30 days up to and including {@code day}. */
    public synchronized Rate last30Days(LocalDate day) {
        int answered = 0;
        int abandoned = 0;
        for (Map.Entry<LocalDate, int[]> e : days.subMap(day.minusDays(29), true, day, true).entrySet()) {
            answered += e.getValue()[0];
            abandoned += e.getValue()[1];
        }
        return new Rate(answered, abandoned);
    }

    public LocalDate day() {
        return LocalDate.now(clock);
    }

    /** Answered calls and those of them abandoned. */
    public record Rate(int answered, int abandoned) {
        public double share() {
            return answered == 0 ? 0 : abandoned / (double) answered;
        }
    }
}
