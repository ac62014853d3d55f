package io.branchline.hw.audio;

import java.io.ByteArrayOutputStream;

/**
 * What an emulated ear heard: the last {@code keepSeconds} of audio, with the count of every frame, for
 * tests that check a tone by its frequency and for a person trying the simulate mode.
 */
public final class PcmCapture {
    private final int keepBytes;
    private ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private long frames;

    public PcmCapture(int keepSeconds) {
        this.keepBytes = keepSeconds * Pcm.SAMPLE_RATE * 2;
    }

    public synchronized void add(byte[] frame) {
        if (bytes.size() + frame.length > keepBytes) {
            byte[] all = bytes.toByteArray();
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            int from = all.length / 2;
            kept.write(all, from, all.length - from);
            bytes = kept;
        }
        bytes.writeBytes(frame);
        frames++;
    }

    public synchronized byte[] bytes() {
        return bytes.toByteArray();
    }

    public synchronized long frames() {
        return frames;
    }

    public synchronized void clear() {
        bytes = new ByteArrayOutputStream();
    }
}
