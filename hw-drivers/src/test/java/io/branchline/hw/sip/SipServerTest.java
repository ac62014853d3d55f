package io.branchline.hw.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.hw.audio.Frame;
import io.branchline.hw.audio.Pcm;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The box's SIP side against SIPp playing a GoIP port in "Config by Line" mode: registration with digest
 * (retransmitted at the GoIP's T1 of 200 ms), a call from the box answered by the port with its RTP echoed
 * back, a busy port's {@code 480 Remote Busy}, and a GSM call from the port carrying G.711 and RFC 2833 keys
 * from SIPp's own captures.
 */
class SipServerTest {
    private SipServer sip;

    @BeforeEach
    void start() throws Exception {
        sip = new SipServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), Sipp.freeUdpPort()),
                Map.of("goip1", "s3cret", "goip2", "other"), Clock.systemUTC());
        sip.start();
    }

    @AfterEach
    void stop() {
        sip.close();
    }

    static void until(String what, BooleanSupplier cond) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not " + what + " within 10 s");
            }
            Thread.sleep(10);
        }
    }

    /** A GoIP line's REGISTER: challenged, then sent with the digest, retransmitted every 200 ms meanwhile. */
    static String register(String user, String password, int contactPort, int expires) {
        String common = """
                      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
                      From: <sip:%1$s@[remote_ip]>;tag=[pid]reg
                      To: <sip:%1$s@[remote_ip]>
                      Call-ID: [call_id]
                      Contact: <sip:%1$s@127.0.0.1:%3$d>
                      Max-Forwards: 70
                      Expires: %4$d
                      User-Agent: dble
                """.formatted(user, password, contactPort, expires);
        return """
                <?xml version="1.0" encoding="ISO-8859-1" ?>
                <scenario name="goip register">
                  <send retrans="200"><![CDATA[
                      REGISTER sip:[remote_ip]:[remote_port] SIP/2.0
                %1$s      CSeq: 1 REGISTER
                      Content-Length: 0

                  ]]></send>
                  <recv response="401" auth="true"/>
                  <send retrans="200"><![CDATA[
                      REGISTER sip:[remote_ip]:[remote_port] SIP/2.0
                %1$s      CSeq: 2 REGISTER
                      [authentication username=%2$s password=%3$s]
                      Content-Length: 0

                  ]]></send>
                  <recv response="200"/>
                </scenario>
                """.formatted(common, user, password);
    }

    private void registerAs(String user, String password, int contactPort) throws Exception {
        try (Sipp reg = Sipp.run(register(user, password, contactPort, 60), "127.0.0.1:" + sip.port(),
                Sipp.freeUdpPort())) {
            assertEquals(0, reg.await(), reg.trace());
        }
    }

    @Test
    void aPortRegistersWithItsDigestAndAWrongPasswordIsRefused() throws Exception {
        int contact = Sipp.freeUdpPort();
        registerAs("goip1", "s3cret", contact);
        assertEquals(new InetSocketAddress(InetAddress.getLoopbackAddress(), contact), sip.contact("goip1").orElseThrow());
        assertTrue(sip.left("goip1").toSeconds() > 50, "expires 60: " + sip.left("goip1"));
        try (Sipp wrong = Sipp.run(register("goip2", "not-it", Sipp.freeUdpPort(), 60), "127.0.0.1:" + sip.port(),
                Sipp.freeUdpPort())) {
            assertTrue(wrong.await() != 0, "a wrong password never gets 200");
        }
        assertTrue(sip.contact("goip2").isEmpty());
    }

    /** The port's side of a call the box places: ringing, answered with SDP on SIPp's echo port, BYE at the end. */
    static String answering(int mediaPort, int status, String reason) {
        String answer = status == 200 ? """
                  <send><![CDATA[
                      SIP/2.0 200 OK
                      [last_Via:]
                      [last_From:]
                      [last_To:];tag=[pid]goip
                      [last_Call-ID:]
                      [last_CSeq:]
                      Contact: <sip:goip1@[local_ip]:[local_port]>
                      Content-Type: application/sdp
                      Content-Length: [len]

                      v=0
                      o=dble 1 1 IN IP4 [local_ip]
                      s=dble
                      c=IN IP4 [local_ip]
                      t=0 0
                      m=audio %1$d RTP/AVP 8 0 101
                      a=rtpmap:8 PCMA/8000
                      a=rtpmap:0 PCMU/8000
                      a=rtpmap:101 telephone-event/8000
                      a=fmtp:101 0-15
                      a=ptime:20

                  ]]></send>
                  <recv request="ACK"/>
                  <recv request="BYE"/>
                  <send><![CDATA[
                      SIP/2.0 200 OK
                      [last_Via:]
                      [last_From:]
                      [last_To:]
                      [last_Call-ID:]
                      [last_CSeq:]
                      Content-Length: 0

                  ]]></send>
                """.formatted(mediaPort) : """
                  <send><![CDATA[
                      SIP/2.0 %d %s
                      [last_Via:]
                      [last_From:]
                      [last_To:];tag=[pid]goip
                      [last_Call-ID:]
                      [last_CSeq:]
                      Content-Length: 0

                  ]]></send>
                  <recv request="ACK"/>
                """.formatted(status, reason);
        return """
                <?xml version="1.0" encoding="ISO-8859-1" ?>
                <scenario name="goip answers">
                  <recv request="INVITE"/>
                  <send><![CDATA[
                      SIP/2.0 180 Ringing
                      [last_Via:]
                      [last_From:]
                      [last_To:];tag=[pid]goip
                      [last_Call-ID:]
                      [last_CSeq:]
                      Content-Length: 0

                  ]]></send>
                %s
                </scenario>
                """.formatted(answer);
    }

    @Test
    void aCallFromTheBoxIsAnsweredByThePortAndItsVoiceComesBack() throws Exception {
        int sipPort = Sipp.freeUdpPort();
        int media = Sipp.freeUdpPort();
        try (Sipp port = Sipp.run(answering(media, 200, ""), null, sipPort, "-rtp_echo", "-mp",
                Integer.toString(media))) {
            registerAs("goip1", "s3cret", sipPort);
            SipCall call = sip.call("goip1", "13900001111");
            until("answered", () -> call.phase() == SipCall.Phase.ACTIVE);
            assertTrue(call.rang(), "the port's 180 Ringing came first");
            List<Frame> heard = new CopyOnWriteArrayList<>();
            call.rtp().listen(heard::add);
            byte[] frame = new byte[Pcm.FRAME_BYTES];
            for (int i = 0; i < Pcm.FRAME_SAMPLES; i++) {
                short s = (short) (6000 * Math.sin(2 * Math.PI * 1000 * i / 8000.0));
                frame[2 * i] = (byte) s;
                frame[2 * i + 1] = (byte) (s >> 8);
            }
            for (int i = 0; i < 25; i++) {
                call.rtp().send(frame);
                Thread.sleep(20);
            }
            until("the echo", () -> heard.size() >= 20);
            call.hangUp();
            assertEquals(SipCall.End.NORMAL, call.ended().get(5, TimeUnit.SECONDS).end().orElseThrow());
            assertEquals(0, port.await(), port.trace());
        }
    }

    @Test
    void aBusyPortsRemoteBusyIsBusy() throws Exception {
        int sipPort = Sipp.freeUdpPort();
        try (Sipp port = Sipp.run(answering(0, 480, "Remote Busy"), null, sipPort)) {
            registerAs("goip1", "s3cret", sipPort);
            SipCall call = sip.call("goip1", "13900002222");
            SipCall done = call.ended().get(10, TimeUnit.SECONDS);
            assertEquals(SipCall.End.BUSY, done.end().orElseThrow());
            assertEquals("480 Remote Busy", done.detail());
            assertEquals(0, port.await(), port.trace());
        }
    }

    @Test
    void noCallGoesToAPortThatHasNotRegisteredNorToAServiceCode() throws Exception {
        assertThrows(SipServer.Unavailable.class, () -> sip.call("goip2", "13900002222"));
        registerAs("goip1", "s3cret", Sipp.freeUdpPort());
        assertThrows(IllegalArgumentException.class, () -> sip.call("goip1", "*21*13900002222#"));
        assertThrows(IllegalArgumentException.class, () -> sip.call("goip1", "139 0000"));
    }

    /** A GSM call arriving at the port: INVITE to the box, SIPp's G.711 capture and an RFC 2833 '5', BYE. */
    static String ringingIn(String caller) {
        return """
                <?xml version="1.0" encoding="ISO-8859-1" ?>
                <scenario name="goip call in">
                  <send retrans="200"><![CDATA[
                      INVITE sip:goip1@[remote_ip]:[remote_port] SIP/2.0
                      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
                      From: <sip:%1$s@[local_ip]>;tag=[pid]in
                      To: <sip:goip1@[remote_ip]>
                      Call-ID: [call_id]
                      CSeq: 1 INVITE
                      Contact: <sip:goip1@[local_ip]:[local_port]>
                      Max-Forwards: 70
                      User-Agent: dble
                      Content-Type: application/sdp
                      Content-Length: [len]

                      v=0
                      o=dble 1 1 IN IP4 [local_ip]
                      s=dble
                      c=IN IP4 [local_ip]
                      t=0 0
                      m=audio [media_port] RTP/AVP 8 0 101
                      a=rtpmap:8 PCMA/8000
                      a=rtpmap:0 PCMU/8000
                      a=rtpmap:101 telephone-event/8000
                      a=fmtp:101 0-15
                      a=ptime:20

                  ]]></send>
                  <recv response="100" optional="true"/>
                  <recv response="180"/>
                  <recv response="200"/>
                  <send><![CDATA[
                      ACK sip:branchline@[remote_ip]:[remote_port] SIP/2.0
                      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
                      From: <sip:%1$s@[local_ip]>;tag=[pid]in
                      [last_To:]
                      Call-ID: [call_id]
                      CSeq: 1 ACK
                      Max-Forwards: 70
                      Content-Length: 0

                  ]]></send>
                  <nop><action><exec play_pcap_audio="/usr/share/sip-tester/g711a.pcap"/></action></nop>
                  <pause milliseconds="2000"/>
                  <nop><action><exec play_pcap_audio="/usr/share/sip-tester/dtmf_2833_5.pcap"/></action></nop>
                  <pause milliseconds="1000"/>
                  <send retrans="200"><![CDATA[
                      BYE sip:branchline@[remote_ip]:[remote_port] SIP/2.0
                      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
                      From: <sip:%1$s@[local_ip]>;tag=[pid]in
                      [last_To:]
                      Call-ID: [call_id]
                      CSeq: 2 BYE
                      Max-Forwards: 70
                      Content-Length: 0

                  ]]></send>
                  <recv response="200"/>
                </scenario>
                """.formatted(caller);
    }

    @Test
    void aGsmCallToThePortRingsTheBoxCarriesItsVoiceAndKeysAndEndsWithItsBye() throws Exception {
        int sipPort = Sipp.freeUdpPort();
        registerAs("goip1", "s3cret", sipPort);
        List<SipCall> rang = new CopyOnWriteArrayList<>();
        List<Frame> heard = new CopyOnWriteArrayList<>();
        List<Character> keys = new CopyOnWriteArrayList<>();
        sip.onIncoming(c -> {
            rang.add(c);
            c.rtp().listen(heard::add);
            c.rtp().onKey(keys::add);
            c.answer();
        });
        try (Sipp port = Sipp.run(ringingIn("13912345678"), "127.0.0.1:" + sip.port(), sipPort,
                "-mp", Integer.toString(Sipp.freeUdpPort()))) {
            until("rung", () -> !rang.isEmpty());
            SipCall call = rang.get(0);
            assertEquals("goip1", call.account());
            assertEquals("13912345678", call.number());
            assertEquals(SipCall.End.NORMAL, call.ended().get(20, TimeUnit.SECONDS).end().orElseThrow());
            assertEquals(0, port.await(), port.trace());
        }
        assertTrue(heard.size() >= 50, "a second of SIPp's G.711 capture at least: " + heard.size() + " frames");
        assertEquals(List.of('5'), keys);
    }

    @Test
    void aCallFromAnAddressThatNeverRegisteredIsRefused() throws Exception {
        List<SipCall> rang = new CopyOnWriteArrayList<>();
        sip.onIncoming(rang::add);
        try (Sipp stranger = Sipp.run(ringingIn("13912345678"), "127.0.0.1:" + sip.port(), Sipp.freeUdpPort())) {
            assertTrue(stranger.await() != 0, "403, not 200");
        }
        assertTrue(rang.isEmpty());
        assertEquals(Duration.ZERO, sip.left("goip1"));
    }

    @Test
    void garbageOversizedAndMalformedDatagramsChangeNothingAndTheNextPortStillRegisters() throws Exception {
        java.net.InetSocketAddress to = new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), sip.port());
        String hostileUser = "goip1\u0000\r\nX-Evil: 1";
        List<byte[]> hostile = List.of(
                new byte[] {0, 1, 2, 3, (byte) 0xff},
                new byte[60_000],
                ("REGISTER sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK1\r\n"
                        + "X-Long: " + "a".repeat(20_000) + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                ("REGISTER sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK2\r\nFrom: <sip:"
                        + hostileUser + "@x>;tag=1\r\nTo: <sip:" + hostileUser + "@x>\r\nCall-ID: 1\r\nCSeq: 1 REGISTER\r\n"
                        + "Contact: <sip:a@127.0.0.1:9>\r\nContent-Length: 0\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                ("INVITE sip:1@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK3\r\nFrom: <sip:1@x>;tag=1"
                        + "\r\nTo: <sip:2@x>\r\nCall-ID: 2\r\nCSeq: 1 INVITE\r\nContent-Length: 99999\r\n\r\nv=0\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "SIP/2.0 200 OK\r\nCSeq: 1 INVITE\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (java.net.DatagramSocket s = new java.net.DatagramSocket()) {
            for (int round = 0; round < 20; round++) {
                for (byte[] d : hostile) {
                    s.send(new java.net.DatagramPacket(d, d.length, to));
                }
            }
        }
        assertEquals(0, sip.calls(), "nothing started a call");
        assertTrue(sip.contact("goip1").isEmpty(), "nothing registered");
        int contact = Sipp.freeUdpPort();
        registerAs("goip1", "s3cret", contact);
        assertEquals(new InetSocketAddress(InetAddress.getLoopbackAddress(), contact), sip.contact("goip1").orElseThrow());
    }

    @Test
    void aFloodOfInvitesFromARegisteredPortOpensAtMostTwoCallsAndTheRestHearBusy() throws Exception {
        int contact = Sipp.freeUdpPort();
        registerAs("goip1", "s3cret", contact);
        List<SipCall> rang = new CopyOnWriteArrayList<>();
        sip.onIncoming(rang::add);
        int busy = 0;
        try (java.net.DatagramSocket port = new java.net.DatagramSocket(new InetSocketAddress(
                InetAddress.getLoopbackAddress(), contact))) {
            port.setSoTimeout(200);
            for (int i = 0; i < 30; i++) {
                String sdp = "v=0\r\no=dble 1 1 IN IP4 127.0.0.1\r\ns=dble\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                        + "m=audio 40000 RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\n";
                String invite = "INVITE sip:goip1@127.0.0.1:" + sip.port() + " SIP/2.0\r\n"
                        + "Via: SIP/2.0/UDP 127.0.0.1:" + contact + ";branch=z9hG4bKflood" + i + "\r\n"
                        + "From: <sip:1390000" + String.format("%04d", i) + "@127.0.0.1>;tag=f" + i + "\r\n"
                        + "To: <sip:goip1@127.0.0.1>\r\nCall-ID: flood-" + i + "\r\nCSeq: 1 INVITE\r\n"
                        + "Contact: <sip:goip1@127.0.0.1:" + contact + ">\r\nMax-Forwards: 70\r\n"
                        + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp;
                byte[] b = invite.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                port.send(new java.net.DatagramPacket(b, b.length, new InetSocketAddress(InetAddress.getLoopbackAddress(),
                        sip.port())));
            }
            long until = System.currentTimeMillis() + 5_000;
            byte[] buf = new byte[4096];
            while (System.currentTimeMillis() < until && busy < 28) {
                java.net.DatagramPacket p = new java.net.DatagramPacket(buf, buf.length);
                try {
                    port.receive(p);
                } catch (java.net.SocketTimeoutException e) {
                    continue;
                }
                if (new String(buf, 0, p.getLength(), java.nio.charset.StandardCharsets.US_ASCII).startsWith("SIP/2.0 486")) {
                    busy++;
                }
            }
        }
        assertEquals(28, busy, "every INVITE past the second hears 486");
        assertEquals(2, rang.size());
        assertTrue(sip.calls() <= 2, "calls open: " + sip.calls());
    }

    private static long scannerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive()
                && t.getName().equals("EventScannerThread")).count();
    }

    @Test
    void aClosedServerLeavesNoThreadThatKeepsTheJvmAlive() throws Exception {
        long before = scannerThreads();
        SipServer other = new SipServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Map.of("x", "y"),
                Clock.systemUTC());
        other.start();
        assertEquals(before + 1, scannerThreads(), "the stack's event scanner, not a daemon");
        other.close();
        until("its scanner gone", () -> scannerThreads() == before);
    }
}
