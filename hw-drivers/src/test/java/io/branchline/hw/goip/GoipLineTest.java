package io.branchline.hw.goip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.branchline.hw.emulator.EmulatedGoip;
import io.branchline.hw.emulator.EmulatedGoipPort;
import io.branchline.hw.modem.LineState;
import io.branchline.hw.modem.ReceivedSms;
import io.branchline.hw.modem.SmsSubmitter;
import io.branchline.hw.modem.UssdSession;
import io.branchline.hw.serial.WireLog;
import io.branchline.hw.sms.StatusReport;
import io.branchline.hw.time.ManualScheduler;
import io.branchline.hw.time.SystemScheduler;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GoIP ports as lines, over real UDP on loopback against the emulated gateway. */
class GoipLineTest {
    private final SystemScheduler scheduler = new SystemScheduler();
    private GoipServer server;
    private EmulatedGoip goip;
    private GoipLine line;
    private EmulatedGoipPort port;

    @BeforeEach
    void start() throws Exception {
        server = new GoipServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Set.of());
        line = new GoipLine("goip-1", "goip1", "s3cret", scheduler);
        server.add(line);
        server.start();
        line.start();
        goip = new EmulatedGoip(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()),
                Duration.ofMillis(200));
        port = goip.addPort("goip1", "s3cret", "13800000101");
    }

    @AfterEach
    void stop() {
        goip.close();
        server.close();
        line.close();
        scheduler.close();
    }

    static void until(String what, BooleanSupplier cond, Object seen) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not " + what + " within 10 s; last seen: " + seen);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void aRegisteredPortIsAnUpLineWithItsSimAndSignal() {
        until("up", () -> line.snapshot().status().state() == LineState.UP, line.snapshot());
        var s = line.snapshot();
        assertEquals("13800000101", s.identity().ownNumber());
        assertEquals(port.imei(), s.identity().imei());
        assertTrue(s.identity().iccid().startsWith("8986001"));
        assertEquals("CHINA MOBILE", s.status().operator());
        assertEquals(2 * 24 - 113, s.status().signal().dbm().getAsInt());
        assertEquals("127.0.0.1:" + port.localPort(), s.port());
        assertEquals("GoIP", s.profile().label());
        until("acknowledged", () -> port.registeredStatus() == 0, port.registeredStatus());
        assertTrue(line.probed());
        assertTrue(line.calls().isEmpty()); // no voice yet: the box places no call here
    }

    @Test
    void gsmLogoutAndSignal99AreShownAsTheyAre() {
        until("up", () -> line.snapshot().status().state() == LineState.UP, line.snapshot());
        port.signal(99);
        port.gsmLogin(false);
        until("logged out", () -> line.snapshot().status().state() == LineState.NOT_REGISTERED, line.snapshot());
        assertFalse(line.snapshot().status().signal().known());
        assertTrue(line.snapshot().status().detail().contains("logged out"), line.snapshot().status().detail().toString());
    }

    @Test
    void aWrongPasswordIsRefusedAndTheLineStaysDown() throws Exception {
        List<String> refused = new CopyOnWriteArrayList<>();
        server.onRefused(refused::add);
        var other = goip.addPort("goip1", "wrong", "13800000199");
        other.wrongPassword(true);
        until("refused", () -> other.registeredStatus() == -1, other.registeredStatus());
        assertTrue(refused.contains("a wrong password"), refused.toString());
        // the rightful port keeps the line; the impostor's address never becomes the line's
        until("up", () -> line.snapshot().status().state() == LineState.UP, line.snapshot());
        assertTrue(line.snapshot().port().endsWith(":" + port.localPort()));
    }

    @Test
    void anUnknownIdIsRefusedAsTheProtocolRefusesAWrongPassword() throws Exception {
        var stranger = goip.addPort("goip9", "s3cret", "13800000109");
        until("refused", () -> stranger.registeredStatus() == -1, stranger.registeredStatus());
    }

    @Test
    void aReceivedTextIsHandedOverOnceEvenWhenItsAcknowledgementIsLost() {
        List<ReceivedSms> got = new CopyOnWriteArrayList<>();
        line.sms().onSms(got::add);
        until("up", () -> line.snapshot().status().state() == LineState.UP, line.snapshot());
        port.loseAcks(1);
        port.receiveSms("13900001111", "明天上午十点; 带身份证");
        until("received", () -> !got.isEmpty(), got);
        // the GoIP sends it again 3 s later (its ack was lost); the box acknowledges it but keeps one copy
        until("acknowledged", () -> port.unacknowledged() == 0, port.unacknowledged());
        assertEquals(1, got.size());
        assertEquals("13900001111", got.get(0).sender());
        assertEquals("明天上午十点; 带身份证", got.get(0).text());
        assertEquals("goip-1", got.get(0).lineId());
    }

    @Test
    void aTextTheBoxCouldNotKeepIsNotAcknowledgedSoTheGoipSendsItAgain() {
        AtomicInteger attempts = new AtomicInteger();
        List<ReceivedSms> kept = new CopyOnWriteArrayList<>();
        line.sms().onSms(s -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("disk full");
            }
            kept.add(s);
        });
        until("up", () -> line.snapshot().status().state() == LineState.UP, line.snapshot());
        port.receiveSms("13900001111", "hello");
        until("kept on the second try", () -> kept.size() == 1, attempts.get());
        until("acknowledged", () -> port.unacknowledged() == 0, port.unacknowledged());
        assertEquals(1, kept.size());
    }

    @Test
    void aTextIsSentInOneSessionAndItsDeliveryReportMatchesItsNumber() throws Exception {
        List<StatusReport> reports = new CopyOnWriteArrayList<>();
        line.sms().onStatusReport(reports::add);
        until("up", () -> line.linked(), line.snapshot());
        List<Integer> refs = line.sendSms("13900002222", "您好，您的贷款申请已受理 😀", 7);
        assertEquals(1, refs.size());
        assertEquals(1, port.sent().size());
        var sent = port.sent().get(0);
        assertEquals("13900002222", sent.number());
        assertEquals("您好，您的贷款申请已受理 😀", sent.text());
        assertEquals(refs.get(0), sent.smsNo());
        until("reported", () -> !reports.isEmpty(), reports);
        assertEquals(refs.get(0), reports.get(0).reference());
        assertTrue(reports.get(0).delivered());
    }

    @Test
    void aBusyPortSaysWaitAndTheSameSendGoesOnceItIsFree() throws Exception {
        until("up", () -> line.linked(), line.snapshot());
        port.busy(2);
        line.sendSms("13900002222", "hi", 1);
        assertEquals(1, port.sent().size());
        assertEquals(3, port.commands().stream().filter(c -> c.startsWith("SEND ")).count());
    }

    @Test
    void aRefusedNumberFailsTheMessageWithTheGoipsReason() {
        until("up", () -> line.linked(), line.snapshot());
        port.gsmLogin(false);
        var e = assertThrows(SmsSubmitter.NotSent.class, () -> line.sendSms("13900002222", "hi", 1));
        assertTrue(e.getMessage().contains("GSM logout"), e.getMessage());
        assertFalse(e.unknown());
        assertTrue(port.sent().isEmpty());
    }

    @Test
    void ussdIsAnsweredAndNeverSentTwice() throws Exception {
        until("up", () -> line.linked(), line.snapshot());
        assertEquals("您的账户余额为12.34元", line.ussd().ask("*100#", Duration.ofSeconds(5)).text());
        assertEquals(List.of("*100#"), port.ussdAsked());
        port.ussdAnswers(code -> null);
        var e = assertThrows(UssdSession.Unanswered.class, () -> line.ussd().ask("*101#", Duration.ofMillis(800)));
        assertTrue(e.getMessage().contains("not sent again"), e.getMessage());
        Thread.sleep(300);
        assertEquals(List.of("*100#", "*101#"), port.ussdAsked());
        var bad = assertThrows(IllegalArgumentException.class, () -> line.ussd().ask("*100#\nAT", Duration.ofSeconds(1)));
        assertTrue(bad.getMessage().startsWith("code:"));
        assertEquals(2, port.ussdAsked().size());
    }

    @Test
    void controlCommandsAreRetriedWhenTheirDatagramIsLost() throws Exception {
        until("up", () -> line.linked(), line.snapshot());
        port.loseCommands(1);
        line.gsmNumber("13800000555");
        assertEquals("13800000555", line.gsmNumber());
        line.enable(false);
        until("disabled", () -> line.snapshot().status().state() == LineState.DOWN, line.snapshot());
        assertTrue(line.snapshot().status().detail().contains("disabled"), line.snapshot().status().detail().toString());
        line.enable(true);
        until("up again", () -> line.snapshot().status().state() == LineState.UP, line.snapshot());
        var bad = assertThrows(IllegalArgumentException.class, () -> line.gsmNumber("*21*13800#"));
        assertTrue(bad.getMessage().startsWith("number:"));
    }

    @Test
    void theSimsForwardingIsSetAndErasedWithTheCfCommandEvenWhenADatagramIsLost() throws Exception {
        until("up", () -> line.linked(), line.snapshot());
        var forwarding = line.forwarding().orElseThrow();
        port.loseCommands(1);
        var r = forwarding.register(new io.branchline.hw.at.DialString("13912345675"));
        assertEquals(io.branchline.hw.line.CallForwarding.Outcome.REGISTERED, r.outcome(), r.detail());
        assertEquals("13912345675", port.forwardTo());
        assertTrue(forwarding.erase());
        assertEquals("", port.forwardTo());
        assertTrue(port.commands().stream().anyMatch(c -> c.startsWith("CF ") && c.contains(" s3cret 0 3 13912345675 0")),
                port.commands().toString());
        assertTrue(line.wireLog().chunks().stream().map(WireLog.Chunk::line).noneMatch(l -> l.contains("s3cret")));

        var code = forwarding.register(new io.branchline.hw.at.DialString("*21*139#"));
        assertEquals(io.branchline.hw.line.CallForwarding.Outcome.FAILED, code.outcome());
        assertEquals("", port.forwardTo(), "a service code is never sent as a forwarding target");
        port.gsmLogin(false);
        var down = forwarding.register(new io.branchline.hw.at.DialString("13912345675"));
        assertEquals(io.branchline.hw.line.CallForwarding.Outcome.FAILED, down.outcome());
        assertTrue(down.detail().contains("GSM logout"), down.detail());
    }

    @Test
    void thePasswordNeverReachesTheWireLog() throws Exception {
        until("up", () -> line.linked(), line.snapshot());
        line.ussd().ask("*100#", Duration.ofSeconds(5));
        line.sendSms("13900002222", "hi", 1);
        List<String> lines = line.wireLog().chunks().stream().map(WireLog.Chunk::line).toList();
        assertFalse(lines.isEmpty());
        assertTrue(lines.stream().noneMatch(l -> l.contains("s3cret")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("pass:***")));
    }

    @Test
    void garbageAndFloodsDoNotStopTheGoodPacketsBehindThem() throws Exception {
        List<ReceivedSms> got = new CopyOnWriteArrayList<>();
        line.sms().onSms(got::add);
        until("up", () -> line.linked(), line.snapshot());
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            var to = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
            List<byte[]> bad = List.of(new byte[0], new byte[20_000], "\u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1),
                    "RECEIVE:1;id:goip1;password:s3cret;srcnum:1;msg:forged from elsewhere".getBytes(StandardCharsets.UTF_8),
                    "OK 1 1 1".getBytes(StandardCharsets.UTF_8), "req:1;id:goip1;pass:nope;".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 500; i++) {
                byte[] b = bad.get(i % bad.size());
                s.send(new DatagramPacket(b, b.length, to));
            }
        }
        port.receiveSms("13900001111", "after the flood");
        until("received", () -> got.stream().anyMatch(m -> m.text().equals("after the flood")), got);
        // a packet with the right password from another address is taken (the protocol has no more than the
        // password); an allowed-addresses list is what keeps strangers out
        assertTrue(line.snapshot().port().endsWith(":" + port.localPort()));
    }

    @Test
    void onlyListedAddressesAreHeardWhenTheInstallerListsThem() throws Exception {
        try (GoipServer strict = new GoipServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Set.of(InetAddress.getByName("192.0.2.7")))) {
            GoipLine l = new GoipLine("goip-x", "goipx", "pw", scheduler);
            strict.add(l);
            strict.start();
            List<String> refused = new CopyOnWriteArrayList<>();
            strict.onRefused(refused::add);
            try (EmulatedGoip g = new EmulatedGoip(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    strict.port()), Duration.ofMillis(100))) {
                var p = g.addPort("goipx", "pw", "1");
                until("refused", () -> !refused.isEmpty(), refused);
                assertEquals(Integer.MIN_VALUE, p.registeredStatus()); // not even answered
                assertEquals(LineState.DOWN, l.snapshot().status().state());
            }
        }
    }

    @Test
    void aLineThatFallsSilentIsDownAfterTwoMinutes() throws Exception {
        ManualScheduler manual = new ManualScheduler();
        try (GoipServer s = new GoipServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Set.of())) {
            GoipLine l = new GoipLine("goip-m", "goipm", "pw", manual);
            s.add(l);
            s.start();
            l.start();
            try (EmulatedGoip g = new EmulatedGoip(new InetSocketAddress(InetAddress.getLoopbackAddress(), s.port()),
                    Duration.ofMillis(100))) {
                var p = g.addPort("goipm", "pw", "13800000777");
                until("up", () -> l.snapshot().status().state() == LineState.UP, l.snapshot());
                p.silent(true);
                Thread.sleep(300);
                manual.advance(Duration.ofSeconds(100));
                assertEquals(LineState.UP, l.snapshot().status().state());
                manual.advance(Duration.ofSeconds(30));
                assertEquals(LineState.DOWN, l.snapshot().status().state());
                assertTrue(l.snapshot().status().detail().contains("no keepalive"), l.snapshot().status().detail().toString());
                assertFalse(l.linked());
                p.silent(false);
                until("up again", () -> l.snapshot().status().state() == LineState.UP, l.snapshot());
            }
        }
    }
}
