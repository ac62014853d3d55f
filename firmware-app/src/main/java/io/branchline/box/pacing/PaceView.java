package io.branchline.box.pacing;

import java.util.List;

/**
 * What a pacer sees of one dialing task at one moment. Times are seconds, counted from when each thing
 * began, so that the same pacer serves the box (wall clock) and the pacing benchmark (simulated clock).
 *
 * @param agents          joined agents not on a break: waiting, talking or wrapping up
 * @param idle            of them, those waiting for a call now
 * @param busySeconds     for each joined agent on a call or wrapping up, how long since that call reached them
 * @param dialingSeconds  for each call out and not yet answered or ended, how long since it was dialled
 * @param answeredWaiting answered calls that wait for an agent now
 * @param callsUp         the lines the task holds now (dialling, waiting, with an agent)
 * @param concurrency     the lines the task may hold at most (并发)
 */
public record PaceView(int agents, int idle, List<Double> busySeconds, List<Double> dialingSeconds,
                       int answeredWaiting, int callsUp, int concurrency) {
    public PaceView {
        busySeconds = List.copyOf(busySeconds);
        dialingSeconds = List.copyOf(dialingSeconds);
    }

    /** Lines the task may still take. */
    public int room() {
        return Math.max(0, concurrency - callsUp);
    }

    /** Dialing stops at once when no joined agent is waiting or on a call (all gone, or all on a break). */
    public boolean nobodyToTakeCalls() {
        return agents == 0 || (idle == 0 && busySeconds.isEmpty());
    }
}
