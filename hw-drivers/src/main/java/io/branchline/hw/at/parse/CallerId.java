package io.branchline.hw.at.parse;

import java.util.OptionalInt;

/**
 * The caller of an incoming call, from +CLIP ({@code <number>,<type>[,<subaddr>,<satype>,<alpha>,<CLI
 * validity>]}) or a call-waiting +CCWA ({@code <number>,<type>,<class>[,...]}). Trailing empty fields are fine.
 *
 * @param validity 0 shown, 1 withheld by the caller, 2 not available
 */
public record CallerId(String number, int type, OptionalInt validity) {

    public static CallerId parseClip(String payload) {
        AtFields f = AtFields.of(payload, "+CLIP:");
        return new CallerId(Ucs2Text.maybeDecodeNumber(f.textOrEmpty(0).strip()), f.integer(1).orElse(129),
                f.integer(5));
    }

    /** For +CCWA the third field is the class (1 = voice). */
    public static CallerId parseCcwa(String payload) {
        AtFields f = AtFields.of(payload, "+CCWA:");
        return new CallerId(Ucs2Text.maybeDecodeNumber(f.textOrEmpty(0).strip()), f.integer(1).orElse(129),
                OptionalInt.empty());
    }

    public boolean withheld() {
        return number.isEmpty() || validity.orElse(0) != 0;
    }
}
