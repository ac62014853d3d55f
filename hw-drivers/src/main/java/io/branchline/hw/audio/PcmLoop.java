package io.branchline.hw.audio;

/**
 * Stored 8 kHz PCM played again and again until it is dropped: a queue's hold audio. The ringback tone of
 * Chinese exchanges (450 Hz, 1 s on, 4 s off) is the hold audio when the office chose none, so that a
 * waiting caller never hears dead air.
 */
public final class PcmLoop implements FrameSource {
    /** The ringback cadence's level: about -13 dBm0, as exchanges send it. */
    private static final int RINGBACK_AMPLITUDE = 5200;
    private final byte[] pcm;
    private int offset;

    public PcmLoop(byte[] pcm) {
        if (pcm.length < Pcm.FRAME_BYTES) {
            throw new IllegalArgumentException("a loop needs at least one frame of audio, not " + pcm.length + " bytes");
        }
        this.pcm = pcm;
    }

    /** One cycle of the ringback tone: 1 s of 450 Hz, then 4 s of silence. */
    public static byte[] ringbackCycle() {
        byte[] out = new byte[5 * Pcm.SAMPLE_RATE * 2];
        for (int i = 0; i < Pcm.SAMPLE_RATE; i++) {
            Pcm.put(out, i, (int) Math.round(RINGBACK_AMPLITUDE * Math.sin(2 * Math.PI * 450 * i / Pcm.SAMPLE_RATE)));
        }
        return out;
    }

    @Override
    public byte[] next() {
        byte[] out = new byte[Pcm.FRAME_BYTES];
        int filled = 0;
        while (filled < out.length) {
            int n = Math.min(out.length - filled, (pcm.length - offset) & ~1);
            System.arraycopy(pcm, offset, out, filled, n);
            filled += n;
            offset += n;
            if (offset >= pcm.length - 1) {
                offset = 0;
            }
        }
        return out;
    }
}
