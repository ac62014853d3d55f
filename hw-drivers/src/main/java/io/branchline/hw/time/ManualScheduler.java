package io.branchline.hw.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.PriorityQueue;

/**
 * A scheduler whose time moves only when told to ({@link #advance}); tasks that fall due run on the calling
 * thread, in time order. For tests of timeouts and backoff, the way OkHttp's TaskFaker is.
 */
public final class ManualScheduler implements Scheduler {
    private record Task(Instant due, long seq, Runnable body, boolean[] cancelled) {
    }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) ->
            a.due.equals(b.due) ? Long.compare(a.seq, b.seq) : a.due.compareTo(b.due));
    private final ZoneId zone;
    private Instant now;
    private long seq;

    public ManualScheduler(Instant start, ZoneId zone) {
        this.now = start;
        this.zone = zone;
    }

    public ManualScheduler() {
        this(Instant.parse("2026-01-01T00:00:00Z"), ZoneId.of("UTC"));
    }

    @Override
    public synchronized Clock clock() {
        ManualScheduler self = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId z) {
                throw new UnsupportedOperationException("the manual clock has one zone");
            }

            @Override
            public Instant instant() {
                return self.now();
            }
        };
    }

    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        boolean[] cancelled = {false};
        tasks.add(new Task(now.plus(delay), seq++, task, cancelled));
        return () -> {
            synchronized (ManualScheduler.this) {
                cancelled[0] = true;
            }
        };
    }

    /** Moves time forward by {@code step}, running every task that falls due on the way. */
    public void advance(Duration step) {
        Instant target;
        synchronized (this) {
            target = now.plus(step);
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.due.isAfter(target)) {
                    now = target;
                    return;
                }
                tasks.poll();
                now = next.due;
                if (next.cancelled[0]) {
                    continue;
                }
            }
            next.body.run();
        }
    }

    /** How many tasks wait to run, cancelled ones excluded. */
    public synchronized int pending() {
        return (int) tasks.stream().filter(t -> !t.cancelled[0]).count();
    }
}
