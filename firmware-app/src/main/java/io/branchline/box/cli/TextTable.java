package io.branchline.box.cli;

import java.util.List;

/**
 * Plain-text tables for the CLI: columns as wide as their widest cell on a terminal (Chinese characters take
 * two columns), two spaces apart, no borders; control characters in the data are shown, never sent.
 */
final class TextTable {
    private TextTable() {
    }

    static String render(List<String[]> rows) {
        List<String[]> safe = rows.stream().map(r -> java.util.Arrays.stream(r).map(TerminalText::safe)
                .toArray(String[]::new)).toList();
        int[] width = new int[safe.get(0).length];
        for (String[] r : safe) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], TerminalText.width(r[i]));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : safe) {
            for (int i = 0; i < r.length; i++) {
                sb.append(i == r.length - 1 ? r[i] : TerminalText.pad(r[i], width[i] + 2));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
