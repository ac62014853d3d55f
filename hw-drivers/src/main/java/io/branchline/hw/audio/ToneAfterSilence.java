package io.branchline.hw.audio;

/** Speech for the emulator and the tests: silence for a while, then a tone for a while, then silence; each span in milliseconds. */
public final class ToneAfterSilence implements FrameSource {
    private final long silentFrames;
    private final Tone tone;
    private long at;

    public ToneAfterSilence(long silentMs, double hz, long toneMs) {
        this.silentFrames = Pcm.framesIn(silentMs);
        this.tone = new Tone(hz, 8000, Pcm.framesIn(toneMs));
    }

    @Override
    public byte[] next() {
        if (at++ < silentFrames) {
            return new byte[Pcm.FRAME_BYTES];
        }
        byte[] f = tone.next();
        return f == null ? new byte[Pcm.FRAME_BYTES] : f;
    }
}
