package io.branchline.box.cli;

import io.branchline.box.store.StoredText;

/**
 * Text from the box's data as a terminal may show it: control characters (an ESC that would recolour or
 * move the cursor, a CR that would overwrite the line) shown as {@code \xNN}, and the width a terminal gives
 * it, wide (CJK) characters counting two columns, so that tables with Chinese names line up.
 */
final class TerminalText {
    private TerminalText() {
    }

    static String safe(String s) {
        return s == null ? "" : StoredText.printable(s);
    }

    /** Columns a terminal gives {@code s} (already safe). */
    static int width(String s) {
        return s.codePoints().map(TerminalText::columns).sum();
    }

    /** {@code s} padded with spaces to {@code columns}. */
    static String pad(String s, int columns) {
        return s + " ".repeat(Math.max(0, columns - width(s)));
    }

    private static int columns(int c) {
        Character.UnicodeBlock b = Character.UnicodeBlock.of(c);
        boolean wide = (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3)
                || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60)
                || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) || (c >= 0x20000 && c <= 0x3FFFD);
        if (b == Character.UnicodeBlock.COMBINING_DIACRITICAL_MARKS) {
            return 0;
        }
        return wide ? 2 : 1;
    }
}
