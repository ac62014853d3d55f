package io.branchline.hw.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PcmCaptureTest {
    private static byte[] frame(int n) {
        byte[] f = new byte[Pcm.FRAME_BYTES];
        java.util.Arrays.fill(f, (byte) n);
        return f;
    }

    @Test
    void keepsTheLastSecondsAndCountsEveryFrame() {
        PcmCapture ear = new PcmCapture(1); // 16,000 bytes: 50 frames
        for (int i = 0; i < 120; i++) {
            ear.add(frame(i));
        }
        assertEquals(120, ear.frames());
        byte[] kept = ear.bytes();
        assertTrue(kept.length <= 16_000 && kept.length >= 8_000, "at most one second, at least half: " + kept.length);
        assertArrayEquals(frame(119), java.util.Arrays.copyOfRange(kept, kept.length - Pcm.FRAME_BYTES, kept.length));
    }

    @Test
    void keepingNothingStillCountsFramesAndShrinksWhatWasKept() {
        PcmCapture ear = new PcmCapture(180);
        for (int i = 0; i < 10; i++) {
            ear.add(frame(i));
        }
        ear.keep(0);
        assertEquals(0, ear.bytes().length);
        ear.add(frame(1));
        assertEquals(0, ear.bytes().length);
        assertEquals(11, ear.frames());
        ear.keep(1);
        ear.add(frame(7));
        assertArrayEquals(frame(7), ear.bytes());
        assertThrows(IllegalArgumentException.class, () -> ear.keep(-1));
    }

    @Test
    void aShorterWindowKeepsTheNewestAudio() {
        PcmCapture ear = new PcmCapture(2);
        for (int i = 0; i < 90; i++) {
            ear.add(frame(i));
        }
        ear.keep(1);
        byte[] kept = ear.bytes();
        assertEquals(16_000, kept.length);
        assertArrayEquals(frame(89), java.util.Arrays.copyOfRange(kept, kept.length - Pcm.FRAME_BYTES, kept.length));
    }
}
