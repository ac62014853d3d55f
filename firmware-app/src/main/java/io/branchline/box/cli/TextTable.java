package io.branchline.box.cli;

import java.util.List;

/** Plain-text tables for the CLI: columns as wide as their widest cell, two spaces apart, no borders. */
final class TextTable {
    private TextTable() {
    }

    static String render(List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                sb.append(i == r.length - 1 ? r[i] : String.format("%-" + (width[i] + 2) + "s", r[i]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
