package io.branchline.hw.audio;

import java.io.ByteArrayOutputStream;

/**
 * What an emulated ear heard: the last {@code keepSeconds} of audio, with the count of every frame, for
 * tests that check a tone by its frequency and for a person trying the simulate mode.
 */
public final class PcmCapture {
    private int keepBytes;
    private ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private long frames;

    public PcmCapture(int keepSeconds) {
        this.keepBytes = keepSeconds * Pcm.SAMPLE_RATE * 2;
    }

    /**
     * Keeps at most the last {@code seconds} from now on; 0 only counts frames. The simulate mode keeps
     * nothing: nobody listens back there, and 16 emulated ears at 180 s each would hold 45 MB of a small box.
     */
    public synchronized void keep(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("seconds must not be negative: " + seconds);
        }
        keepBytes = seconds * Pcm.SAMPLE_RATE * 2;
        if (bytes.size() > keepBytes) {
            byte[] all = bytes.toByteArray();
            bytes = new ByteArrayOutputStream();
            bytes.write(all, all.length - keepBytes, keepBytes);
        }
    }

    public synchronized void add(byte[] frame) {
        frames++;
        if (keepBytes == 0) {
            return;
        }
        if (bytes.size() + frame.length > keepBytes) {
            byte[] all = bytes.toByteArray();
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            int from = all.length / 2;
            kept.write(all, from, all.length - from);
            bytes = kept;
        }
        bytes.writeBytes(frame);
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
