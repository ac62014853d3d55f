package io.branchline.hw.audio;

/** Plays stored 8 kHz mono PCM once, a frame at a time; the last frame is padded with silence. */
public final class PcmPlayer implements FrameSource {
    private final byte[] pcm;
    private int offset;

    public PcmPlayer(byte[] pcm) {
        this.pcm = pcm;
    }

    @Override
    public byte[] next() {
        if (offset >= pcm.length - 1) {
            return null;
        }
        byte[] out = new byte[Pcm.FRAME_BYTES];
        int n = Math.min(Pcm.FRAME_BYTES, (pcm.length - offset) & ~1);
        System.arraycopy(pcm, offset, out, 0, n);
        offset += Pcm.FRAME_BYTES;
        return out;
    }
}
