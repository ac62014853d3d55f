package io.branchline.hw.at.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * One call of AT+CLCC (27.007 7.18):
 * {@code +CLCC: <id>,<dir>,<stat>,<mode>,<mpty>[,<number>,<type>[,<alpha>[,<priority>[,<cli validity>]]]]}.
 * The number is kept as text: networks send "+7913913ABCA" and withheld callers an empty string.
 */
public record CallEntry(int index, boolean incoming, State state, int mode, boolean multiparty, String number,
                        OptionalInt type, String alpha) {

    public enum State {
        ACTIVE, HELD, DIALING, ALERTING, INCOMING, WAITING, UNKNOWN;

        static State of(int stat) {
            return stat >= 0 && stat <= 5 ? values()[stat] : UNKNOWN;
        }
    }

    public static CallEntry parse(String line) {
        AtFields f = AtFields.of(line, "+CLCC:");
        return new CallEntry(f.requireInt(0, "id"), f.requireInt(1, "dir") == 1, State.of(f.requireInt(2, "stat")),
                f.requireInt(3, "mode"), f.integer(4).orElse(0) == 1,
                Ucs2Text.maybeDecodeNumber(f.textOrEmpty(5).strip()), f.integer(6), Ucs2Text.maybeDecode(f.textOrEmpty(7)));
    }

    /** Every +CLCC line among {@code lines}; other lines (URCs that a modem mixed in) are skipped. */
    public static List<CallEntry> parseList(List<String> lines) {
        List<CallEntry> calls = new ArrayList<>();
        for (String l : lines) {
            if (l.strip().regionMatches(true, 0, "+CLCC:", 0, 6)) {
                calls.add(parse(l));
            }
        }
        return calls;
    }
}
