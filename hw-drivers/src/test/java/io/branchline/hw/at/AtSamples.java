package io.branchline.hw.at;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.branchline.hw.serial.CEscape;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The real modem responses of {@code at-samples/} (hw-drivers/src/test/resources/at-samples), loaded by case name.
 * A raw value is one or more C-escaped strings separated by " | ", each one read from the port.
 */
public final class AtSamples {
    public record Case(String name, List<byte[]> chunks, String expect) {
        public byte[] bytes() {
            int n = chunks.stream().mapToInt(c -> c.length).sum();
            byte[] all = new byte[n];
            int off = 0;
            for (byte[] c : chunks) {
                System.arraycopy(c, 0, all, off, c.length);
                off += c.length;
            }
            return all;
        }

        public String text() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }
    }

    private final Map<String, Case> cases = new LinkedHashMap<>();

    private AtSamples(String file) {
        try (InputStream in = AtSamples.class.getResourceAsStream("/at-samples/" + file)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String name = null;
            List<byte[]> raw = null;
            for (String line : text.split("\n")) {
                if (line.startsWith("### case ")) {
                    name = line.substring(9).strip();
                } else if (line.startsWith("raw: ") && name != null) {
                    raw = parseRaw(line.substring(5));
                } else if (line.startsWith("expect: ") && name != null) {
                    cases.put(name, new Case(name, raw, line.substring(8)));
                    name = null;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static AtSamples load(String file) {
        return new AtSamples(file);
    }

    public Case get(String name) {
        Case c = cases.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no case " + name);
        }
        return c;
    }

    public String text(String name) {
        return get(name).text();
    }

    /** The decoder's events for a case, with {@code running} as the command in flight (or null). */
    public List<AtEvent> decode(String name, AtCommand running) {
        AtDecoder d = new AtDecoder();
        d.expect(running);
        List<AtEvent> events = new ArrayList<>();
        for (byte[] chunk : get(name).chunks()) {
            events.addAll(d.feed(chunk));
        }
        events.addAll(d.flush());
        return events;
    }

    /**
     * Every case of the file has a test method of the same name (dashes as underscores) in {@code testClass}:
     * a new sample cannot be added without a test that reads it.
     */
    public void assertEveryCaseHasATest(Class<?> testClass) {
        TreeSet<String> methods = new TreeSet<>();
        for (Method m : testClass.getDeclaredMethods()) {
            methods.add(m.getName());
        }
        TreeSet<String> missing = new TreeSet<>();
        for (String c : cases.keySet()) {
            if (!methods.contains(c.replace('-', '_'))) {
                missing.add(c);
            }
        }
        assertEquals(new TreeSet<>(), missing, "sample cases without a test");
    }

    static List<byte[]> parseRaw(String s) {
        List<byte[]> chunks = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            int open = s.indexOf('"', i);
            if (open < 0) {
                break;
            }
            int j = open + 1;
            StringBuilder sb = new StringBuilder();
            while (j < s.length() && s.charAt(j) != '"') {
                if (s.charAt(j) == '\\' && j + 1 < s.length()) {
                    sb.append(s, j, j + 2);
                    j += 2;
                } else {
                    sb.append(s.charAt(j++));
                }
            }
            chunks.add(CEscape.unescape(sb.toString()));
            i = j + 1;
        }
        return chunks.isEmpty() ? List.of(new byte[0]) : chunks;
    }

    /** Shorthands for reading a list of events. */
    public static List<String> infos(List<AtEvent> events) {
        return events.stream().filter(e -> e instanceof AtEvent.Info).map(e -> ((AtEvent.Info) e).line()).toList();
    }

    public static List<FinalResult> finals(List<AtEvent> events) {
        return events.stream().filter(e -> e instanceof AtEvent.Final).map(e -> ((AtEvent.Final) e).result()).toList();
    }

    public static List<Urc> urcs(List<AtEvent> events) {
        return events.stream().filter(e -> e instanceof AtEvent.Unsolicited).map(e -> ((AtEvent.Unsolicited) e).urc())
                .toList();
    }

    public static List<String> echoes(List<AtEvent> events) {
        return events.stream().filter(e -> e instanceof AtEvent.Echo).map(e -> ((AtEvent.Echo) e).line()).toList();
    }

    public static List<String> strays(List<AtEvent> events) {
        return events.stream().filter(e -> e instanceof AtEvent.Stray).map(e -> ((AtEvent.Stray) e).line()).toList();
    }

    static String show(List<AtEvent> events) {
        return Arrays.toString(events.toArray());
    }
}
