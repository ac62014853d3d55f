package io.branchline.hw.audio;

/**
 * One 20 ms frame as it arrived from an endpoint, stamped with {@link System#nanoTime()} on arrival so that
 * gaps and late frames show.
 */
public record Frame(byte[] pcm, long arrivedNanos) {
    public Frame {
        if (pcm.length != Pcm.FRAME_BYTES) {
            throw new IllegalArgumentException("a frame holds " + Pcm.FRAME_BYTES + " bytes, not " + pcm.length);
        }
    }
}
