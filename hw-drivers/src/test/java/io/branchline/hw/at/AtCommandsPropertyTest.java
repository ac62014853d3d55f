package io.branchline.hw.at;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Nothing a user types can end a command early or start another: for every user-controlled field, 10,000
 * random strings full of CR, LF, ';', '"', '\', Ctrl-Z, ESC and non-ASCII either are refused with an error
 * naming the field, or become exactly one command with exactly one terminator.
 */
class AtCommandsPropertyTest {
    private static final String NASTY = "0123456789+*#;\"\\\r\n\u001a\u001b,=?ATD \t\u0000\u007f中文é\u2028";
    private static final int RUNS = 10_000;

    private static final List<Field> FIELDS = List.of(
            new Field("number", s -> AtCommands.dial(DialString.of("number", s)), "ATD"),
            new Field("forward", s -> AtCommands.forwardUnconditional(DialString.of("forward", s)), "AT+CCFC=0,3,"),
            new Field("pin", AtCommands::enterPin, "AT+CPIN="),
            new Field("ussd", AtCommands::ussd, "AT+CUSD=1,"),
            new Field("pdu", s -> AtCommands.sendSmsPdu(s, Math.max(1, s.length() / 2)), "AT+CMGS="));

    record Field(String name, Function<String, AtCommand> build, String prefix) {
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void randomInputNeverEscapesItsCommand(int fieldIndex) {
        Field field = FIELDS.get(fieldIndex);
        Random rnd = new Random(20261122L + fieldIndex);
        int accepted = 0;
        for (int i = 0; i < RUNS; i++) {
            String input = randomString(rnd);
            AtCommand cmd;
            try {
                cmd = field.build.apply(input);
            } catch (InvalidAtArgumentException e) {
                assertEquals(field.name, e.field(), "error names the field for input " + escape(input));
                continue;
            }
            accepted++;
            assertSingleCommand(cmd, field.prefix, input);
        }
        assertTrue(accepted > 0 || field.name.equals("pdu") || field.name.equals("pin"),
                "some inputs should pass for " + field.name);
    }

    private static void assertSingleCommand(AtCommand cmd, String prefix, String input) {
        byte[] wire = cmd.wireBytes();
        String s = new String(wire, StandardCharsets.US_ASCII);
        if (!s.startsWith(prefix)) {
            fail("command " + escape(s) + " does not start with " + prefix);
        }
        int crs = 0;
        for (int i = 0; i < wire.length; i++) {
            int b = wire[i] & 0xff;
            if (b == '\r') {
                crs++;
                assertEquals(wire.length - 1, i, "CR only at the end: " + escape(s) + " from " + escape(input));
            } else if (b < 0x20 || b >= 0x7f) {
                fail("control or non-ASCII byte " + b + " on the wire: " + escape(s) + " from " + escape(input));
            }
        }
        assertEquals(1, crs);
        // Quotes are balanced and nothing follows the last parameter but what the builder put there.
        long quotes = s.chars().filter(c -> c == '"').count();
        assertEquals(0, quotes % 2, "balanced quotes in " + escape(s));
        String body = s.substring(0, s.length() - 1);
        String outsideQuotes = body.replaceAll("\"[^\"]*\"", "\"\"");
        long semis = outsideQuotes.chars().filter(c -> c == ';').count();
        assertEquals(prefix.equals("ATD") ? 1 : 0, semis, "no extra ';' in " + escape(s));
        if (prefix.equals("ATD")) {
            assertTrue(body.endsWith(";"));
        }
        cmd.body().ifPresent(b -> {
            String t = new String(b, StandardCharsets.US_ASCII);
            assertTrue(t.matches("[0-9A-F]+\u001a"), "SMS body is hex then one Ctrl-Z: " + escape(t));
        });
    }

    private static String randomString(Random rnd) {
        int len = rnd.nextInt(24);
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            // Mostly the nasty set, sometimes any code point at all.
            if (rnd.nextInt(8) == 0) {
                sb.appendCodePoint(rnd.nextInt(0x2FFFF) + 1);
            } else {
                sb.append(NASTY.charAt(rnd.nextInt(NASTY.length())));
            }
        }
        return sb.toString();
    }

    @Test
    void modemManagerInjectionRegressionsAreRefused() {
        for (String s : List.of("123;456", "123\r456", "123\u0001456", "123\nATD999;", "+86 138", "1a2")) {
            InvalidAtArgumentException e = assertThrows(InvalidAtArgumentException.class,
                    () -> AtCommands.dial(DialString.of("number", s)));
            assertEquals("number", e.field());
        }
    }

    @Test
    void quotedParametersEscapeWhatCouldEndThem() {
        AtCommand c = AtCommands.ussd("*100#\"\r\nATD1;");
        assertEquals("AT+CUSD=1,\"*100#\\22\\0D\\0AATD1;\",15", c.text());
    }

    @Test
    void rawAtIsRefusedWithoutTheDebugSwitch() {
        InvalidAtArgumentException e = assertThrows(InvalidAtArgumentException.class,
                () -> AtCommands.raw("AT+CSQ", false));
        assertEquals("command", e.field());
        assertThrows(InvalidAtArgumentException.class, () -> AtCommands.raw("AT+CSQ\rATD1;", true));
    }

    @Test
    void internationalNumbersForwardWithType145() {
        assertEquals("AT+CCFC=0,3,\"+8613800000000\",145,1",
                AtCommands.forwardUnconditional(new DialString("+8613800000000")).text());
        assertEquals("AT+CCFC=0,3,\"13800000000\",129,1",
                AtCommands.forwardUnconditional(new DialString("13800000000")).text());
    }

    private static String escape(String s) {
        return io.branchline.hw.serial.CEscape.escape(s.getBytes(StandardCharsets.UTF_8));
    }
}
