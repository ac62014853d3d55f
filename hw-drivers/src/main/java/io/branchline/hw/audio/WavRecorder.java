package io.branchline.hw.audio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a call to a stereo WAV file (left: what the far party was sent, our side; right: what the far
 * party said). Frames are queued from the clock's thread and written by the recorder's own thread; every
 * second the header is brought up to date and the file synced, so that kill -9 or a power cut leaves a
 * playable file up to the last second. {@link #finish} pads or trims to the exact length asked, syncs the
 * file and its directory, and only then returns: the caller may mark the recording present.
 */
public final class WavRecorder {
    private static final Logger log = LoggerFactory.getLogger(WavRecorder.class);
    private static final int CHANNELS = 2;
    private static final int BLOCK = Pcm.FRAME_SAMPLES * 2 * CHANNELS;
    private static final int SYNC_EVERY_FRAMES = 1000 / Pcm.FRAME_MILLIS;
    private static final byte[][] END = new byte[0][];

    private final Path file;
    private final FileChannel channel;
    private final LinkedBlockingQueue<byte[][]> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile long frames;
    private volatile IOException failure;

    private WavRecorder(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
        this.writer = Thread.ofVirtual().name("recorder " + file.getFileName()).start(this::write);
    }

    /** Creates the file (and its directories) with an empty header, synced, so that it exists after a crash. */
    public static WavRecorder start(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        ch.write(WavFile.header(CHANNELS, 0));
        ch.force(true);
        syncDirectory(file.getParent());
        return new WavRecorder(file, ch);
    }

    public Path file() {
        return file;
    }

    /** One 20 ms frame of each channel; never blocks. */
    public void frame(byte[] left, byte[] right) {
        if (failure == null) {
            queue.add(new byte[][] {left, right});
        }
    }

    /** Frames on disk so far. */
    public long frames() {
        return frames;
    }

    /**
     * Writes what is queued, makes the file exactly {@code frames} long (silence pads a short one; a long one
     * loses its tail) and syncs it. Returns the frame count on disk.
     */
    public long finish(long exactFrames) throws IOException {
        queue.add(END);
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while finishing " + file, e);
        }
        if (failure != null) {
            channel.close();
            throw failure;
        }
        try (channel) {
            if (exactFrames >= 0) {
                ByteBuffer silence = ByteBuffer.allocate(BLOCK);
                while (frames < exactFrames) {
                    channel.write(silence.clear(), WavFile.HEADER_BYTES + frames * BLOCK);
                    frames++;
                }
                if (frames > exactFrames) {
                    frames = exactFrames;
                    channel.truncate(WavFile.HEADER_BYTES + frames * BLOCK);
                }
            }
            channel.write(WavFile.header(CHANNELS, frames * BLOCK), 0);
            channel.force(true);
        }
        return frames;
    }

    /** Stops without the final touches (the box is going down hard): what is on disk stays as it is. */
    public void abandon() {
        writer.interrupt();
    }

    private void write() {
        ByteBuffer block = ByteBuffer.allocate(BLOCK);
        long unsynced = 0;
        try {
            while (true) {
                byte[][] f = queue.take();
                if (f == END) {
                    return;
                }
                block.clear();
                for (int i = 0; i < Pcm.FRAME_SAMPLES; i++) {
                    block.put(f[0][2 * i]).put(f[0][2 * i + 1]).put(f[1][2 * i]).put(f[1][2 * i + 1]);
                }
                block.flip();
                channel.write(block, WavFile.HEADER_BYTES + frames * BLOCK);
                frames++;
                if (++unsynced >= SYNC_EVERY_FRAMES) {
                    channel.write(WavFile.header(CHANNELS, frames * BLOCK), 0);
                    channel.force(false);
                    unsynced = 0;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            failure = e;
            log.error("event=recording-write-failed file={} error=\"{}\"", file, e.getMessage());
            queue.clear();
        }
    }

    static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UncheckedIOException e) {
            // Not every file system lets a directory be synced; the file itself is.
        }
    }
}
