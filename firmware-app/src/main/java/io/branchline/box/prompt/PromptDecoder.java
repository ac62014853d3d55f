package io.branchline.box.prompt;

import io.branchline.hw.audio.Pcm;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Turns an uploaded MP3 or WAV file into what a call plays: 8 kHz mono 16-bit PCM, converted once at
 * upload. MP3 is decoded by the mp3spi Java Sound provider (JLayer); WAV and the conversion of rate and
 * channels are Java Sound's own.
 */
public final class PromptDecoder {
    public static final long MAX_MILLIS = 60_000;
    private static final AudioFormat TARGET = new AudioFormat(Pcm.SAMPLE_RATE, 16, 1, true, false);
    private static final int MAX_BYTES = (int) (MAX_MILLIS * Pcm.SAMPLE_RATE / 1000 * 2);

    private PromptDecoder() {
    }

    public static byte[] decode(byte[] file) {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new BufferedInputStream(
                new ByteArrayInputStream(file)))) {
            AudioFormat f = in.getFormat();
            AudioInputStream pcm = in;
            if (!f.getEncoding().equals(AudioFormat.Encoding.PCM_SIGNED) || f.getSampleSizeInBits() != 16) {
                float rate = f.getSampleRate() > 0 ? f.getSampleRate() : Pcm.SAMPLE_RATE;
                AudioFormat decoded = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, rate, 16, f.getChannels(),
                        f.getChannels() * 2, rate, false);
                pcm = AudioSystem.getAudioInputStream(decoded, in);
            }
            AudioInputStream out = AudioSystem.getAudioInputStream(TARGET, pcm);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = out.read(buf)) > 0) {
                bytes.write(buf, 0, n);
                if (bytes.size() > MAX_BYTES + Pcm.FRAME_BYTES) {
                    // Stop decoding: the length is all that is wrong, and a 2-hour MP3 should not be read to say so.
                    throw PromptException.invalid("file", "is longer than " + MAX_MILLIS / 1000
                            + " s; an opening message may last at most " + MAX_MILLIS / 1000 + " s");
                }
            }
            byte[] result = bytes.toByteArray();
            if (result.length < Pcm.FRAME_BYTES) {
                throw PromptException.invalid("file", "holds no sound (shorter than 20 ms)");
            }
            return result;
        } catch (UnsupportedAudioFileException | IllegalArgumentException e) {
            throw PromptException.invalid("file", "is not audio the box can read; upload an MP3 or a WAV file");
        } catch (IOException | RuntimeException e) {
            if (e instanceof PromptException p) {
                throw p;
            }
            throw PromptException.invalid("file", "could not be decoded: " + e.getMessage());
        }
    }

    public static long millis(byte[] pcm) {
        return pcm.length / 2L * 1000 / Pcm.SAMPLE_RATE;
    }
}
