package io.branchline.hw.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PtyLinkTest {
    @TempDir
    Path dir;

    @Test
    void bytesCrossASocatPtyPairOpenedWithJSerialComm() {
        try (SocatPtyPair pair = SocatPtyPair.open(dir, "t");
             JSerialCommLink host = JSerialCommLink.open(pair.hostPath().toString(), 115200);
             JSerialCommLink device = JSerialCommLink.open(pair.devicePath().toString(), 115200)) {
            host.write("AT\r".getBytes(StandardCharsets.US_ASCII));
            assertEquals("AT\r", readAll(device, 3));
            device.write("\r\nOK\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("\r\nOK\r\n", readAll(host, 6));
        }
    }

    @Test
    void aReadTimesOutWithZeroWhenNothingCame() {
        try (SocatPtyPair pair = SocatPtyPair.open(dir, "t");
             JSerialCommLink host = JSerialCommLink.open(pair.hostPath().toString(), 115200)) {
            assertEquals(0, host.read(new byte[16], 20));
        }
    }

    @Test
    void aVanishedPeerReadsAsEndOfStream() throws Exception {
        SocatPtyPair pair = SocatPtyPair.open(dir, "t");
        try (JSerialCommLink host = JSerialCommLink.open(pair.hostPath().toString(), 115200)) {
            pair.close();
            int n = 0;
            long deadline = System.currentTimeMillis() + 3000;
            while (n >= 0 && System.currentTimeMillis() < deadline) {
                n = host.read(new byte[16], 50);
            }
            assertEquals(-1, n);
        }
    }

    @Test
    void openingAMissingPortSaysWhichPortAndWhy() {
        SerialLinkException e = assertThrows(SerialLinkException.class,
                () -> JSerialCommLink.open(dir.resolve("ttyUSB9").toString(), 115200));
        assertTrue(e.getMessage().contains("ttyUSB9") && e.getMessage().contains("does not exist"), e.getMessage());
    }

    static String readAll(SerialLink link, int count) {
        StringBuilder sb = new StringBuilder();
        byte[] buf = new byte[64];
        long deadline = System.currentTimeMillis() + 3000;
        while (sb.length() < count && System.currentTimeMillis() < deadline) {
            int n = link.read(buf, 50);
            if (n > 0) {
                sb.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
            }
        }
        return sb.toString();
    }
}
