package io.branchline.hw.audio;

/**
 * The one audio format on the box's media path, as the modems' voice ports speak it: 8 kHz, signed 16-bit
 * little-endian, mono, in 20 ms frames of 160 samples (320 bytes). Stereo recordings interleave two such
 * streams.
 */
public final class Pcm {
    public static final int SAMPLE_RATE = 8000;
    public static final int FRAME_MILLIS = 20;
    public static final int FRAME_SAMPLES = SAMPLE_RATE * FRAME_MILLIS / 1000;
    public static final int FRAME_BYTES = FRAME_SAMPLES * 2;
    public static final long FRAME_NANOS = FRAME_MILLIS * 1_000_000L;

    private static final byte[] SILENCE = new byte[FRAME_BYTES];

    private Pcm() {
    }

    /** A frame of silence; shared, so never write into it. */
    public static byte[] silence() {
        return SILENCE;
    }

    public static short sample(byte[] frame, int i) {
        return (short) ((frame[2 * i] & 0xff) | (frame[2 * i + 1] << 8));
    }

    public static void put(byte[] frame, int i, int value) {
        int v = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value));
        frame[2 * i] = (byte) v;
        frame[2 * i + 1] = (byte) (v >> 8);
    }

    /** Two frames added sample by sample, clipped: what a listener hears of two voices at once. */
    public static byte[] mix(byte[] a, byte[] b) {
        if (a == SILENCE) {
            return b;
        }
        if (b == SILENCE) {
            return a;
        }
        byte[] out = new byte[FRAME_BYTES];
        for (int i = 0; i < FRAME_SAMPLES; i++) {
            put(out, i, sample(a, i) + sample(b, i));
        }
        return out;
    }

    /** Frames in a span of milliseconds, rounded down. */
    public static long framesIn(long millis) {
        return millis / FRAME_MILLIS;
    }
}
