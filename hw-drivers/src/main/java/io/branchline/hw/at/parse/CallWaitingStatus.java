package io.branchline.hw.at.parse;

import java.util.List;

/**
 * The answer to AT+CCWA=1,2: one {@code +CCWA: <status>,<class>} per class. Status must be 0 or 1; any
 * other value is an error, as ModemManager treats it.
 */
public record CallWaitingStatus(boolean voiceEnabled) {

    public static CallWaitingStatus parse(List<String> lines) {
        boolean voice = false;
        for (String line : lines) {
            if (!line.strip().regionMatches(true, 0, "+CCWA:", 0, 6)) {
                continue;
            }
            AtFields f = AtFields.of(line, "+CCWA:");
            int status = f.requireInt(0, "status");
            int cls = f.requireInt(1, "class");
            if (status != 0 && status != 1) {
                throw new AtParseException("call waiting status " + status + " is neither 0 nor 1");
            }
            if (status == 1 && (cls & 1) == 1) {
                voice = true;
            }
        }
        return new CallWaitingStatus(voice);
    }
}
