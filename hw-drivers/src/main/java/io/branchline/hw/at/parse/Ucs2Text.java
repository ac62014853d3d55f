package io.branchline.hw.at.parse;

/**
 * Text a modem sends in the UCS2 character set (after AT+CSCS="UCS2", which some firmwares set themselves
 * or keep from another program): each character as four hex digits, {@code "4E2D56FD79FB52A8"} for 中国移动.
 * Decoded only when it can be nothing else - at least two characters' worth of hex, whole characters, and
 * printable text once decoded - as ModemManager does with operator names it finds hex-encoded.
 */
public final class Ucs2Text {
    private Ucs2Text() {
    }

    /** {@code s} decoded from UCS2 hex when it is that, else {@code s} as it is. */
    public static String maybeDecode(String s) {
        if (s.length() < 8 || s.length() % 4 != 0 || !s.matches("[0-9A-Fa-f]+")) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() / 4);
        for (int i = 0; i < s.length(); i += 4) {
            char c = (char) Integer.parseInt(s.substring(i, i + 4), 16);
            if (Character.isISOControl(c) || Character.isSurrogate(c) || !Character.isDefined(c)
                    || Character.getType(c) == Character.PRIVATE_USE) {
                return s;
            }
            b.append(c);
        }
        return b.toString();
    }

    /** A phone number decoded from UCS2 hex ({@code "002B00380036..."}) when it is one, else {@code s}. */
    public static String maybeDecodeNumber(String s) {
        String d = maybeDecode(s);
        return d.matches("\\+?[0-9*#]+") ? d : s;
    }
}
