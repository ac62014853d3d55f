package io.branchline.box.store;

/**
 * A free-text field the box stores (a reason, a name, a label): stripped, at most so many characters, and
 * without control characters, which a terminal or a log would act on when the text is shown later.
 */
public final class StoredText {
    private StoredText() {
    }

    /**
     * {@code value} stripped, or "" for null; throws IllegalArgumentException naming {@code field} when it is
     * too long or holds a control character.
     */
    public static String check(String field, String value, int max) {
        String v = value == null ? "" : value.strip();
        if (v.codePointCount(0, v.length()) > max) {
            throw new IllegalArgumentException(field + ": at most " + max + " characters");
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException(String.format("%s: holds control character 0x%02X at position %d",
                        field, (int) c, i + 1));
            }
        }
        return v;
    }

    /**
     * {@code s} with control characters shown as {@code \\xNN}, and the characters that reorder or break a
     * terminal's line (bidi controls, line and paragraph separators) as {@code \\uNNNN}: for a log line, an
     * answer or a terminal.
     */
    public static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                b.append(String.format("\\x%02X", c));
            } else if (c == 0x2028 || c == 0x2029 || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
                b.append(String.format("\\u%04X", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
