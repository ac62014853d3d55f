package io.branchline.hw.at.parse;

import java.util.Optional;

/**
 * Huawei ^CVOICE?: {@code ^CVOICE:<0 enabled|1 disabled>,<rate Hz>,<bits>,<frame ms>}. A single field
 * ("^CVOICE:1") does not match the four-field form: empty, and the modem has no voice port (ModemManager
 * too reports "Couldn't match ^CVOICE reply" and offers no audio path).
 */
public record VoicePort(boolean enabled, int sampleRate, int bits, int frameMillis) {

    public static Optional<VoicePort> parse(String line) {
        AtFields f = AtFields.of(line, "^CVOICE:");
        if (f.size() < 4) {
            return Optional.empty();
        }
        return Optional.of(new VoicePort(f.requireInt(0, "mode") == 0, f.requireInt(1, "rate"),
                f.requireInt(2, "bits"), f.requireInt(3, "frame")));
    }

    /** The test answer "^CVOICE:(0)": which modes the modem offers. */
    public static String supportedModes(String line) {
        String s = line.strip();
        int open = s.indexOf('(');
        int close = s.indexOf(')');
        return open >= 0 && close > open ? s.substring(open + 1, close) : "";
    }
}
