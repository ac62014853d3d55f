package io.branchline.box.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The box's own spoken clips in Chinese (8 kHz, made once with espeak-ng by {@code scripts/make-voice.sh}
 * and shipped in its jar): the queue's position announcement, and what a group call's customer hears when no
 * agent is free and the task has no message of the office's own.
 */
public final class BoxVoice {
    private static final String DIR = "/voice/zh-CN/";
    /** 您好，客服暂时都在忙，稍后再与您联系，再见。 */
    public static final String NO_AGENT = "no-agent";

    private BoxVoice() {
    }

    /** The clip's 8 kHz PCM. */
    public static byte[] clip(String name) {
        try (InputStream in = BoxVoice.class.getResourceAsStream(DIR + name + ".wav")) {
            if (in == null) {
                throw new IllegalStateException("the box's voice clip " + name + " is missing from its jar");
            }
            return PromptDecoder.decode(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
