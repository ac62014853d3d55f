package io.branchline.box.number;

import io.branchline.box.store.StoredText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Numbers to dial as an office brings them: a CSV of name, number, customer id (a header line is allowed and
 * skipped; quotes as RFC 4180 has them), or the same as entries from the API or the CRM. The good rows are
 * taken; each bad one is reported with its line number and why (not a phone number, a service code, a field
 * too long, the same number twice), and never stops the rows after it.
 */
public final class NumberSheet {
    public static final int MAX_ROWS = 10_000;
    public static final int MAX_NAME = 64;
    public static final int MAX_CUSTOMER_ID = 64;

    /** A number taken: as given, its subscriber form (what the guard and the re-dial rule look up). */
    public record Row(int line, String name, String number, String subscriber, String customerId) {
    }

    public record Bad(int line, String field, String reason) {
    }

    public record Read(List<Row> rows, List<Bad> bad) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<Bad> bad = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();

    /** Reads a CSV text. */
    public static Read csv(String text) {
        NumberSheet sheet = new NumberSheet();
        String[] lines = text.split("\r\n|\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (l.isBlank()) {
                continue;
            }
            if (i == 0 && (l.toLowerCase().contains("number") || l.contains("号码") || l.contains("电话"))) {
                continue; // the header
            }
            List<String> cells;
            try {
                cells = cells(l);
            } catch (IllegalArgumentException e) {
                sheet.bad.add(new Bad(i + 1, "line", e.getMessage()));
                continue;
            }
            if (cells.size() > 3) {
                sheet.bad.add(new Bad(i + 1, "line", "has " + cells.size() + " columns; name, number, customer id"));
                continue;
            }
            if (cells.size() == 1) {
                sheet.add(i + 1, "", cells.get(0), ""); // a bare list of numbers
            } else {
                sheet.add(i + 1, cells.get(0), cells.get(1), cells.size() > 2 ? cells.get(2) : "");
            }
        }
        return sheet.read();
    }

    /**
     * The numbers a request or a CRM command carries: {@code csv} (the file's text) or {@code numbers} (a list
     * of numbers, or of {number, name, customerId}); refused naming the field when it has neither.
     */
    public static Read fromJson(com.fasterxml.jackson.databind.JsonNode b) {
        if (b.hasNonNull("csv")) {
            if (!b.get("csv").isTextual()) {
                throw new InvalidNumberException("csv", "must be the CSV file's text");
            }
            return csv(b.get("csv").asText());
        }
        com.fasterxml.jackson.databind.JsonNode list = b.get("numbers");
        if (list == null || !list.isArray()) {
            throw new InvalidNumberException("numbers", "give numbers (a list) or csv (text)");
        }
        NumberSheet sheet = entries();
        int line = 0;
        for (com.fasterxml.jackson.databind.JsonNode n : list) {
            line++;
            if (n.isTextual()) {
                sheet.add(line, "", n.asText(), "");
            } else if (n.isObject()) {
                sheet.add(line, text(n, "name"), text(n, "number"), text(n, "customerId"));
            } else {
                sheet.add(line, "", "", ""); // reported: not a phone number
            }
        }
        return sheet.read();
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode n, String field) {
        com.fasterxml.jackson.databind.JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.isValueNode() ? v.asText() : "\u0000";
    }

    /** Entries given one by one (the API, the CRM); {@code line} counts from 1 in the order given. */
    public static NumberSheet entries() {
        return new NumberSheet();
    }

    public NumberSheet add(int line, String name, String number, String customerId) {
        if (rows.size() >= MAX_ROWS) {
            bad.add(new Bad(line, "line", "more than " + MAX_ROWS + " numbers at once"));
            return this;
        }
        String n;
        String c;
        PhoneNumber parsed;
        try {
            n = StoredText.check("name", name, MAX_NAME);
            c = StoredText.check("customerId", customerId, MAX_CUSTOMER_ID);
            parsed = PhoneNumber.parse("number", number == null ? "" : number.strip());
        } catch (InvalidNumberException e) {
            bad.add(new Bad(line, e.field(), e.reason()));
            return this;
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            bad.add(new Bad(line, m.substring(0, Math.max(0, m.indexOf(':'))), m));
            return this;
        }
        if (!seen.add(parsed.subscriber())) {
            bad.add(new Bad(line, "number", "the same number is on an earlier line"));
            return this;
        }
        rows.add(new Row(line, n, number.strip(), parsed.subscriber(), c));
        return this;
    }

    public Read read() {
        return new Read(List.copyOf(rows), List.copyOf(bad));
    }

    /** One CSV line's cells: commas split, double quotes quote, "" is a quote inside quotes. */
    static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"' && cell.toString().isBlank()) {
                quoted = true;
                cell.setLength(0);
            } else if (ch == ',' || ch == '\t') {
                out.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("a quote is not closed");
        }
        out.add(cell.toString().strip());
        return out;
    }
}
