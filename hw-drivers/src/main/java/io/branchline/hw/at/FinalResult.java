package io.branchline.hw.at;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line that ends a command: OK, an error, a call failure, CONNECT, or the SMS prompt.
 *
 * @param type what kind of ending
 * @param code the numeric +CME/+CMS code; for a verbose error the code that 27.007 gives that text, or -1
 * @param text the error text as the modem sent it (verbose form), or the whole line
 */
public record FinalResult(Type type, int code, String text) {

    public enum Type {
        OK, ERROR, CME_ERROR, CMS_ERROR, NO_CARRIER, BUSY, NO_ANSWER, NO_DIALTONE, CONNECT, PROMPT;

        public boolean isSuccess() {
            return this == OK || this == CONNECT || this == PROMPT;
        }

        /** The call-progress finals that end ATD: outside a dial they are in-call URCs. */
        public boolean isCallFailure() {
            return this == NO_CARRIER || this == BUSY || this == NO_ANSWER || this == NO_DIALTONE;
        }
    }

    private static final Pattern CME = Pattern.compile("^\\+(CME|CMS) ERROR:\\s*(.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern MODEM_ERROR = Pattern.compile("^MODEM ERROR:\\s*(\\d+)$");

    public boolean isSuccess() {
        return type.isSuccess();
    }

    /** Recognises a whole line as a final result, the call-progress ones included. */
    public static Optional<FinalResult> parse(String rawLine) {
        String line = rawLine.trim();
        switch (line.toUpperCase(Locale.ROOT)) {
            case "OK" -> {
                return Optional.of(new FinalResult(Type.OK, -1, line));
            }
            // Huawei says COMMAND NOT SUPPORT and TOO MANY PARAMETERS where others say ERROR.
            case "ERROR", "COMMAND NOT SUPPORT", "TOO MANY PARAMETERS", "NA" -> {
                return Optional.of(new FinalResult(Type.ERROR, -1, line));
            }
            case "NO CARRIER" -> {
                return Optional.of(new FinalResult(Type.NO_CARRIER, -1, line));
            }
            case "BUSY" -> {
                return Optional.of(new FinalResult(Type.BUSY, -1, line));
            }
            case "NO ANSWER" -> {
                return Optional.of(new FinalResult(Type.NO_ANSWER, -1, line));
            }
            case "NO DIALTONE", "NO DIAL TONE" -> {
                return Optional.of(new FinalResult(Type.NO_DIALTONE, -1, line));
            }
            default -> {
                // fall through to the patterned forms
            }
        }
        if (line.equals("CONNECT") || line.startsWith("CONNECT ")) {
            return Optional.of(new FinalResult(Type.CONNECT, -1, line));
        }
        Matcher m = CME.matcher(line);
        if (m.matches()) {
            Type type = m.group(1).equalsIgnoreCase("CME") ? Type.CME_ERROR : Type.CMS_ERROR;
            String detail = m.group(2).trim();
            if (detail.matches("\\d+")) {
                return Optional.of(new FinalResult(type, Integer.parseInt(detail), line));
            }
            int code = type == Type.CME_ERROR ? CmeErrors.codeOf(detail) : -1;
            return Optional.of(new FinalResult(type, code, detail));
        }
        Matcher me = MODEM_ERROR.matcher(line);
        if (me.matches()) {
            return Optional.of(new FinalResult(Type.ERROR, Integer.parseInt(me.group(1)), line));
        }
        return Optional.empty();
    }

    static FinalResult prompt() {
        return new FinalResult(Type.PROMPT, -1, "> ");
    }

    @Override
    public String toString() {
        return switch (type) {
            case CME_ERROR, CMS_ERROR -> (type == Type.CME_ERROR ? "+CME ERROR: " : "+CMS ERROR: ")
                    + (code >= 0 ? code + (text.matches("(?i)\\+CM[ES] ERROR.*") ? "" : " (" + text + ")") : text);
            default -> text;
        };
    }
}
