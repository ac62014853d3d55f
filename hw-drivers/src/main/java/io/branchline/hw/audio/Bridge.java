package io.branchline.hw.audio;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Joins two endpoints frame by frame on the {@link FrameClock}: what side A says goes to side B and back,
 * each through a small jitter buffer, with silence where a side fell silent. Side B is the far party (the
 * customer); side A is ours (the agent's handset, or leg A of a callback). A <em>feed</em>, while set,
 * speaks to B in A's place (the opening message) and A hears it along with B; dropping it joins the voices
 * from the very next tick. Taps hear, per tick, what B was sent and what B said: a recorder's two channels.
 */
public final class Bridge implements Runnable {
    /** Hears each tick's two directions; runs on the clock's thread, so it only queues. */
    public interface Tap {
        void frame(byte[] towardB, byte[] fromB);
    }

    private final PcmEndpoint a;
    private final PcmEndpoint b;
    private final JitterBuffer fromA;
    private final JitterBuffer fromB;
    private final List<Tap> taps = new CopyOnWriteArrayList<>();
    private volatile FrameSource feed;
    private volatile Runnable onFeedEnd = () -> { };
    private volatile long frames;

    public Bridge(PcmEndpoint a, PcmEndpoint b) {
        this.a = a;
        this.b = b;
        // Two frames held back, six at most: never more than 120 ms behind the sender.
        this.fromA = new JitterBuffer(2, 6);
        this.fromB = new JitterBuffer(2, 6);
        a.listen(fromA::offer);
        b.listen(fromB::offer);
    }

    public void tap(Tap t) {
        taps.add(t);
    }

    public void untap(Tap t) {
        taps.remove(t);
    }

    /** Plays {@code source} to B instead of A's voice until it ends or {@link #dropFeed()}; then runs {@code onEnd}. */
    public void feed(FrameSource source, Runnable onEnd) {
        this.onFeedEnd = onEnd;
        this.feed = source;
    }

    /** Stops the feed: A's voice reaches B from the next tick. True if a feed was playing. */
    public boolean dropFeed() {
        boolean was = feed != null;
        feed = null;
        return was;
    }

    public boolean feeding() {
        return feed != null;
    }

    /** Ticks run so far: the call's media time in frames. */
    public long frames() {
        return frames;
    }

    @Override
    public void run() {
        if (frames == 0) {
            fromA.startNow();
            fromB.startNow();
        }
        byte[] voiceA = fromA.take();
        byte[] voiceB = fromB.take();
        byte[] towardB = voiceA;
        byte[] towardA = voiceB;
        FrameSource f = feed;
        if (f != null) {
            byte[] p = f.next();
            if (p == null) {
                feed = null;
                onFeedEnd.run();
            } else {
                towardB = p;
                towardA = Pcm.mix(voiceB, p);
            }
        }
        b.send(towardB);
        a.send(towardA);
        for (Tap t : taps) {
            t.frame(towardB, voiceB);
        }
        frames++;
    }

    /** Frames from side A (ours) and side B (the far party) as their jitter buffers counted them. */
    public JitterBuffer.Stats statsA() {
        return fromA.stats();
    }

    public JitterBuffer.Stats statsB() {
        return fromB.stats();
    }
}
