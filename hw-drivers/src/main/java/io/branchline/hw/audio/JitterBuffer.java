package io.branchline.hw.audio;

import java.util.ArrayDeque;

/**
 * Evens out frames that arrive in bursts from a reader thread for the 20 ms clock that takes them. It holds
 * back {@code depth} frames before the first one is played (so a burst after a late frame still plays in
 * order), keeps at most {@code capacity} (the oldest go first when a sender runs fast), and answers
 * silence when it runs dry. Every such event is counted, so that a benchmark and the call's log can say
 * how clean the audio was.
 */
public final class JitterBuffer {
    /** A gap between arrivals longer than this counts as a late frame. */
    private static final long LATE_NANOS = 3 * Pcm.FRAME_NANOS;

    private final int depth;
    private final int capacity;
    private final ArrayDeque<Frame> frames = new ArrayDeque<>();
    private boolean primed;
    /** Set by {@link #startNow}: before it, overflow is the call not joined yet, not a loss. */
    private boolean started;
    private long lastArrival = -1;
    private long received;
    private long dropped;
    private long late;
    private long underruns;

    public JitterBuffer(int depth, int capacity) {
        if (depth < 0 || capacity < Math.max(1, depth)) {
            throw new IllegalArgumentException("jitter buffer depth " + depth + " does not fit capacity " + capacity);
        }
        this.depth = depth;
        this.capacity = capacity;
    }

    /** From the endpoint's reader: never blocks. */
    public synchronized void offer(Frame f) {
        received++;
        if (lastArrival >= 0 && f.arrivedNanos() - lastArrival > LATE_NANOS) {
            late++;
        }
        lastArrival = f.arrivedNanos();
        if (frames.size() == capacity) {
            frames.removeFirst();
            if (started) {
                dropped++;
            }
        }
        frames.addLast(f);
    }

    /**
     * Forgets what arrived before the listener started taking (the voice port opened before the call's media
     * was joined): keeps only the newest {@code depth} frames, uncounted, so that the call starts with its
     * normal delay instead of a backlog.
     */
    public synchronized void startNow() {
        started = true;
        while (frames.size() > depth) {
            frames.removeFirst();
        }
    }

    /** From the clock: the next frame, or silence while priming and when the sender fell behind. */
    public synchronized byte[] take() {
        started = true;
        if (!primed) {
            if (frames.size() < Math.max(1, depth)) {
                return Pcm.silence();
            }
            primed = true;
        }
        Frame f = frames.pollFirst();
        if (f == null) {
            underruns++;
            primed = depth == 0;
            return Pcm.silence();
        }
        return f.pcm();
    }

    public synchronized Stats stats() {
        return new Stats(received, dropped, late, underruns);
    }

    /**
     * @param received  frames that arrived
     * @param dropped   frames thrown away because the buffer was full (the sender ran fast)
     * @param late      arrivals that came more than three frame times after the one before
     * @param underruns ticks that found the buffer empty after it had started playing, filled with silence
     */
    public record Stats(long received, long dropped, long late, long underruns) {
        public Stats plus(Stats o) {
            return new Stats(received + o.received, dropped + o.dropped, late + o.late, underruns + o.underruns);
        }
    }
}
