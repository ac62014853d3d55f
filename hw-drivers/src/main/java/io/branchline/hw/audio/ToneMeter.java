package io.branchline.hw.audio;

/**
 * How strong one frequency is in a stretch of 8 kHz mono PCM (the Goertzel algorithm, as DTMF detectors
 * use): lets tests and the doctor tell which tone is in which channel, and when, without trusting file
 * sizes.
 */
public final class ToneMeter {
    private ToneMeter() {
    }

    /** The tone's share of the signal's energy in {@code [fromSample, toSample)}, 0..1. */
    public static double share(byte[] pcm, int fromSample, int toSample, double hz) {
        int n = toSample - fromSample;
        if (n <= 0) {
            return 0;
        }
        double k = 2 * Math.cos(2 * Math.PI * hz / Pcm.SAMPLE_RATE);
        double s1 = 0;
        double s2 = 0;
        double energy = 0;
        for (int i = fromSample; i < toSample; i++) {
            double x = Pcm.sample(pcm, i);
            energy += x * x;
            double s0 = x + k * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        if (energy == 0) {
            return 0;
        }
        double power = s1 * s1 + s2 * s2 - k * s1 * s2;
        return Math.min(1, 2 * power / (n * energy));
    }

    /** Share over a span given in milliseconds from the start. */
    public static double shareBetween(byte[] pcm, long fromMs, long toMs, double hz) {
        int total = pcm.length / 2;
        int from = (int) Math.min(total, fromMs * Pcm.SAMPLE_RATE / 1000);
        int to = (int) Math.min(total, toMs * Pcm.SAMPLE_RATE / 1000);
        return share(pcm, from, to, hz);
    }

    /** Root-mean-square level of the span, 0..32767: tells silence from sound. */
    public static double rms(byte[] pcm, long fromMs, long toMs) {
        int total = pcm.length / 2;
        int from = (int) Math.min(total, fromMs * Pcm.SAMPLE_RATE / 1000);
        int to = (int) Math.min(total, toMs * Pcm.SAMPLE_RATE / 1000);
        if (to <= from) {
            return 0;
        }
        double e = 0;
        for (int i = from; i < to; i++) {
            double x = Pcm.sample(pcm, i);
            e += x * x;
        }
        return Math.sqrt(e / (to - from));
    }
}
