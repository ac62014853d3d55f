package io.branchline.hw.modem;

import java.time.Duration;

/**
 * How a line is watched: the poll interval, how many unanswered commands in a row lead to a restart, how
 * long a restarted USB modem takes to come back, and the reconnect backoff.
 */
public record LineHealthSettings(Duration pollInterval, int timeoutsBeforeRestart, Duration restartWait,
                                 Duration backoffMin, Duration backoffMax) {

    public static LineHealthSettings defaults() {
        return new LineHealthSettings(Duration.ofSeconds(30), 2, Duration.ofSeconds(15), Duration.ofSeconds(1),
                Duration.ofSeconds(60));
    }
}
