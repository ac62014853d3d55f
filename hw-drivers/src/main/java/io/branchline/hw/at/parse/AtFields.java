package io.branchline.hw.at.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The comma-separated fields of a response line, read the tolerant way real modems need: spaces around
 * commas, quoted or unquoted strings, commas inside quotes, empty fields, trailing empty fields, and a
 * missing closing quote (the field then ends at the next comma, as chan_dongle reads "TELE2,0).
 */
public final class AtFields {
    private final List<String> values;

    private AtFields(List<String> values) {
        this.values = values;
    }

    /** Splits the text after the {@code prefix} (e.g. "+CSQ:"); a line without the prefix is split whole. */
    public static AtFields of(String line, String prefix) {
        String s = line.strip();
        if (prefix != null && s.regionMatches(true, 0, prefix, 0, prefix.length())) {
            s = s.substring(prefix.length());
        }
        return split(s);
    }

    public static AtFields split(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (true) {
            while (i < n && s.charAt(i) == ' ') {
                i++;
            }
            StringBuilder field = new StringBuilder();
            if (i < n && s.charAt(i) == '"') {
                int close = s.indexOf('"', i + 1);
                int comma = s.indexOf(',', i + 1);
                if (close < 0) {
                    int end = comma < 0 ? n : comma;
                    field.append(s, i + 1, end);
                    i = end;
                } else {
                    field.append(s, i + 1, close);
                    i = close + 1;
                    while (i < n && s.charAt(i) != ',') {
                        i++;
                    }
                }
                out.add(field.toString());
            } else {
                int comma = s.indexOf(',', i);
                int end = comma < 0 ? n : comma;
                out.add(s.substring(Math.min(i, end), end).strip());
                i = end;
            }
            if (i >= n) {
                break;
            }
            i++; // the comma
            if (i >= n) {
                out.add("");
                break;
            }
        }
        if (out.size() == 1 && out.get(0).isEmpty() && s.isBlank()) {
            out.clear();
        }
        return new AtFields(out);
    }

    public int size() {
        return values.size();
    }

    public Optional<String> text(int i) {
        return i < values.size() && !values.get(i).isEmpty() ? Optional.of(values.get(i)) : Optional.empty();
    }

    /** The field as text, empty string when absent. */
    public String textOrEmpty(int i) {
        return i < values.size() ? values.get(i) : "";
    }

    public OptionalInt integer(int i) {
        Optional<String> t = text(i);
        if (t.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(t.get().strip()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** A required integer: an {@link AtParseException} naming the field when absent or not a number. */
    public int requireInt(int i, String name) {
        return integer(i).orElseThrow(() -> new AtParseException(name + " is missing or not a number in \""
                + String.join(",", values) + "\""));
    }

    /**
     * A hexadecimal field (LAC, cell id). Spaces inside are dropped; anything else that is not hex gives 0,
     * as ModemManager does with the Gobi's "  0 5".
     */
    public OptionalLong hex(int i) {
        Optional<String> t = text(i);
        if (t.isEmpty()) {
            return OptionalLong.empty();
        }
        String v = t.get().strip();
        if (!v.matches("[0-9A-Fa-f]{1,16}")) {
            return OptionalLong.of(0);
        }
        return OptionalLong.of(Long.parseUnsignedLong(v, 16));
    }
}
