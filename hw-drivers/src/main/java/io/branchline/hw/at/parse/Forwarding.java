package io.branchline.hw.at.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * One class of AT+CCFC=<reason>,2 (27.007 7.11):
 * {@code +CCFC: <status>,<class>[,<number>,<type>[,<subaddr>,<satype>[,<time>]]]}; status 1 is active.
 */
public record Forwarding(boolean active, int serviceClass, String number, OptionalInt type) {

    public static List<Forwarding> parse(List<String> lines) {
        List<Forwarding> out = new ArrayList<>();
        for (String line : lines) {
            if (!line.strip().regionMatches(true, 0, "+CCFC:", 0, 6)) {
                continue;
            }
            AtFields f = AtFields.of(line, "+CCFC:");
            out.add(new Forwarding(f.requireInt(0, "status") == 1, f.requireInt(1, "class"),
                    f.textOrEmpty(2).strip(), f.integer(3)));
        }
        return out;
    }

    /** Whether voice calls (class 1 alone or within a combined class) are forwarded to {@code number}. */
    public static boolean voiceForwardedTo(List<Forwarding> entries, String number) {
        return entries.stream().anyMatch(e -> e.active && (e.serviceClass & 1) == 1 && sameNumber(e.number, number));
    }

    /** Whether no voice forwarding is active at all. */
    public static boolean voiceNotForwarded(List<Forwarding> entries) {
        return entries.stream().noneMatch(e -> e.active && (e.serviceClass & 1) == 1);
    }

    // Networks echo numbers back with or without the international prefix; compare the trailing digits.
    private static boolean sameNumber(String a, String b) {
        String x = a.replaceAll("[^0-9]", "");
        String y = b.replaceAll("[^0-9]", "");
        int n = Math.min(x.length(), y.length());
        return n >= 6 && x.substring(x.length() - n).equals(y.substring(y.length() - n));
    }
}
