package io.branchline.hw.audio;

import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Keys as a caller's phone sends them in the voice (DTMF, ITU-T Q.23): each key's row and column tone for
 * 80 ms at -10 dBm0 each, then 80 ms of silence, as 20 ms frames. The emulated customer's keys.
 */
public final class DtmfTones {
    private static final double[] ROWS = {697, 770, 852, 941};
    private static final double[] COLS = {1209, 1336, 1477, 1633};
    private static final String KEYS = "123A456B789C*0#D";
    /** -10 dBm0 per tone, in 16-bit linear G.711 terms (3.17 dBm0 is full scale). */
    private static final double AMPLITUDE = 32767 / Math.pow(10, 3.17 / 20) * Math.pow(10, -10.0 / 20);

    private DtmfTones() {
    }

    /** The frames of {@code keys} (0-9, *, #, A-D; anything else is refused). */
    public static Queue<byte[]> frames(String keys) {
        Queue<byte[]> out = new ArrayDeque<>();
        for (char k : keys.toCharArray()) {
            int i = KEYS.indexOf(k);
            if (i < 0) {
                throw new IllegalArgumentException("not a DTMF key: " + k);
            }
            int t = 0;
            for (int f = 0; f < 4; f++) {
                byte[] frame = new byte[Pcm.FRAME_BYTES];
                for (int s = 0; s < Pcm.FRAME_SAMPLES; s++, t++) {
                    double v = AMPLITUDE * (Math.sin(2 * Math.PI * ROWS[i / 4] * t / Pcm.SAMPLE_RATE)
                            + Math.sin(2 * Math.PI * COLS[i % 4] * t / Pcm.SAMPLE_RATE));
                    Pcm.put(frame, s, (int) Math.round(v));
                }
                out.add(frame);
            }
            for (int f = 0; f < 4; f++) {
                out.add(Pcm.silence());
            }
        }
        return out;
    }
}
