package io.branchline.hw.emulator;

import io.branchline.hw.audio.Frame;
import io.branchline.hw.audio.FrameClock;
import io.branchline.hw.audio.FrameSource;
import io.branchline.hw.audio.Handset;
import io.branchline.hw.audio.Pcm;
import io.branchline.hw.audio.PcmCapture;
import io.branchline.hw.audio.PcmEndpoint;
import io.branchline.hw.audio.Tone;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A desk phone's handset without a sound card: the agent "speaks" a source (a 1 kHz tone by default, so
 * that the agent's side of a recording is told from the customer's 440 Hz) on a frame clock, and what the
 * box plays into the earpiece is kept for tests.
 */
public final class EmulatedHandset implements Handset {
    private final String name;
    private final FrameClock clock;
    private final PcmCapture heard = new PcmCapture(180);
    private volatile Supplier<FrameSource> agent = () -> new Tone(1000, 3000, -1);
    private volatile int opened;

    public EmulatedHandset(String name, FrameClock clock) {
        this.name = name;
        this.clock = clock;
    }

    public void agentSays(Supplier<FrameSource> source) {
        this.agent = source;
    }

    public PcmCapture heard() {
        return heard;
    }

    /** How many calls opened this handset. */
    public int opened() {
        return opened;
    }

    @Override
    public PcmEndpoint open() {
        opened++;
        FrameSource voice = agent.get();
        return new PcmEndpoint() {
            private volatile Consumer<Frame> listener = f -> { };
            private final AutoCloseable ticking = clock.add(() -> {
                byte[] f = voice.next();
                listener.accept(new Frame(f == null ? Pcm.silence() : f, System.nanoTime()));
            });

            @Override
            public String name() {
                return name;
            }

            @Override
            public void listen(Consumer<Frame> l) {
                listener = l;
            }

            @Override
            public void send(byte[] frame) {
                heard.add(frame);
            }

            @Override
            public void close() {
                try {
                    ticking.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }
}
