package io.branchline.hw.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * 16-bit PCM WAV files at 8 kHz as the box writes them: a 44-byte header, then interleaved samples. The
 * header's two sizes are what a player trusts, so {@link #repair} rewrites them from the file's length after
 * a crash left them behind the data.
 */
public final class WavFile {
    public static final int HEADER_BYTES = 44;

    /** What a WAV file holds: channel count, sample rate, and the raw interleaved samples. */
    public record Contents(int channels, int sampleRate, byte[] data) {
        public long frames() {
            return data.length / (2L * channels) / Pcm.FRAME_SAMPLES;
        }

        public long millis() {
            return data.length / (2L * channels) * 1000 / sampleRate;
        }

        /** One channel's samples as mono PCM (channel 0 is left). */
        public byte[] channel(int ch) {
            int block = 2 * channels;
            byte[] out = new byte[data.length / block * 2];
            for (int i = 0, o = 0; i + block <= data.length; i += block, o += 2) {
                out[o] = data[i + 2 * ch];
                out[o + 1] = data[i + 2 * ch + 1];
            }
            return out;
        }
    }

    private WavFile() {
    }

    public static ByteBuffer header(int channels, long dataBytes) {
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) (36 + dataBytes));
        h.put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        h.put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1);
        h.putShort((short) channels).putInt(Pcm.SAMPLE_RATE).putInt(Pcm.SAMPLE_RATE * 2 * channels);
        h.putShort((short) (2 * channels)).putShort((short) 16);
        h.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) dataBytes);
        return h.flip();
    }

    /** Reads a WAV file the box wrote (16-bit PCM, plain 44-byte header); the header's data size is trusted. */
    public static Contents read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        if (all.length < HEADER_BYTES || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw new IOException(file + " is not a WAV file");
        }
        int channels = b.getShort(22);
        int rate = b.getInt(24);
        int size = Math.min(b.getInt(40), all.length - HEADER_BYTES);
        byte[] data = new byte[size];
        System.arraycopy(all, HEADER_BYTES, data, 0, size);
        return new Contents(channels, rate, data);
    }

    /**
     * Makes a WAV file cut short by a crash playable: drops a torn last sample block, writes the sizes the
     * data really has, and syncs. Returns the playable length in milliseconds.
     */
    public static long repair(Path file, int channels) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long data = Math.max(0, ch.size() - HEADER_BYTES);
            data -= data % (2L * channels);
            ch.truncate(HEADER_BYTES + data);
            ch.write(header(channels, data), 0);
            ch.force(true);
            return data / (2L * channels) * 1000 / Pcm.SAMPLE_RATE;
        }
    }
}
