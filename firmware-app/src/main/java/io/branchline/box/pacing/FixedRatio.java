package io.branchline.box.pacing;

import java.time.Duration;

/**
 * The seeds' group-call rule (群呼助手): every interval the task sends agents-joined × ratio numbers, never
 * more than the concurrency minus the calls already up. With concurrency 10, 10 s and 5 agents, ratio 1 sends
 * 5 numbers and ratio 2 sends 10; a ratio above the concurrency is capped by it. Open loop: it does not look at
 * who is free, which is why a ratio one step too high drops many answered calls (see {@link AdaptivePacer}).
 */
public final class FixedRatio implements Pacer {
    private final double ratio;
    private final Duration interval;

    public FixedRatio(double ratio, Duration interval) {
        if (!(ratio > 0)) {
            throw new IllegalArgumentException("ratio must be above 0");
        }
        this.ratio = ratio;
        this.interval = interval;
    }

    @Override
    public int toDial(PaceView now) {
        if (now.nobodyToTakeCalls()) {
            return 0;
        }
        long wanted = Math.max(1, Math.round(now.agents() * ratio));
        return (int) Math.min(wanted, now.room());
    }

    @Override
    public Duration every() {
        return interval;
    }

    @Override
    public String mode() {
        return "fixed";
    }
}
