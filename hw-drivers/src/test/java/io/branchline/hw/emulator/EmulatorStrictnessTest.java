package io.branchline.hw.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.branchline.hw.serial.MemoryLink;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 27.007 5.x and V.250: the host waits for a command's final result before the next one. The emulator sees a
 * second command that started before the first's answer went out, however its bytes are split.
 */
class EmulatorStrictnessTest {
    private static void send(MemoryLink host, String s) {
        host.write(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static String drain(MemoryLink host) throws InterruptedException {
        Thread.sleep(150);
        byte[] buf = new byte[4096];
        StringBuilder b = new StringBuilder();
        int n;
        while ((n = host.read(buf, 20)) > 0) {
            b.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
        }
        return b.toString();
    }

    private static ModemEmulator modem(MemoryLink device) {
        ModemEmulator m = new ModemEmulator(Flavour.QUECTEL_EC25, "861234560000097",
                EmulatedSim.ready("89860012345678900097", "460001234500097", ""));
        m.attach(device);
        return m;
    }

    @Test
    void aSecondCommandSplitAcrossWritesIsStillTooEarly() throws Exception {
        MemoryLink[] cable = MemoryLink.pair("memory:strict");
        ModemEmulator m = modem(cable[1]);
        send(cable[0], "AT\rA"); // the next command begins before the OK of the first is out
        Thread.sleep(50);
        send(cable[0], "T+CSQ\r");
        drain(cable[0]);
        assertEquals(1, m.violations().size(), m.violations().toString());
    }

    @Test
    void aHostThatWaitsForEachFinalResultIsFine() throws Exception {
        MemoryLink[] cable = MemoryLink.pair("memory:polite");
        ModemEmulator m = modem(cable[1]);
        for (String cmd : List.of("AT", "AT+CSQ", "AT+CREG?", "AT+CSCS=?")) {
            send(cable[0], cmd + "\r\n");
            drain(cable[0]);
        }
        assertEquals(List.of(), m.violations());
    }

    @Test
    void aLoneEscIsIgnoredAndBackspaceEditsTheLine() throws Exception {
        MemoryLink[] cable = MemoryLink.pair("memory:esc");
        modem(cable[1]);
        send(cable[0], "\u001b");
        assertEquals("", drain(cable[0]), "no echo, no ERROR");
        send(cable[0], "AT+CSX\bQ\r");
        String answer = drain(cable[0]);
        assertEquals(true, answer.contains("+CSQ: "), answer);
    }
}
