package io.branchline.hw.emulator;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One command line as V.250 and 3GPP TS 27.007 4.1 shape it: {@code AT} and a basic command ({@code E1},
 * {@code I}, {@code DT123;}) or an extended one ({@code +CSCS}, {@code ^PORTSEL}) in one of four forms:
 * execute ({@code AT+CNUM}), read ({@code AT+CSCS?}), test ({@code AT+CSCS=?}) and set
 * ({@code AT+CSCS="UCS2"}). Names are case-insensitive; arguments are kept as written.
 */
record CommandLine(String name, Form form, String args) {
    enum Form { EXECUTE, READ, TEST, SET }

    private static final Pattern EXTENDED = Pattern.compile("^AT([+^$%][A-Za-z0-9]+)(=\\?|\\?|=(.*))?$",
            Pattern.DOTALL);
    /** Basic commands of V.250 the modems here know: one letter (or &amp;letter), then its number or dial string. */
    private static final Pattern BASIC = Pattern.compile("^AT(&?[A-Za-z])(.*)$", Pattern.DOTALL);

    /** The command of {@code line}, or null when it does not start with AT (the modem then says ERROR). */
    static CommandLine parse(String line) {
        if (line.length() < 2 || !line.regionMatches(true, 0, "AT", 0, 2)) {
            return null;
        }
        if (line.length() == 2) {
            return new CommandLine("", Form.EXECUTE, "");
        }
        Matcher e = EXTENDED.matcher(line);
        if (e.matches()) {
            String name = e.group(1).toUpperCase(Locale.ROOT);
            String tail = e.group(2);
            if (tail == null) {
                return new CommandLine(name, Form.EXECUTE, "");
            }
            return switch (tail) {
                case "=?" -> new CommandLine(name, Form.TEST, "");
                case "?" -> new CommandLine(name, Form.READ, "");
                default -> new CommandLine(name, Form.SET, e.group(3));
            };
        }
        Matcher b = BASIC.matcher(line);
        if (b.matches()) {
            String name = b.group(1).toUpperCase(Locale.ROOT);
            String rest = b.group(2);
            if (rest.equals("?")) {
                return new CommandLine(name, Form.READ, "");
            }
            if (rest.equals("=?")) {
                return new CommandLine(name, Form.TEST, "");
            }
            return new CommandLine(name, rest.isEmpty() ? Form.EXECUTE : Form.SET, rest);
        }
        return new CommandLine("?", Form.EXECUTE, line);
    }

    /** The {@code i}th comma-separated argument without its quotes, or "" when absent. */
    String arg(int i) {
        String[] parts = args.split(",", -1);
        return i < parts.length ? parts[i].strip().replace("\"", "") : "";
    }

    int argCount() {
        return args.isEmpty() ? 0 : args.split(",", -1).length;
    }

    /** The {@code i}th argument as a number, or {@code dflt} when absent; not a number: -1. */
    int number(int i, int dflt) {
        String a = arg(i);
        if (a.isEmpty()) {
            return dflt;
        }
        try {
            return Integer.parseInt(a);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
