package io.branchline.hw.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.hw.serial.MemoryLink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The emulator never dies of its input: random and malformed command lines, and every command it knows in
 * every form ({@code =?}, {@code ?}, set with odd values), each get a final result, and the modem stays
 * attached and answering. One command at a time, as 27.007 wants, so that no answer is a protocol error.
 */
class EmulatorFuzzTest {
    static final List<String> NAMES = List.of("", "E", "I", "Z", "H", "A", "D", "+CGMI", "+CGMM", "+CGMR", "+CGSN",
            "+GSN", "+CIMI", "+CSCS", "+CMEE", "+CFUN", "+CPIN", "+CSQ", "+CNUM", "+CREG", "+CGREG", "+CEREG",
            "+CGATT", "+COPS", "+CSCA", "+CMGF", "+CPMS", "+CNMI", "+CMGL", "+CMGR", "+CMGD", "+CMGS", "+CSMS", "+CHUP",
            "+CLCC", "+CLIP", "+CRC", "+CCWA", "+CCFC", "+CUSD", "^CVOICE", "^PORTSEL", "+QPCMV", "+CPCMREG",
            "^DDSETEX", "+QCCID", "+CICCID", "+CCID", "^ICCID", "+CLCK", "+CPWD", "+XYZ");
    static final Pattern FINAL = Pattern.compile("^(OK|ERROR|NO CARRIER|BUSY|NO ANSWER|COMMAND NOT SUPPORT|"
            + "\\+CME ERROR: .*|\\+CMS ERROR: .*|> )$");

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Flavour.class, names = {"QUECTEL_EC25", "SIMCOM_SIM7600", "SIMCOM_SIM800", "HUAWEI_E1550"})
    void everyLineGetsAFinalResultAndTheModemStaysUp(Flavour flavour) throws Exception {
        MemoryLink[] cable = MemoryLink.pair("memory:fuzz");
        ModemEmulator modem = new ModemEmulator(flavour, "861234560000098",
                EmulatedSim.ready("89860012345678900098", "460001234500098", "13800000098"));
        modem.attach(cable[1]);
        Random random = new Random(flavour.ordinal() * 7919L + 20261201);
        List<String> lines = new ArrayList<>();
        for (String name : NAMES) {
            for (String form : List.of("", "?", "=?", "=", "=1", "=0,0", "=\"", "=,,,", "=-1", "=99999999999",
                    "=\"\u00ff\"", "=" + "9".repeat(300))) {
                lines.add("AT" + name + form);
            }
        }
        for (int i = 0; i < 300; i++) {
            StringBuilder b = new StringBuilder(random.nextBoolean() ? "AT" : "");
            int len = random.nextInt(40);
            for (int j = 0; j < len; j++) {
                b.append((char) (0x20 + random.nextInt(0x5f)));
            }
            lines.add(b.toString());
        }
        int answered = 0;
        for (String line : lines) {
            String cmd = line.replace("\r", "").replace("\n", "");
            if (cmd.isBlank()) {
                continue;
            }
            cable[0].write((cmd + "\r").getBytes(StandardCharsets.ISO_8859_1));
            String last = awaitFinal(cable[0], cmd);
            if (last.equals("> ")) {
                cable[0].write(new byte[] {0x1b}); // cancel the message body the modem now waits for
                awaitFinal(cable[0], cmd + " <ESC>");
            }
            answered++;
        }
        assertTrue(modem.isAttached(), "still attached");
        cable[0].write("AT\r".getBytes(StandardCharsets.US_ASCII));
        assertEquals("OK", awaitFinal(cable[0], "AT"), "and answering");
        assertEquals(List.of(), modem.violations());
        assertTrue(answered > 900, "answered " + answered);
    }

    /** Reads until a final result line (or the SMS prompt) arrives; fails after 2 s of silence. */
    private static String awaitFinal(MemoryLink host, String cmd) {
        StringBuilder acc = new StringBuilder();
        byte[] buf = new byte[4096];
        long deadline = System.currentTimeMillis() + 2000;
        while (System.currentTimeMillis() < deadline) {
            int n = host.read(buf, 50);
            if (n > 0) {
                acc.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                if (acc.toString().endsWith("\r\n> ")) {
                    return "> ";
                }
                String[] parts = acc.toString().split("\r\n");
                for (String p : parts) {
                    if (FINAL.matcher(p).matches() && acc.toString().endsWith("\r\n")) {
                        return p;
                    }
                }
            }
        }
        throw new AssertionError("no final result for \"" + cmd + "\"; got: " + acc);
    }
}
