package io.branchline.hw.audio;

import java.util.function.Consumer;

/**
 * In-band DTMF detection on the box's 8 kHz 16-bit PCM, so that every line can run a switchboard menu,
 * whatever its modem reports. Goertzel filters for the four row and four column tones over blocks of 102
 * samples (12.75 ms, Asterisk's {@code DTMF_GSIZE}); a block is a key when its strongest row and column
 * tones carry nearly all of its energy, stand 8 dB over the other tones of their group, are loud enough,
 * and keep the twist within 8 dB normal / 4 dB reverse (ITU-T Q.24, as Asterisk and spandsp take it, with
 * a dB to spare for normal twist and half a dB for reverse). Tones 1.5 % off are heard and 3.5 % off are
 * not, but for 697 Hz 3.5 % low (673 Hz): a block this short cannot tell those apart, as Asterisk's cannot. A key
 * begins after two such blocks in a row and ends after three without it, so that tones of 40 ms and more
 * are heard, shorter than 20 ms are not, and speech is rarely taken for a key.
 */
public final class DtmfDetector {
    static final int BLOCK = 102;
    private static final double[] ROWS = {697, 770, 852, 941};
    private static final double[] COLS = {1209, 1336, 1477, 1633};
    private static final char[][] KEYS = {{'1', '2', '3', 'A'}, {'4', '5', '6', 'B'}, {'7', '8', '9', 'C'},
        {'*', '0', '#', 'D'}};
    private static final double[] ROW_COEF = coefficients(ROWS);
    private static final double[] COL_COEF = coefficients(COLS);
    /**
     * Normal twist (the column tone weaker than the row tone): 9 dB, so that the 8 dB Q.24 asks for is
     * heard every time and not nearly every time, at the edge.
     */
    static final double NORMAL_TWIST = 7.94;
    /** Reverse twist (the row tone weaker): 4.5 dB, for the 4 dB of Q.24 likewise. */
    static final double REVERSE_TWIST = 2.82;
    /** The chosen tone of a group over each other tone of it: 8 dB. */
    static final double RELATIVE_PEAK = 6.31;
    /**
     * The two tones' share of the block's energy: 1.5 dB from all of it (spandsp: 0.85 dB), which hears
     * 99.9 % instead of 99.4 % of keys under 15 dB noise through µ-law and still takes no speech for a key
     * (scripts/bench-dtmf.sh).
     */
    static final double TONE_SHARE = 0.82;
    /** A tone's least power (mean square of its part of the signal): about -42 dBm0 for 16-bit G.711 audio. */
    static final double MIN_TONE_POWER = 120.0 * 120.0;
    static final int HITS_TO_BEGIN = 2;
    static final int MISSES_TO_END = 3;

    private final Consumer<Character> onKey;
    private final double[] block = new double[BLOCK];
    private int filled;
    private char candidate;
    private int hits;
    private char current;
    private int misses;

    /** @param onKey hears each key once, when it begins (0-9, *, #, A-D) */
    public DtmfDetector(Consumer<Character> onKey) {
        this.onKey = onKey;
    }

    private static double[] coefficients(double[] freqs) {
        double[] c = new double[freqs.length];
        for (int i = 0; i < freqs.length; i++) {
            c[i] = 2 * Math.cos(2 * Math.PI * freqs[i] / Pcm.SAMPLE_RATE);
        }
        return c;
    }

    /** One frame of 16-bit little-endian samples (any whole number of samples). */
    public void frame(byte[] pcm) {
        for (int i = 0; i + 1 < pcm.length; i += 2) {
            sample((short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8)));
        }
    }

    public void sample(short s) {
        block[filled++] = s;
        if (filled == BLOCK) {
            filled = 0;
            step(key(block));
        }
    }

    /** The key one block holds, or 0 for none. */
    static char key(double[] x) {
        double total = 0;
        for (double v : x) {
            total += v * v;
        }
        if (total == 0) {
            return 0;
        }
        double[] row = powers(x, ROW_COEF);
        double[] col = powers(x, COL_COEF);
        int r = strongest(row);
        int c = strongest(col);
        double rp = row[r];
        double cp = col[c];
        if (rp < MIN_TONE_POWER || cp < MIN_TONE_POWER) {
            return 0;
        }
        if (cp < rp ? rp > cp * NORMAL_TWIST : cp > rp * REVERSE_TWIST) {
            return 0;
        }
        for (int i = 0; i < 4; i++) {
            if ((i != r && row[i] * RELATIVE_PEAK > rp) || (i != c && col[i] * RELATIVE_PEAK > cp)) {
                return 0;
            }
        }
        // Each tone's power is the mean square of its part: together they must be nearly all of the block.
        if ((rp + cp) * x.length < TONE_SHARE * total) {
            return 0;
        }
        return KEYS[r][c];
    }

    /**
     * The power of each tone in the block: the Goertzel filter's squared magnitude, scaled so that a sine
     * of amplitude A gives about A²/2, its mean square.
     */
    private static double[] powers(double[] x, double[] coef) {
        double[] p = new double[coef.length];
        double n = x.length;
        for (int k = 0; k < coef.length; k++) {
            double s1 = 0;
            double s2 = 0;
            for (double v : x) {
                double s0 = v + coef[k] * s1 - s2;
                s2 = s1;
                s1 = s0;
            }
            double mag2 = s1 * s1 + s2 * s2 - coef[k] * s1 * s2;
            p[k] = 2 * mag2 / (n * n);
        }
        return p;
    }

    private static int strongest(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }

    private void step(char k) {
        if (k != 0 && k == candidate) {
            hits++;
        } else {
            candidate = k;
            hits = k == 0 ? 0 : 1;
        }
        if (current != 0) {
            if (k == current) {
                misses = 0;
            } else if (++misses >= MISSES_TO_END) {
                current = 0;
                misses = 0;
            }
        }
        if (current == 0 && k != 0 && hits >= HITS_TO_BEGIN) {
            current = k;
            misses = 0;
            onKey.accept(k);
        }
    }
}
