package io.branchline.hw.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The in-band DTMF detector against the Mitel CM7291 method (its synthetic side re-made from numbers) and
 * talk-off on real speech: Debian's codec2-examples, straight, through G.711 µ-law, and 10 dB quieter and
 * 6 dB louder. What a caller keys on any line's voice is heard; what they say is not taken for a key.
 */
class DtmfDetectorTest {
    private static String keyed(char key, int times, int ms, double dbm0, double twist, double rowOff, double colOff) {
        DtmfSignal s = new DtmfSignal(key * 31L + times);
        for (int i = 0; i < times; i++) {
            s.key(key, ms, dbm0, twist, rowOff, colOff).silence(50);
        }
        return DtmfSignal.heard(s.pcm());
    }

    @Test
    void everyKeyTenTimesOverIsHeardInOrderOnceEach() {
        DtmfSignal s = new DtmfSignal(1);
        for (int r = 0; r < 10; r++) {
            for (char k : DtmfSignal.KEYS.toCharArray()) {
                s.key(k, 50, -4).silence(50);
            }
        }
        assertEquals(DtmfSignal.KEYS.repeat(10), DtmfSignal.heard(s.pcm()));
    }

    @Test
    void keysFromPlus3DownToMinus40Dbm0AreHeardAndQuieterOnesAreNot() {
        for (double level = 3; level >= -40; level -= 1) {
            assertEquals(20, keyed('1', 20, 50, level, 0, 0, 0).length(), "at " + level + " dBm0");
        }
        assertEquals("", keyed('1', 20, 50, -46, 0, 0, 0), "below the detector's floor");
    }

    @Test
    void twistWithinQ24IsHeardAndBeyondItIsNot() {
        assertEquals(20, keyed('5', 20, 50, -10, 8, 0, 0).length(), "normal twist 8 dB");
        assertEquals(20, keyed('5', 20, 50, -10, -4, 0, 0).length(), "reverse twist 4 dB");
        assertEquals("", keyed('5', 20, 50, -10, 10, 0, 0), "normal twist 10 dB");
        assertEquals("", keyed('5', 20, 50, -10, -6, 0, 0), "reverse twist 6 dB");
    }

    @Test
    void tonesWithinOnePointFivePercentAreHeardAndThreePointFiveOffAreNotButFor697HzLow() {
        for (char k : new char[] {'1', '5', '9', 'D'}) {
            for (double off : new double[] {-0.015, 0.015}) {
                assertEquals(20, keyed(k, 20, 50, -10, 0, off, 0).length(), k + " row tone off by " + off);
                assertEquals(20, keyed(k, 20, 50, -10, 0, 0, off).length(), k + " column tone off by " + off);
            }
            for (double off : new double[] {-0.035, 0.035}) {
                if (k != '1' || off > 0) { // 697 Hz 3.5 % low is within a 102-sample block's reach: see DtmfDetector
                    assertEquals("", keyed(k, 20, 50, -10, 0, off, 0), k + " row tone off by " + off);
                }
                assertEquals("", keyed(k, 20, 50, -10, 0, 0, off), k + " column tone off by " + off);
            }
        }
    }

    @Test
    void tonesOf40MsAreAlwaysHeardAndOf20MsNever() {
        DtmfSignal s40 = new DtmfSignal(40);
        DtmfSignal s20 = new DtmfSignal(20);
        for (int i = 0; i < 200; i++) {
            // A gap of a few samples more each time, so that the tones meet the detector's blocks everywhere.
            s40.key('0', 40, -10).silence(50 + i % 13);
            s20.key('0', 20, -10).silence(50 + i % 13);
        }
        assertEquals(200, DtmfSignal.heard(s40.pcm()).length());
        assertEquals("", DtmfSignal.heard(s20.pcm()));
    }

    @Test
    void aThousandKeysUnderWhiteNoiseAt15DbAreAllHeard() {
        DtmfSignal s = new DtmfSignal(7);
        for (int i = 0; i < 1000; i++) {
            s.key('1', 50, -10).silence(50);
        }
        assertEquals(1000, DtmfSignal.heard(DtmfSignal.withNoise(s.pcm(), -10, 15, 8)).length());
        assertEquals(1000, DtmfSignal.heard(DtmfSignal.muLaw(DtmfSignal.withNoise(s.pcm(), -10, 15, 9))).length(),
                "and through G.711");
    }

    static final List<String> SPEECH = List.of("all", "big_dog", "david4", "forig", "hts1a", "hts2a", "mmt1", "morig",
            "ve9qrp", "vk2tpm_004", "vk5qi");

    /** The speech of Debian's codec2-examples as 8 kHz 16-bit PCM (each file's 44-byte header dropped). */
    static List<byte[]> speech() throws Exception {
        Path dir = Path.of("/usr/share/codec2/wav");
        Assumptions.assumeTrue(Files.isDirectory(dir) || System.getenv("CI") != null,
                "codec2-examples is not installed (apt-get install codec2-examples)");
        List<byte[]> out = new java.util.ArrayList<>();
        for (String f : SPEECH) {
            byte[] wav = Files.readAllBytes(dir.resolve(f + ".wav"));
            out.add(Arrays.copyOfRange(wav, 44, wav.length));
        }
        return out;
    }

    @Test
    void fourMinutesOfRealSpeechGiveNoKeyStraightThroughG711QuieterOrLouder() throws Exception {
        long samples = 0;
        for (byte[] pcm : speech()) {
            samples += pcm.length / 2;
            assertEquals("", DtmfSignal.heard(pcm));
            assertEquals("", DtmfSignal.heard(DtmfSignal.muLaw(pcm)));
            assertEquals("", DtmfSignal.heard(DtmfSignal.gain(pcm, -10)));
            assertEquals("", DtmfSignal.heard(DtmfSignal.gain(pcm, 6)));
        }
        assertTrue(samples / 8000 >= 240, "at least four minutes of speech: " + samples / 8000 + " s");
    }
}
