package io.branchline.hw.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

/** G.711 held against the JDK's own converter, for every sample and every code. */
class G711Test {
    private static final AudioFormat PCM = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, 8000, 16, 1, 2, 8000, false);

    private static byte[] jdk(byte[] in, AudioFormat from, AudioFormat to) throws Exception {
        try (AudioInputStream src = new AudioInputStream(new ByteArrayInputStream(in), from,
                in.length / from.getFrameSize()); AudioInputStream out = AudioSystem.getAudioInputStream(to, src)) {
            return out.readAllBytes();
        }
    }

    private static AudioFormat law(AudioFormat.Encoding e) {
        return new AudioFormat(e, 8000, 8, 1, 1, 8000, false);
    }

    private static byte[] everySample() {
        byte[] pcm = new byte[65536 * 2];
        for (int i = 0; i < 65536; i++) {
            short s = (short) (i - 32768);
            pcm[2 * i] = (byte) s;
            pcm[2 * i + 1] = (byte) (s >> 8);
        }
        return pcm;
    }

    private static byte[] everyCode() {
        byte[] codes = new byte[256];
        for (int i = 0; i < 256; i++) {
            codes[i] = (byte) i;
        }
        return codes;
    }

    /**
     * The JDK's encoder agrees for every sample but two kinds, where it is wrong: µ-law above the clip level
     * (±32,635) wraps around (the loudest samples become near silence), where ours clips to the loudest code;
     * A-law -7 to -1 become -248, where ours gives -8, the nearest level. Every code decodes within half its
     * interval of the sample.
     */
    @Test
    void everySampleEncodesAsTheJdkEncodesItAndAsTheRecommendationSaysAtTheTop() throws Exception {
        byte[] pcm = everySample();
        for (G711.Law law : G711.Law.values()) {
            byte[] jdk = jdk(pcm, PCM, law(law == G711.Law.PCMU ? AudioFormat.Encoding.ULAW : AudioFormat.Encoding.ALAW));
            byte[] ours = G711.encode(law, pcm);
            for (int i = 0; i < 65536; i++) {
                int x = i - 32768;
                if (law == G711.Law.PCMA ? x < -7 || x >= 0 : Math.abs(x) <= 32_635) {
                    assertEquals(jdk[i], ours[i], law + " sample " + x);
                }
                short back = law == G711.Law.PCMU ? G711.fromUlaw(ours[i]) : G711.fromAlaw(ours[i]);
                // the decoded level is the middle of the code's interval: at most half the top step (1024) away
                assertTrue(Math.abs(back - x) <= 1024 || Math.abs(x) > 32_000, law + " sample " + x + " → " + back);
                assertTrue(Integer.signum(back) == Integer.signum(x) || Math.abs(x) < 16, law + " sign of " + x);
            }
            short loudest = law == G711.Law.PCMU ? G711.fromUlaw(ours[0]) : G711.fromAlaw(ours[0]);
            assertTrue(loudest < -30_000, law + ": -32768 is the loudest negative code, not " + loudest);
        }
    }

    @Test
    void everyCodeDecodesAsTheJdkDecodesIt() throws Exception {
        byte[] codes = everyCode();
        assertArrayEquals(jdk(codes, law(AudioFormat.Encoding.ULAW), PCM), G711.decode(G711.Law.PCMU, codes, 0, 256));
        assertArrayEquals(jdk(codes, law(AudioFormat.Encoding.ALAW), PCM), G711.decode(G711.Law.PCMA, codes, 0, 256));
    }

    @Test
    void silenceIsTheCodesEveryGatewayKnows() {
        assertEquals((byte) 0xFF, G711.ulaw((short) 0));
        assertEquals((byte) 0xD5, G711.alaw((short) 0));
    }
}
