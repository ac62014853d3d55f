package io.branchline.box.pacing;

import java.time.Duration;

/**
 * The box's own pacing (自适应): closed loop on what the task measures, where the seeds' fixed ratio is open
 * loop. Every second it predicts, from the answer rate, how long answered calls rang, and how long agents
 * stay busy with a call, how many of the calls out will be answered and how many agents will be free when they
 * are (those idle now, and those on a call who are likely done by then, given how long they have been busy);
 * it sends one more number while the chance that an answer to it finds every agent taken stays under a
 * threshold. It plans with the upper end of the answer rate its outcomes allow, not their mean: a task that has
 * few outcomes yet (or a list it does not know) starts near one number per idle agent instead of flooding its
 * agents on a guess, which would spend the day's abandoned-call budget in the first minutes. The threshold
 * follows the measured abandoned rate: up while it is under the aim, down while over, so that the rate settles
 * under the limit (3 %, the US and UK rule) whatever the list and the scripts are like.
 * Guards as the best dialers have them: nothing is sent while no joined agent is waiting or on a call; below
 * {@code minAgents} agents, and while today's or the last 30 days' rate is over the limit, one number per
 * idle agent only (VICIdial's HARD_LIMIT and dial-level threshold).
 */
public final class AdaptivePacer implements Pacer {
    public static final double LIMIT = 0.03;
    /** Where the controller steers the rate, leaving room for a bad hour under the limit. */
    private static final double AIM = 0.85;
    private static final int ADJUST_EVERY_TICKS = 15;
    /**
     * How far one adjustment moves the threshold at most (×e^0.01): slow on purpose, since the predictions
     * already follow the list and the agents; a faster loop chases its own noise (the benchmark shows it).
     */
    private static final double GAIN = 0.01;
    private static final double MIN_THRESHOLD = 0.001;
    private static final double MAX_THRESHOLD = 0.6;

    private final PaceStats stats;
    private final double limit;
    private final int minAgents;
    private final double grace;
    private static final double[] SHARES = {0.1, 0.3, 0.5, 0.7, 0.9, 1.0};
    private double threshold = 0.005;
    private int ticks;

    /**
     * @param graceSeconds how long an answered call may wait for an agent before it counts as abandoned (2 s;
     *                     longer while an opening message plays)
     */
    public AdaptivePacer(PaceStats stats, double limit, int minAgents, double graceSeconds) {
        this.grace = graceSeconds;
        if (!(limit > 0 && limit < 1)) {
            throw new IllegalArgumentException("the abandoned-rate limit must be between 0 and 1");
        }
        this.stats = stats;
        this.limit = limit;
        this.minAgents = Math.max(1, minAgents);
    }

    @Override
    public int toDial(PaceView now) {
        if (now.nobodyToTakeCalls() || now.room() == 0) {
            return 0;
        }
        if (++ticks % ADJUST_EVERY_TICKS == 0) {
            adjust();
        }
        if (now.agents() < minAgents || overLimit()) {
            return Progressive.perIdleAgent(now);
        }
        // At a few horizons (when answers have come lately), the answers that will have come by then, from the
        // calls out and the ones sent now, against the agents free by then (plus the grace): one more number is
        // sent while what it adds to the calls no agent takes stays under the threshold at every horizon.
        double[] at = stats.answerDelayAt(SHARES);
        double[][] agentsFree = new double[at.length][];
        double[][] answersBy = new double[at.length][];
        double[] newAnswersBy = new double[at.length];
        double p = stats.answerRateBound();
        for (int i = 0; i < at.length; i++) {
            double[] free = new double[now.busySeconds().size()];
            for (int a = 0; a < free.length; a++) {
                free[a] = stats.freeWithin(now.busySeconds().get(a), at[i] + grace);
            }
            agentsFree[i] = Distribution.countOf(now.idle(), free);
            double[] by = new double[now.dialingSeconds().size()];
            for (int c = 0; c < by.length; c++) {
                by[c] = stats.answerWithin(now.dialingSeconds().get(c), at[i]);
            }
            answersBy[i] = Distribution.countOf(now.answeredWaiting(), by);
            newAnswersBy[i] = stats.answerWithin(0, at[i]);
        }
        int n = 0;
        while (n < now.room() && risk(answersBy, agentsFree, newAnswersBy, p) <= threshold) {
            for (int i = 0; i < at.length; i++) {
                answersBy[i] = Distribution.plusOne(answersBy[i], newAnswersBy[i]);
            }
            n++;
        }
        return n;
    }

    /**
     * What one more number adds to the answered calls no agent takes, per answer it may bring, at the worst
     * horizon: the chance it is answered by then times the chance every agent free by then is taken.
     */
    private static double risk(double[][] answersBy, double[][] agentsFree, double[] newAnswersBy, double p) {
        double worst = 0;
        for (int i = 0; i < answersBy.length; i++) {
            worst = Math.max(worst, newAnswersBy[i] / p * Distribution.chanceAtLeast(answersBy[i], agentsFree[i]));
        }
        return worst;
    }

    /** Today's or the 30 days' abandoned rate over the limit, once there are enough answers to tell. */
    private boolean overLimit() {
        PaceStats.Rate day = stats.today(stats.day());
        PaceStats.Rate month = stats.last30Days(stats.day());
        return (day.answered() >= 50 && day.share() > limit) || (month.answered() >= 50 && month.share() > limit);
    }

    private void adjust() {
        if (stats.recentAnswers() < 20) {
            return;
        }
        double aim = limit * AIM;
        double measured = stats.recentAbandonRate();
        double step = Math.max(-1, Math.min(1, (aim - measured) / aim));
        if (step > 0 && stats.today(stats.day()).share() > aim) {
            return; // the day as a whole is near the limit: no faster, however good the last while was
        }
        threshold = Math.max(MIN_THRESHOLD, Math.min(MAX_THRESHOLD, threshold * Math.exp(GAIN * step)));
    }

    /** The marginal chance the pacer allows now (for the task's figures and the benchmark). */
    public double threshold() {
        return threshold;
    }

    @Override
    public Duration every() {
        return Duration.ofSeconds(1);
    }

    @Override
    public String mode() {
        return "adaptive";
    }
}
