package io.branchline.hw.at.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The operator from AT+COPS? ({@code <mode>[,<format>,<oper>[,<act>]]}), and the network list of
 * AT+COPS=? for the scan.
 */
public record Operator(int mode, OptionalInt format, Optional<String> name, OptionalInt act) {

    public static Operator parse(String line) {
        AtFields f = AtFields.of(line, "+COPS:");
        OptionalInt format = f.integer(1);
        // A name (formats 0 and 1) may come in UCS2 hex; a numeric id (format 2) never does.
        Optional<String> name = f.text(2).map(String::strip)
                .map(n -> format.orElse(0) == 2 ? n : Ucs2Text.maybeDecode(n));
        return new Operator(f.requireInt(0, "mode"), format, name, f.integer(3));
    }

    /** For a numeric-format answer: the mobile country code (first three digits). */
    public Optional<String> mcc() {
        return format.orElse(-1) == 2 ? name.filter(n -> n.length() >= 5).map(n -> n.substring(0, 3))
                : Optional.empty();
    }

    public Optional<String> mnc() {
        return format.orElse(-1) == 2 ? name.filter(n -> n.length() >= 5).map(n -> n.substring(3)) : Optional.empty();
    }

    /** One network of the scan: status 0 unknown, 1 available, 2 current, 3 forbidden. */
    public record Network(int status, String longName, String shortName, String id, OptionalInt act) {
    }

    /**
     * Reads a scan answer, tolerating the TM506's stray ')' before the access technology: fields that follow
     * a closed group belong to that group.
     */
    public static List<Network> parseScan(String line) {
        String s = line.strip();
        if (s.regionMatches(true, 0, "+COPS:", 0, 6)) {
            s = s.substring(6);
        }
        List<List<String>> groups = new ArrayList<>();
        List<String> open = null;
        StringBuilder field = new StringBuilder();
        boolean started = false;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                started = true;
            } else if (c == '(') {
                open = new ArrayList<>();
                groups.add(open);
                field.setLength(0);
                started = false;
            } else if (c == ',' || c == ')') {
                if (open == null && c == ',' && s.startsWith(",", i + 1)) {
                    break; // ",,(modes),(formats)" ends the list of networks
                }
                List<String> target = open != null ? open : groups.isEmpty() ? null : groups.getLast();
                if (target != null && (started || open != null)) {
                    target.add(field.toString().strip());
                }
                field.setLength(0);
                started = false;
                if (c == ')') {
                    open = null;
                }
            } else if (c != ' ' || started) {
                field.append(c);
                started = true;
            }
        }
        List<Network> out = new ArrayList<>();
        for (List<String> g : groups) {
            if (g.size() < 4 || !g.get(0).matches("\\d")) {
                continue;
            }
            OptionalInt act = g.size() > 4 && g.get(4).matches("\\d+") ? OptionalInt.of(Integer.parseInt(g.get(4)))
                    : OptionalInt.empty();
            out.add(new Network(Integer.parseInt(g.get(0)), g.get(1), g.get(2), g.get(3), act));
        }
        return out;
    }
}
