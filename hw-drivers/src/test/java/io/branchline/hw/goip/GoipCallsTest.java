package io.branchline.hw.goip;

import static io.branchline.hw.goip.GoipLineTest.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.hw.at.DialString;
import io.branchline.hw.audio.PcmEndpoint;
import io.branchline.hw.audio.Tone;
import io.branchline.hw.audio.ToneMeter;
import io.branchline.hw.emulator.EmulatedGoip;
import io.branchline.hw.emulator.EmulatedGoipPort;
import io.branchline.hw.emulator.EmulatedNetwork;
import io.branchline.hw.line.LineCalls;
import io.branchline.hw.modem.CallPhase;
import io.branchline.hw.modem.EndCause;
import io.branchline.hw.modem.ModemCall;
import io.branchline.hw.modem.ModemVoice;
import io.branchline.hw.sip.SipServer;
import io.branchline.hw.time.SystemScheduler;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A GoIP port's calls as a line's calls: the box's SIP server, the port's line, and the emulated gateway's
 * SIP user agents (registering with JAIN-SIP's own digest client) and GSM side on the emulated network, all
 * on loopback. The network answers numbers by their last digit (see {@link EmulatedNetwork}).
 */
class GoipCallsTest {
    private final SystemScheduler scheduler = new SystemScheduler();
    private final EmulatedNetwork network = new EmulatedNetwork(scheduler);
    private GoipServer server;
    private SipServer sip;
    private EmulatedGoip goip;
    private GoipLine line;
    private EmulatedGoipPort port;
    private LineCalls calls;

    @BeforeEach
    void start() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        server = new GoipServer(new InetSocketAddress(lo, 0), Set.of());
        sip = new SipServer(new InetSocketAddress(lo, 0), Map.of("goip1", "s3cret"), Clock.systemUTC());
        sip.start();
        line = new GoipLine("goip-1", "goip1", "s3cret", scheduler);
        line.carryCalls(new GoipCalls("goip-1", "goip1", sip, scheduler, true, Duration.ofSeconds(2)));
        server.add(line);
        server.start();
        line.start();
        goip = new EmulatedGoip(new InetSocketAddress(lo, server.port()), Duration.ofMillis(200));
        port = goip.addPort("goip1", "s3cret", "13800000101");
        goip.sip(new InetSocketAddress(lo, sip.port()), network);
        until("registered over SIP", port::sipRegistered, port.sipRegisterStatus());
        calls = line.calls().orElseThrow();
    }

    @AfterEach
    void stop() {
        goip.close();
        sip.close();
        server.close();
        line.close();
        scheduler.close();
    }

    private static void phase(ModemCall c, CallPhase p) {
        until("call " + p, () -> c.phase() == p, c);
    }

    @Test
    void theBoxDialsThroughThePortTheCustomerAnswersTalksAndTheBoxHangsUp() throws Exception {
        ModemCall c = calls.dial(new DialString("13912345675"));
        phase(c, CallPhase.ALERTING);
        assertEquals("13912345675", port.dialled());
        phase(c, CallPhase.ACTIVE);
        assertTrue(c.answeredAt().isPresent());

        PcmEndpoint voice = line.openVoice();
        ByteArrayOutputStream customer = new ByteArrayOutputStream();
        voice.listen(f -> customer.write(f.pcm(), 0, f.pcm().length));
        Tone agent = new Tone(1000, 6000, -1);
        for (int i = 0; i < 50; i++) { // one second of the agent saying 1 kHz
            voice.send(agent.next());
            Thread.sleep(20);
        }
        until("a second of the customer heard", () -> customer.size() >= 16_000, customer.size());
        byte[] heard = customer.toByteArray();
        assertTrue(ToneMeter.share(heard, 800, heard.length / 2, 440) > 0.8, "the box hears the customer's 440 Hz");
        until("the customer heard the agent", () -> port.voice().heard().frames() >= 40, port.voice().heard().frames());
        byte[] atCustomer = port.voice().heard().bytes();
        assertTrue(ToneMeter.share(atCustomer, 800, atCustomer.length / 2 - 800, 1000) > 0.8,
                "the customer hears the agent's 1 kHz through G.711");

        calls.hangUp();
        c.ended().get(5, TimeUnit.SECONDS);
        assertEquals(EndCause.NORMAL, c.cause().orElseThrow());
        until("the port is free", () -> !port.inCall(), port.dialled());
        assertTrue(calls.current().isEmpty());
        until("the network saw the box hang up", () -> network.records().stream().anyMatch(r -> r.dialed()
                .equals("13912345675") && r.outcome().equals("caller hung up")), network.records());
    }

    @Test
    void aBusyCalleeIsBusyThoughTheGoipSaysRemoteBusyInA480() throws Exception {
        ModemCall c = calls.dial(new DialString("13912345672"));
        c.ended().get(5, TimeUnit.SECONDS);
        assertEquals(EndCause.BUSY, c.cause().orElseThrow());
        assertEquals("480 Remote Busy", c.detail());
    }

    @Test
    void aCalleeWhoDeclinesIsRejected() throws Exception {
        ModemCall c = calls.dial(new DialString("13912345674"));
        phase(c, CallPhase.ALERTING);
        c.ended().get(8, TimeUnit.SECONDS);
        assertEquals(EndCause.REJECTED, c.cause().orElseThrow());
    }

    @Test
    void hangingUpWhileItRingsCancelsTheCallAndFreesThePort() throws Exception {
        ModemCall c = calls.dial(new DialString("13912345673"));
        phase(c, CallPhase.ALERTING);
        calls.hangUp();
        c.ended().get(5, TimeUnit.SECONDS);
        assertEquals(EndCause.CANCELLED, c.cause().orElseThrow());
        until("the port is free", () -> !port.inCall(), port.dialled());
        ModemCall next = calls.dial(new DialString("13912345675"));
        phase(next, CallPhase.ACTIVE);
        calls.hangUp();
    }

    @Test
    void theCustomerHangingUpEndsTheCallNormally() throws Exception {
        ModemCall c = calls.dial(new DialString("13912345675"));
        phase(c, CallPhase.ACTIVE);
        until("the customer hangs up", () -> network.farEndHangsUp("13912345675") == 1, c);
        c.ended().get(5, TimeUnit.SECONDS);
        assertEquals(EndCause.NORMAL, c.cause().orElseThrow());
    }

    @Test
    void aServiceCodeIsNeverDialledOnAGoipPort() {
        ModemCall c = calls.dial(new DialString("*100#"));
        assertEquals(EndCause.FAILED, c.cause().orElseThrow());
        assertTrue(c.detail().contains("numbers only"), c.detail());
        assertFalse(port.inCall());
    }

    @Test
    void aCallToThePortsSimRingsTheBoxWithTheCallersNumberAndItsKeysArriveAsEvents() throws Exception {
        List<ModemCall> rang = new CopyOnWriteArrayList<>();
        line.onIncoming(rang::add);
        List<Character> keys = new CopyOnWriteArrayList<>();
        calls.keysTo(keys::add);
        EmulatedGoipPort.Ringing in = port.ring("13700001234");
        assertNotNull(in);
        until("the box hears it ring", () -> !rang.isEmpty(), rang);
        ModemCall c = rang.get(0);
        assertTrue(c.incoming());
        assertEquals("13700001234", c.number());
        assertEquals(CallPhase.ALERTING, c.phase());

        assertTrue(calls.answer());
        assertEquals(CallPhase.ACTIVE, c.phase());
        until("the caller's side sees the answer", in::answered, c);
        PcmEndpoint voice = line.openVoice();
        voice.listen(f -> { });
        port.voice().press("12#");
        until("three keys", () -> keys.size() == 3, keys);
        assertEquals(List.of('1', '2', '#'), keys);

        in.callerHangsUp();
        c.ended().get(5, TimeUnit.SECONDS);
        assertEquals(EndCause.NORMAL, c.cause().orElseThrow());
    }

    @Test
    void aWithheldCallerIsShownAsWithheldAndOneWhoGivesUpWhileItRingsIsADroppedCall() throws Exception {
        List<ModemCall> rang = new CopyOnWriteArrayList<>();
        line.onIncoming(rang::add);
        EmulatedGoipPort.Ringing in = port.ring("");
        until("the box hears it ring", () -> !rang.isEmpty(), rang);
        ModemCall c = rang.get(0);
        assertTrue(c.withheld());
        assertEquals("", c.number());
        in.callerHangsUp();
        c.ended().get(5, TimeUnit.SECONDS);
        assertEquals(EndCause.NO_CARRIER, c.cause().orElseThrow());
    }

    @Test
    void whileTheBoxSaysNothingThePortStillGetsRtpSoItsTenSecondLimitNeverRunsOut() throws Exception {
        ModemCall c = calls.dial(new DialString("13912345675"));
        phase(c, CallPhase.ACTIVE);
        long before = port.voice().heard().frames();
        Thread.sleep(3_500);
        assertTrue(port.voice().heard().frames() - before >= 2, "a frame of silence each second: "
                + (port.voice().heard().frames() - before));
        assertEquals(CallPhase.ACTIVE, c.phase());
        calls.hangUp();
    }

    @Test
    void aPortWhoseVoiceStopsIsHungUpAfterTheDeadAirLimit() throws Exception {
        ModemCall c = calls.dial(new DialString("13912345675"));
        phase(c, CallPhase.ACTIVE);
        port.voice().mute(true);
        c.ended().get(6, TimeUnit.SECONDS);
        assertTrue(c.detail().contains("no voice from the GoIP"), c.detail());
        until("the port is free", () -> !port.inCall(), port.dialled());
    }

    @Test
    void voiceIsRefusedWithTheReasonWhenNoCallIsUp() {
        ModemVoice.VoiceUnavailableException e = org.junit.jupiter.api.Assertions.assertThrows(
                ModemVoice.VoiceUnavailableException.class, line::openVoice);
        assertTrue(e.getMessage().contains("no call is up"), e.getMessage());
    }

    @Test
    void aPortWithTheWrongPasswordNeverRegistersAndItsCallsFailSayingSo() throws Exception {
        EmulatedGoipPort wrong = goip.addPort("goip2", "nope", "13800000102");
        until("refused", () -> wrong.sipRegisterStatus() == 403 || wrong.sipRegisterStatus() == 401,
                wrong.sipRegisterStatus());
        assertFalse(wrong.sipRegistered());
        GoipLine other = new GoipLine("goip-2", "goip2", "nope", scheduler);
        other.carryCalls(sip, true);
        assertTrue(other.calls().isEmpty(), "a port not registered carries no calls");
        ModemCall c = new GoipCalls("goip-2", "goip2", sip, scheduler, true).dial(new DialString("13912345675"));
        assertEquals(EndCause.FAILED, c.cause().orElseThrow());
        assertTrue(c.detail().contains("has not registered"), c.detail());
    }
}
