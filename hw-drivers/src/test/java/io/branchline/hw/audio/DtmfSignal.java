package io.branchline.hw.audio;

import java.io.ByteArrayOutputStream;
import java.util.Random;

/**
 * DTMF test signals made from numbers (the Mitel CM7291 tape's synthetic side, re-made): a key's two tones
 * at a level in dBm0, with twist and frequency offsets, gaps of silence, white noise, and a G.711 µ-law round
 * trip as the phone network's path gives it.
 */
final class DtmfSignal {
    static final double[] ROWS = {697, 770, 852, 941};
    static final double[] COLS = {1209, 1336, 1477, 1633};
    static final String KEYS = "123A456B789C*0#D";
    /** The RMS of a 0 dBm0 sine in 16-bit linear G.711 terms (3.17 dBm0 is full scale). */
    static final double DBM0_RMS = 32767 / Math.sqrt(2) / Math.pow(10, 3.17 / 20);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Random random;
    private double phase = 0;

    DtmfSignal(long seed) {
        this.random = new Random(seed);
    }

    /**
     * A key for {@code ms} with each tone at {@code dbm0}, the column tone {@code twistDb} weaker (negative:
     * stronger), each frequency off by its own fraction, at a random starting phase.
     */
    DtmfSignal key(char key, int ms, double dbm0, double twistDb, double rowOffset, double colOffset) {
        int i = KEYS.indexOf(key);
        double fr = ROWS[i / 4] * (1 + rowOffset);
        double fc = COLS[i % 4] * (1 + colOffset);
        double ar = DBM0_RMS * Math.sqrt(2) * Math.pow(10, dbm0 / 20);
        double ac = ar * Math.pow(10, -twistDb / 20);
        double pr = random.nextDouble() * 2 * Math.PI;
        double pc = random.nextDouble() * 2 * Math.PI;
        int n = ms * Pcm.SAMPLE_RATE / 1000;
        for (int t = 0; t < n; t++) {
            double v = ar * Math.sin(pr + 2 * Math.PI * fr * t / Pcm.SAMPLE_RATE)
                    + ac * Math.sin(pc + 2 * Math.PI * fc * t / Pcm.SAMPLE_RATE);
            put(v);
        }
        return this;
    }

    DtmfSignal key(char key, int ms, double dbm0) {
        return key(key, ms, dbm0, 0, 0, 0);
    }

    DtmfSignal silence(int ms) {
        for (int t = 0; t < ms * Pcm.SAMPLE_RATE / 1000; t++) {
            put(0);
        }
        return this;
    }

    private void put(double v) {
        int s = (int) Math.max(-32768, Math.min(32767, Math.round(v)));
        out.write(s & 0xff);
        out.write((s >> 8) & 0xff);
    }

    byte[] pcm() {
        return out.toByteArray();
    }

    /** {@code pcm} with white noise at {@code snrDb} under a signal of {@code signalDbm0} (per tone). */
    static byte[] withNoise(byte[] pcm, double signalDbm0, double snrDb, long seed) {
        Random r = new Random(seed);
        // Two tones, each at signalDbm0: the signal's power is twice one tone's.
        double signalRms = DBM0_RMS * Math.pow(10, signalDbm0 / 20) * Math.sqrt(2);
        double noiseRms = signalRms / Math.pow(10, snrDb / 20);
        byte[] out = pcm.clone();
        for (int i = 0; i + 1 < out.length; i += 2) {
            int s = (short) ((out[i] & 0xff) | (out[i + 1] << 8));
            int v = (int) Math.max(-32768, Math.min(32767, Math.round(s + r.nextGaussian() * noiseRms)));
            out[i] = (byte) v;
            out[i + 1] = (byte) (v >> 8);
        }
        return out;
    }

    /** {@code pcm} scaled by {@code db}. */
    static byte[] gain(byte[] pcm, double db) {
        double g = Math.pow(10, db / 20);
        byte[] out = pcm.clone();
        for (int i = 0; i + 1 < out.length; i += 2) {
            int s = (short) ((out[i] & 0xff) | (out[i + 1] << 8));
            int v = (int) Math.max(-32768, Math.min(32767, Math.round(s * g)));
            out[i] = (byte) v;
            out[i + 1] = (byte) (v >> 8);
        }
        return out;
    }

    /** {@code pcm} through G.711 µ-law and back, as a call's audio crosses the network. */
    static byte[] muLaw(byte[] pcm) {
        byte[] out = pcm.clone();
        for (int i = 0; i + 1 < out.length; i += 2) {
            int s = (short) ((out[i] & 0xff) | (out[i + 1] << 8));
            int v = decode(encode(s));
            out[i] = (byte) v;
            out[i + 1] = (byte) (v >> 8);
        }
        return out;
    }

    private static int encode(int pcm) {
        int sign = pcm < 0 ? 0x80 : 0;
        int mag = Math.min(Math.abs(pcm), 32635) + 0x84;
        int exponent = 7;
        for (int mask = 0x4000; (mag & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (mag >> (exponent + 3)) & 0x0f;
        return ~(sign | (exponent << 4) | mantissa) & 0xff;
    }

    private static int decode(int mu) {
        mu = ~mu & 0xff;
        int sign = mu & 0x80;
        int exponent = (mu >> 4) & 0x07;
        int mantissa = mu & 0x0f;
        int mag = ((mantissa << 3) + 0x84) << exponent;
        mag -= 0x84;
        return sign != 0 ? -mag : mag;
    }

    /** The keys the detector hears in {@code pcm}, in order. */
    static String heard(byte[] pcm) {
        StringBuilder keys = new StringBuilder();
        DtmfDetector d = new DtmfDetector(keys::append);
        for (int i = 0; i < pcm.length; i += Pcm.FRAME_BYTES) {
            d.frame(java.util.Arrays.copyOfRange(pcm, i, Math.min(pcm.length, i + Pcm.FRAME_BYTES)));
        }
        return keys.toString();
    }
}
