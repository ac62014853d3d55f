package io.branchline.hw.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.branchline.hw.at.AtCommands;
import io.branchline.hw.at.AtDecoder;
import io.branchline.hw.at.AtEvent;
import io.branchline.hw.time.ManualScheduler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WireLogTest {
    @TempDir
    Path dir;

    @Test
    void aFieldCaptureReplaysIntoTheDecoderByteForByte() throws Exception {
        ManualScheduler time = new ManualScheduler();
        Path file = dir.resolve("port.log");
        WireLog log = new WireLog(time.clock(), 16, file);
        byte[] out = "AT+CSQ\r".getBytes(StandardCharsets.US_ASCII);
        log.record(WireLog.Direction.OUT, out, out.length);
        byte[][] in = {"\r\n+CSQ: 1".getBytes(StandardCharsets.UTF_8),
            "7,99\r\n\r\nRING\r\n\r\nOK\r\n\u00ff\"\\".getBytes(StandardCharsets.ISO_8859_1)};
        for (byte[] b : in) {
            log.record(WireLog.Direction.IN, b, b.length);
        }
        log.close();

        List<WireLog.Chunk> replay = WireLog.read(file);
        assertEquals(3, replay.size());
        assertEquals(WireLog.Direction.OUT, replay.get(0).direction());
        AtDecoder decoder = new AtDecoder();
        decoder.expect(AtCommands.signal());
        List<AtEvent> events = new ArrayList<>();
        for (WireLog.Chunk c : replay.subList(1, 3)) {
            events.addAll(decoder.feed(c.bytes()));
        }
        assertEquals(new AtEvent.Info("+CSQ: 17,99"), events.get(0));
        assertEquals("RING", ((AtEvent.Unsolicited) events.get(1)).urc().name());
        assertEquals(AtEvent.Final.class, events.get(2).getClass());
        assertEquals(List.of(in[1].length), List.of(replay.get(2).bytes().length), "bytes survive the round trip");
    }

    @Test
    void theMemoryLogKeepsOnlyTheLastChunks() {
        WireLog log = new WireLog(new ManualScheduler().clock(), 2, null);
        for (int i = 0; i < 5; i++) {
            byte[] b = {(byte) ('0' + i)};
            log.record(WireLog.Direction.IN, b, 1);
        }
        assertEquals(List.of("3", "4"), log.chunks().stream().map(c -> new String(c.bytes())).toList());
    }

    @Test
    void aSimPinNeverReachesTheWireLogNorTheFileEvenSplitAcrossReads() throws Exception {
        ManualScheduler time = new ManualScheduler();
        Path file = dir.resolve("pin.log");
        WireLog log = new WireLog(time.clock(), 16, file);
        byte[] out = AtCommands.enterPin("4711").text().concat("\r").getBytes(StandardCharsets.US_ASCII);
        log.record(WireLog.Direction.OUT, out, out.length);
        // The modem echoes it, in two reads that cut the PIN in half.
        byte[][] in = {"AT+CPIN=\"47".getBytes(StandardCharsets.US_ASCII),
            "11\"\r\r\nOK\r\nAT+clck=\"SC\",0,\"0000\"\r".getBytes(StandardCharsets.US_ASCII)};
        for (byte[] b : in) {
            log.record(WireLog.Direction.IN, b, b.length);
        }
        log.close();
        String all = java.nio.file.Files.readString(file) + log.chunks().stream()
                .map(c -> new String(c.bytes(), StandardCharsets.US_ASCII)).reduce("", String::concat);
        org.junit.jupiter.api.Assertions.assertFalse(all.contains("4711") || all.contains("\"0000\""), all);
        String echo = log.chunks().subList(1, 3).stream().map(c -> new String(c.bytes(), StandardCharsets.US_ASCII))
                .reduce("", String::concat);
        assertEquals("AT+CPIN=******\r\r\nOK\r\nAT+clck=*************\r", echo, "the rest is kept as it came");
        assertEquals("AT+CPIN=******", SecretMask.redact("AT+CPIN=\"4711\""));
        assertEquals("AT+CSQ", SecretMask.redact("AT+CSQ"));
    }
}
