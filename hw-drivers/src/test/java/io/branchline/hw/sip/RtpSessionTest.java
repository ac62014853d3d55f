package io.branchline.hw.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.hw.audio.Frame;
import io.branchline.hw.audio.G711;
import io.branchline.hw.audio.Pcm;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** RTP between two sessions on loopback, and the packet shapes gateways send. */
class RtpSessionTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    static void until(String what, BooleanSupplier cond) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not " + what + " within 5 s");
            }
            Thread.sleep(5);
        }
    }

    private static byte[] tone(int frame) {
        byte[] f = new byte[Pcm.FRAME_BYTES];
        for (int i = 0; i < Pcm.FRAME_SAMPLES; i++) {
            short s = (short) (8000 * Math.sin(2 * Math.PI * 440 * (frame * Pcm.FRAME_SAMPLES + i) / 8000.0));
            f[2 * i] = (byte) s;
            f[2 * i + 1] = (byte) (s >> 8);
        }
        return f;
    }

    @Test
    void framesCrossInG711AndComeBackWithinTheLawsQuantisation() throws Exception {
        for (G711.Law law : G711.Law.values()) {
            try (RtpSession a = RtpSession.open(new InetSocketAddress(LOOPBACK, 0), law);
                 RtpSession b = RtpSession.open(new InetSocketAddress(LOOPBACK, 0), law)) {
                a.remote(new InetSocketAddress(LOOPBACK, b.localPort()));
                b.remote(new InetSocketAddress(LOOPBACK, a.localPort()));
                List<Frame> heard = new CopyOnWriteArrayList<>();
                b.listen(heard::add);
                for (int i = 0; i < 50; i++) {
                    a.send(tone(i));
                }
                until("50 frames", () -> heard.size() == 50);
                for (int i = 0; i < 50; i++) {
                    byte[] sent = tone(i);
                    byte[] got = heard.get(i).pcm();
                    for (int k = 0; k < Pcm.FRAME_SAMPLES; k++) {
                        int d = Math.abs(Pcm.sample(sent, k) - Pcm.sample(got, k));
                        assertTrue(d <= 300, law + " frame " + i + " sample " + k + " off by " + d);
                    }
                }
            }
        }
    }

    private static byte[] rtp(int pt, int seq, long ts, byte[] payload, int csrcs, boolean extension, int padding) {
        int ext = extension ? 8 : 0;
        byte[] p = new byte[12 + 4 * csrcs + ext + payload.length + padding];
        p[0] = (byte) (0x80 | (padding > 0 ? 0x20 : 0) | (extension ? 0x10 : 0) | csrcs);
        p[1] = (byte) pt;
        p[2] = (byte) (seq >> 8);
        p[3] = (byte) seq;
        p[4] = (byte) (ts >> 24);
        p[5] = (byte) (ts >> 16);
        p[6] = (byte) (ts >> 8);
        p[7] = (byte) ts;
        int at = 12 + 4 * csrcs;
        if (extension) {
            p[at + 3] = 1; // one 32-bit word of extension
            at += 8;
        }
        System.arraycopy(payload, 0, p, at, payload.length);
        if (padding > 0) {
            p[p.length - 1] = (byte) padding;
        }
        return p;
    }

    @Test
    void csrcsExtensionsPaddingAndOtherPacketTimesAreReadAndRebufferedInto20msFrames() throws Exception {
        try (RtpSession s = RtpSession.open(new InetSocketAddress(LOOPBACK, 0), G711.Law.PCMA);
             DatagramSocket far = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            s.remote(new InetSocketAddress(LOOPBACK, far.getLocalPort()));
            List<Frame> heard = new CopyOnWriteArrayList<>();
            s.listen(heard::add);
            var to = new InetSocketAddress(LOOPBACK, s.localPort());
            byte[] thirty = G711.encode(G711.Law.PCMA, new byte[480]); // 30 ms packets: 240 codes
            for (int i = 0; i < 4; i++) {
                byte[] p = rtp(8, i, i * 240L, thirty, i % 2, i == 1, i == 3 ? 4 : 0);
                far.send(new DatagramPacket(p, p.length, to));
            }
            until("120 ms as six 20 ms frames", () -> heard.size() == 6);
            assertEquals(4, s.packetsReceived());
        }
    }

    @Test
    void aTelephoneEventIsOneKeyWhateverItsUpdatesAndEndPackets() throws Exception {
        try (RtpSession s = RtpSession.open(new InetSocketAddress(LOOPBACK, 0), G711.Law.PCMU);
             DatagramSocket far = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            s.remote(new InetSocketAddress(LOOPBACK, far.getLocalPort()));
            List<Character> keys = new CopyOnWriteArrayList<>();
            s.onKey(keys::add);
            var to = new InetSocketAddress(LOOPBACK, s.localPort());
            int seq = 0;
            for (int[] ev : new int[][] {{5, 1000}, {11, 3000}, {1, 5000}}) {
                for (int update = 0; update < 6; update++) {
                    boolean end = update >= 3;
                    byte[] payload = {(byte) ev[0], (byte) ((end ? 0x80 : 0) | 10), 0, (byte) (160 * (update + 1))};
                    byte[] p = rtp(101, seq++, ev[1], payload, 0, false, 0);
                    far.send(new DatagramPacket(p, p.length, to));
                }
            }
            until("three keys", () -> keys.size() == 3);
            Thread.sleep(100);
            assertEquals(List.of('5', '#', '1'), keys);
        }
    }

    @Test
    void packetsFromElsewhereAndMalformedOnesAreIgnoredAndTheVoiceGoesOn() throws Exception {
        try (RtpSession s = RtpSession.open(new InetSocketAddress(LOOPBACK, 0), G711.Law.PCMU);
             DatagramSocket far = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
             DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            s.remote(new InetSocketAddress(LOOPBACK, far.getLocalPort()));
            List<Frame> heard = new CopyOnWriteArrayList<>();
            s.listen(heard::add);
            var to = new InetSocketAddress(LOOPBACK, s.localPort());
            byte[] voice = rtp(0, 1, 160, new byte[160], 0, false, 0);
            far.send(new DatagramPacket(voice, voice.length, to)); // the far end, heard first
            until("the far end heard", () -> heard.size() == 1);
            stranger.send(new DatagramPacket(voice, voice.length, to));
            for (byte[] bad : List.of(new byte[3], new byte[] {0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                    rtp(0, 2, 320, new byte[4], 15, false, 0), rtp(0, 3, 480, new byte[2], 0, false, 200))) {
                far.send(new DatagramPacket(bad, bad.length, to));
            }
            far.send(new DatagramPacket(voice, voice.length, to));
            until("the voice after them", () -> heard.size() == 2);
            assertTrue(s.packetsIgnored() >= 1, "the stranger's packet: " + s.packetsIgnored());
        }
    }
}
