package io.branchline.box.prompt;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * A waiting caller's place in a queue, spoken in Chinese from the box's own clips (made once with
 * espeak-ng by {@code scripts/make-voice.sh}): 您前面还有 N 位客户在等候，请稍候, or 您是下一位 for the first.
 * Up to 99 is said as a number; more is said as 99.
 */
public final class SpokenPosition {
    private final Map<String, byte[]> clips = new HashMap<>();

    public SpokenPosition() {
        for (String name : new String[] {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "ahead", "waiting",
                "next"}) {
            clips.put(name, BoxVoice.clip(name));
        }
    }

    /** What a caller with {@code ahead} callers before them hears (8 kHz PCM). */
    public byte[] ahead(int ahead) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (ahead <= 0) {
            out.writeBytes(clips.get("next"));
            return out.toByteArray();
        }
        out.writeBytes(clips.get("ahead"));
        for (String part : words(Math.min(ahead, 99)).split(" ")) {
            out.writeBytes(clips.get(part));
        }
        out.writeBytes(clips.get("waiting"));
        return out.toByteArray();
    }

    /** 1..99 as the clips that say it: 7 → "7", 10 → "10", 13 → "10 3", 20 → "2 10", 45 → "4 10 5". */
    static String words(int n) {
        if (n < 10) {
            return String.valueOf(n);
        }
        String tens = n / 10 == 1 ? "10" : n / 10 + " 10";
        return n % 10 == 0 ? tens : tens + " " + n % 10;
    }
}
