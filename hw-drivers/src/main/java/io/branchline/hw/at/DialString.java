package io.branchline.hw.at;

/**
 * A number that may be dialled: only {@code 0-9 + * #}, 1 to 40 characters. Anything else (letters,
 * spaces, {@code ;}, CR, an AT fragment) is refused here, naming the field, before it can reach a modem.
 */
public record DialString(String digits) {
    public static final int MAX_LENGTH = 40;

    public DialString {
        check("number", digits);
    }

    public static DialString of(String field, String value) {
        check(field, value);
        return new DialString(value);
    }

    private static void check(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidAtArgumentException(field, "is empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidAtArgumentException(field, "is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || c == '+' || c == '*' || c == '#';
            if (!ok) {
                throw new InvalidAtArgumentException(field, "may hold only digits, +, * and #; found "
                        + describe(c) + " at position " + (i + 1));
            }
        }
    }

    private static String describe(char c) {
        return c < 0x20 || c == 0x7f ? String.format("control character 0x%02X", (int) c) : "'" + c + "'";
    }

    /** 27.007 type of address: 145 for an international number (leading +), 129 otherwise. */
    public int typeOfAddress() {
        return digits.startsWith("+") ? 145 : 129;
    }

    @Override
    public String toString() {
        return digits;
    }
}
