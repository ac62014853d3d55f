package io.branchline.hw.audio;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 20 ms beat of every call on the box: one platform thread that wakes at absolute deadlines and runs
 * each registered tick in turn, so that 8 calls cost one wake-up, not 8. It sleeps while nothing is
 * registered. A tick that starts more than half a frame late is counted; after a stall of more than 10
 * frames (a suspended VM) it skips ahead instead of running the missed ticks in a burst.
 */
public final class FrameClock implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FrameClock.class);
    private static final long LATE_NANOS = Pcm.FRAME_NANOS / 2;

    private final CopyOnWriteArrayList<Runnable> ticks = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean closed;
    private volatile long tickCount;
    private volatile long lateTicks;
    private volatile long skippedTicks;
    private volatile long lastBeat = System.nanoTime();

    public FrameClock(String name) {
        thread = Thread.ofPlatform().daemon().name(name).priority(Thread.MAX_PRIORITY).start(this::run);
    }

    /** Runs {@code tick} every 20 ms from now on, on the clock's thread, until the returned handle is closed. */
    public AutoCloseable add(Runnable tick) {
        if (ticks.isEmpty()) {
            lastBeat = System.nanoTime(); // a clock woken from sleep is not a stalled one
        }
        ticks.add(tick);
        LockSupport.unpark(thread);
        return () -> ticks.remove(tick);
    }

    public long ticks() {
        return tickCount;
    }

    /** Ticks that started more than half a frame after their deadline. */
    public long lateTicks() {
        return lateTicks;
    }

    public long skippedTicks() {
        return skippedTicks;
    }

    private void run() {
        long next = System.nanoTime();
        while (!closed) {
            if (ticks.isEmpty()) {
                LockSupport.park(this);
                next = System.nanoTime();
                lastBeat = next;
                continue;
            }
            next += Pcm.FRAME_NANOS;
            long wait;
            while ((wait = next - System.nanoTime()) > 0 && !closed) {
                LockSupport.parkNanos(this, wait);
            }
            long lateBy = System.nanoTime() - next;
            if (lateBy > 10 * Pcm.FRAME_NANOS) {
                long missed = lateBy / Pcm.FRAME_NANOS;
                skippedTicks += missed;
                next += missed * Pcm.FRAME_NANOS;
            } else if (lateBy > LATE_NANOS) {
                lateTicks++;
            }
            for (Runnable t : ticks) {
                try {
                    t.run();
                } catch (RuntimeException e) {
                    log.error("event=frame-tick-failed", e);
                }
            }
            tickCount++;
            lastBeat = System.nanoTime();
        }
    }

    /**
     * How long since the clock last finished a beat while calls need it (zero while it sleeps with nothing to
     * run): a tick that never returns stops every call's audio, and the box's watchdog says so.
     */
    public java.time.Duration stalledFor() {
        if (ticks.isEmpty() || closed) {
            return java.time.Duration.ZERO;
        }
        return java.time.Duration.ofNanos(Math.max(0, System.nanoTime() - lastBeat - Pcm.FRAME_NANOS));
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }
}
