package io.branchline.hw.at.parse;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** IMEI, IMSI and ICCID out of the free-form answers of AT+CGSN, AT+CIMI and the vendors' ICCID commands. */
public final class Identity {
    private static final Pattern IMEI = Pattern.compile("(?<![0-9])(\\d{15})(?![0-9])");
    private static final Pattern IMSI = Pattern.compile("(?<![0-9])(\\d{6,15})(?![0-9])");
    // ICCIDs are 19 or 20 digits, sometimes padded with F; some modems print them nibble-swapped with letters.
    private static final Pattern ICCID = Pattern.compile("(?<![0-9A-Fa-f])([0-9]{18,20}[0-9Ff]?)(?![0-9A-Za-z])");

    private Identity() {
    }

    public static Optional<String> imei(List<String> lines) {
        return first(IMEI, lines, "+CGSN:");
    }

    public static Optional<String> imsi(List<String> lines) {
        return first(IMSI, lines, "+CIMI:");
    }

    /** From "+CCID: 8986...", "+ICCID: ...", "+QCCID: ...", "^ICCID: ..." or a bare line. */
    public static Optional<String> iccid(List<String> lines) {
        for (String line : lines) {
            String s = line.replace("\"", "").strip();
            int colon = s.indexOf(':');
            if (colon >= 0) {
                s = s.substring(colon + 1).strip();
            }
            Matcher m = ICCID.matcher(s);
            if (m.find()) {
                String v = m.group(1);
                return Optional.of(v.endsWith("F") || v.endsWith("f") ? v.substring(0, v.length() - 1) : v);
            }
        }
        return Optional.empty();
    }

    /** The free text of AT+CGMI / AT+CGMM (some modems prefix "+CGMI: "). */
    public static String text(List<String> lines) {
        for (String line : lines) {
            String s = line.strip();
            int colon = s.indexOf(':');
            if (colon > 0 && colon < 8 && (s.startsWith("+") || s.startsWith("^"))) {
                s = s.substring(colon + 1).strip();
            }
            if (!s.isEmpty()) {
                return s.replace("\"", "");
            }
        }
        return "";
    }

    private static Optional<String> first(Pattern p, List<String> lines, String prefix) {
        for (String line : lines) {
            String s = line.strip();
            if (s.regionMatches(true, 0, prefix, 0, prefix.length())) {
                s = s.substring(prefix.length());
            }
            Matcher m = p.matcher(s.replace("\"", ""));
            if (m.find()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }
}
