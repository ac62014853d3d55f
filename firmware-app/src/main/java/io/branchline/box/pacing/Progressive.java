package io.branchline.box.pacing;

import java.time.Duration;

/** One number out per waiting agent (progressive, power dialing): calls are never more than agents free. */
public final class Progressive implements Pacer {
    @Override
    public int toDial(PaceView now) {
        return now.nobodyToTakeCalls() ? 0 : perIdleAgent(now);
    }

    /** Idle agents not yet covered by a call out or an answered call waiting. */
    static int perIdleAgent(PaceView now) {
        int uncovered = now.idle() - now.dialingSeconds().size() - now.answeredWaiting();
        return Math.max(0, Math.min(uncovered, now.room()));
    }

    @Override
    public Duration every() {
        return Duration.ofSeconds(1);
    }

    @Override
    public String mode() {
        return "progressive";
    }
}
