package io.branchline.box.line;

import java.util.ArrayList;
import java.util.List;

/** The readable table of {@code branchline lines}: one row per line, columns sized to their content. */
public final class LineTable {
    private static final String[] HEADERS = {"LINE", "STATE", "SIGNAL", "OPERATOR", "NUMBER", "ICCID", "IMSI", "IMEI",
        "MODEM", "PORT"};

    private LineTable() {
    }

    public static String render(List<LineView> lines) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (LineView l : lines) {
            rows.add(new String[] {l.id(), l.state(), signal(l), dash(l.operator()), dash(l.ownNumber()),
                dash(l.iccid()), dash(l.imsi()), dash(l.imei()), dash(model(l)), dash(l.port())});
        }
        int[] width = new int[HEADERS.length];
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
        for (LineView l : lines) {
            if (!l.detail().isEmpty()) {
                sb.append(l.id()).append(": ").append(l.detail()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String signal(LineView l) {
        if (l.signalDbm() == null) {
            return "-";
        }
        return l.signalDbm() + " dBm " + "▮".repeat(l.signalBars()) + "▯".repeat(5 - l.signalBars());
    }

    private static String model(LineView l) {
        return (l.manufacturer() + " " + l.model()).strip();
    }

    private static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
