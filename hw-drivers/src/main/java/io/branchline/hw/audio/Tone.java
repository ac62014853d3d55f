package io.branchline.hw.audio;

/**
 * A sine tone at a fixed frequency and level, endless or for a number of frames: what the emulator's
 * "customer" says and what the tests listen for by its frequency.
 */
public final class Tone implements FrameSource {
    private final double hz;
    private final double amplitude;
    private final long frames;
    private long produced;

    /**
     * @param hz        frequency, below the 4 kHz Nyquist limit of 8 kHz audio
     * @param amplitude peak level, 0..32767
     * @param frames    how many frames to produce, or -1 for endless
     */
    public Tone(double hz, int amplitude, long frames) {
        if (hz <= 0 || hz >= Pcm.SAMPLE_RATE / 2.0) {
            throw new IllegalArgumentException("tone frequency must be between 0 and 4000 Hz, not " + hz);
        }
        this.hz = hz;
        this.amplitude = amplitude;
        this.frames = frames;
    }

    public static Tone endless(double hz) {
        return new Tone(hz, 8000, -1);
    }

    @Override
    public byte[] next() {
        if (frames >= 0 && produced >= frames) {
            return null;
        }
        byte[] out = new byte[Pcm.FRAME_BYTES];
        long base = produced * Pcm.FRAME_SAMPLES;
        for (int i = 0; i < Pcm.FRAME_SAMPLES; i++) {
            Pcm.put(out, i, (int) Math.round(amplitude * Math.sin(2 * Math.PI * hz * (base + i) / Pcm.SAMPLE_RATE)));
        }
        produced++;
        return out;
    }
}
