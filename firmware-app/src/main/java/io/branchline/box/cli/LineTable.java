package io.branchline.box.cli;

import static io.branchline.box.cli.TextTable.dash;

import io.branchline.box.line.LineView;
import java.util.ArrayList;
import java.util.List;

/** The readable table of {@code branchline lines}: one row per line, columns sized to their content. */
final class LineTable {
    private static final String[] HEADERS = {"LINE", "STATE", "SIGNAL", "OPERATOR", "NUMBER", "ICCID", "IMSI", "IMEI",
        "MODEM", "PORT"};

    private LineTable() {
    }

    static String render(List<LineView> lines) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (LineView l : lines) {
            rows.add(new String[] {l.id(), l.state(), signal(l), dash(l.operator()), dash(l.ownNumber()),
                dash(l.iccid()), dash(l.imsi()), dash(l.imei()), dash(model(l)), dash(l.port())});
        }
        StringBuilder sb = new StringBuilder(TextTable.render(rows));
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

}
