package io.branchline.hw.at.parse;

import java.util.Locale;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Network registration from +CREG / +CGREG / +CEREG / +C5GREG.
 * The answer to AT+CREG? is {@code <n>,<stat>[,<lac>,<ci>[,<act>]]}; the URC is
 * {@code <stat>[,<lac>,<ci>[,<act>]]}: the caller says which it has, since the bytes alone cannot (a URC in
 * the answer's layout, four fields with a bare small second one, is read with its {@code <n>}).
 */
public record Registration(String kind, OptionalInt n, Status status, OptionalLong lac, OptionalLong ci,
                           OptionalInt act) {

    public enum Status {
        NOT_REGISTERED, HOME, SEARCHING, DENIED, UNKNOWN, ROAMING, HOME_SMS_ONLY, ROAMING_SMS_ONLY, EMERGENCY_ONLY,
        HOME_CSFB_NOT_PREFERRED, ROAMING_CSFB_NOT_PREFERRED;

        static Status of(int stat) {
            Status[] all = values();
            return stat >= 0 && stat < all.length ? all[stat] : UNKNOWN;
        }

        public boolean registered() {
            return this == HOME || this == ROAMING || this == HOME_SMS_ONLY || this == ROAMING_SMS_ONLY
                    || this == HOME_CSFB_NOT_PREFERRED || this == ROAMING_CSFB_NOT_PREFERRED;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public static Registration parseSolicited(String line) {
        return parse(line, true);
    }

    public static Registration parseUrc(String line) {
        return parse(line, false);
    }

    private static Registration parse(String line, boolean solicited) {
        String s = line.strip();
        int colon = s.indexOf(':');
        if (colon < 0) {
            throw new AtParseException("not a registration line: \"" + line + "\"");
        }
        String kind = s.substring(0, colon).replace("+", "");
        String payload = s.substring(colon + 1);
        if (countQuotes(payload) % 2 != 0) {
            // Gammu's "mismatched quotes" dump: refuse rather than invent a LAC and cell.
            throw new AtParseException("unbalanced quotes in \"" + line + "\"");
        }
        AtFields f = AtFields.split(payload);
        // Some modems send the URC in the answer's layout (Sony-Ericsson MD400 "2,5,"0502","0404736D"",
        // Samsung S8500 "2,1,000B,2816, B, C2816", Alcatel X220 "2,1, 81ED, 1A9CEB"): read as ModemManager does.
        boolean withN = solicited || answerLayout(payload);
        int base = withN ? 1 : 0;
        OptionalInt n = withN ? OptionalInt.of(f.requireInt(0, "n")) : OptionalInt.empty();
        // "+CREG: 2,," is a URC with an empty LAC and cell; stat is still there.
        int stat = f.requireInt(base, "stat");
        return new Registration(kind, n, Status.of(stat), f.hex(base + 1), f.hex(base + 2), f.integer(base + 3));
    }

    /** {@code <n>,<stat>,<lac>,<ci>...}: four fields or more, the second a bare small {@code <stat>}. */
    private static boolean answerLayout(String payload) {
        String[] raw = payload.split(",", -1);
        return raw.length >= 4 && raw[0].strip().matches("[0-3]") && raw[1].strip().matches("\\d{1,2}");
    }

    private static int countQuotes(String s) {
        return (int) s.chars().filter(c -> c == '"').count();
    }
}
