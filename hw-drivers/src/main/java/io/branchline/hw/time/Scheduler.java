package io.branchline.hw.time;

import java.time.Clock;
import java.time.Duration;

/**
 * Time as the drivers see it: a clock to read and a way to run something later. Injected everywhere so
 * that timeouts, polls and backoff are tested by moving a {@link ManualScheduler} forward, never by sleeping.
 */
public interface Scheduler {

    Clock clock();

    /** Runs {@code task} once after {@code delay}; the returned handle cancels it if it has not run yet. */
    Cancellable schedule(Duration delay, Runnable task);

    interface Cancellable {
        void cancel();
    }
}
