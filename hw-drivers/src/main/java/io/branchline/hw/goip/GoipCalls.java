package io.branchline.hw.goip;

import io.branchline.hw.at.DialString;
import io.branchline.hw.audio.Pcm;
import io.branchline.hw.line.LineCalls;
import io.branchline.hw.modem.CallPhase;
import io.branchline.hw.modem.EndCause;
import io.branchline.hw.modem.ModemCall;
import io.branchline.hw.sip.SipCall;
import io.branchline.hw.sip.SipServer;
import io.branchline.hw.time.Scheduler;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls of one GoIP port, carried over SIP by the port's own account (the GoIP's "Config by Line"): the
 * box dials with an INVITE to the contact the port registered, and a GSM call to the port's SIM comes to the
 * box as the port's INVITE. Each SIP call is shown to the box as the same {@link ModemCall} a modem's call
 * is, so nothing above the line knows which kind carries it.
 *
 * <p>Two GoIP habits are covered here: a GoIP hangs up a call that brings it no RTP for 10 s, so while a call
 * is up and the box sends nothing (between prompts, before a leg is joined) a frame of silence goes every
 * second; and a port that stops sending RTP for {@link #DEAD_AIR} is taken as gone, and the call is hung up
 * rather than left open with nobody on it.
 */
public final class GoipCalls implements LineCalls {
    private static final Logger log = LoggerFactory.getLogger(GoipCalls.class);
    /** How long a call may go without a packet from the GoIP before the box hangs it up. */
    public static final Duration DEAD_AIR = Duration.ofSeconds(30);
    /** How often the box looks at a call's voice (and keeps the GoIP's 10 s limit from running out). */
    static final Duration TICK = Duration.ofSeconds(1);

    private final String lineId;
    private final String account;
    private final SipServer sip;
    private final Scheduler scheduler;
    private final boolean keysFromLine;
    private final Duration deadAir;
    private final List<Consumer<ModemCall>> incoming = new CopyOnWriteArrayList<>();
    private final Object slot = new Object();
    private volatile Current current;
    private volatile Consumer<Character> keys;

    /** The SIP call under the box's call. */
    private record Current(ModemCall call, SipCall sip) {
    }

    /**
     * @param keysFromLine whether the port sends the caller's keys as RFC 2833 events (the GoIP's "DTMF
     *                     Signaling: RFC2833"); else they come in the voice ("Inband") and the box detects them
     */
    public GoipCalls(String lineId, String account, SipServer sip, Scheduler scheduler, boolean keysFromLine) {
        this(lineId, account, sip, scheduler, keysFromLine, DEAD_AIR);
    }

    GoipCalls(String lineId, String account, SipServer sip, Scheduler scheduler, boolean keysFromLine,
              Duration deadAir) {
        this.deadAir = deadAir;
        this.lineId = lineId;
        this.account = account;
        this.sip = sip;
        this.scheduler = scheduler;
        this.keysFromLine = keysFromLine;
        sip.onIncoming(c -> {
            if (c.account().equals(account)) {
                ringsIn(c);
            }
        });
    }

    /** Whether the port's SIP account is registered now, so that calls can reach it. */
    public boolean registered() {
        return sip.contact(account).isPresent();
    }

    /** Hears the port's SIP registration come and go. */
    void onRegistration(Runnable listener) {
        sip.onRegistration(a -> {
            if (a.equals(account)) {
                listener.run();
            }
        });
    }

    @Override
    public Optional<ModemCall> current() {
        Current c = current;
        return c == null || c.call().phase() == CallPhase.ENDED ? Optional.empty() : Optional.of(c.call());
    }

    /** The SIP call up or ringing now, whose RTP session is the call's voice. */
    Optional<SipCall> sipCall() {
        Current c = current;
        return c == null || c.call().phase() == CallPhase.ENDED ? Optional.empty() : Optional.of(c.sip());
    }

    /**
     * Dials {@code number} through the port. A GoIP dials only numbers: a string with {@code *} or {@code #}
     * (a service code, which the box sends to a GoIP as a USSD command instead) ends the call at once, as
     * does a port that has not registered.
     */
    @Override
    public ModemCall dial(DialString number) {
        ModemCall call = ModemCall.dialing(number.digits(), scheduler.clock().instant());
        synchronized (slot) {
            if (current().isPresent()) {
                throw new IllegalStateException("a call is already up on " + lineId);
            }
            if (!number.digits().matches("\\+?[0-9]{1,20}")) {
                call.end(EndCause.FAILED, "a GoIP port dials numbers only, not \"" + number.digits() + "\"",
                        scheduler.clock().instant());
                return call;
            }
            SipCall sc;
            try {
                sc = sip.call(account, number.digits());
            } catch (SipServer.Unavailable e) {
                call.end(EndCause.FAILED, e.getMessage(), scheduler.clock().instant());
                return call;
            }
            current = new Current(call, sc);
            follow(call, sc);
        }
        return call;
    }

    private void ringsIn(SipCall sc) {
        ModemCall call = ModemCall.ringing(scheduler.clock().instant());
        synchronized (slot) {
            if (current().isPresent()) {
                sc.hangUp(); // one call per port, as on a modem: the caller hears busy
                return;
            }
            current = new Current(call, sc);
            follow(call, sc);
        }
        call.identify(sc.number(), sc.number().isEmpty());
        log.info("line={} event=incoming-call", lineId);
        // Off the SIP stack's thread: a listener answers, which sends the 200 OK on that stack.
        Thread.ofVirtual().name("incoming " + lineId).start(() -> incoming.forEach(l -> l.accept(call)));
    }

    /** The SIP call's steps as the box's call's, its keys to the box, and its voice watched while it is up. */
    private void follow(ModemCall call, SipCall sc) {
        sc.rtp().onKey(k -> {
            Consumer<Character> to = keys;
            if (keysFromLine && to != null && call.phase() == CallPhase.ACTIVE) {
                to.accept(k);
            }
        });
        java.util.concurrent.atomic.AtomicBoolean watching = new java.util.concurrent.atomic.AtomicBoolean();
        Consumer<SipCall> step = s -> {
            switch (s.phase()) {
                case RINGING -> call.advance(CallPhase.ALERTING, scheduler.clock().instant());
                case ACTIVE -> {
                    call.advance(CallPhase.ACTIVE, scheduler.clock().instant());
                    if (watching.compareAndSet(false, true)) {
                        watch(call, sc, System.nanoTime());
                    }
                }
                case ENDED -> call.end(cause(s, call), s.detail(), scheduler.clock().instant());
                default -> { }
            }
        };
        sc.onChange(step);
        step.accept(sc); // what happened before we listened (a quick 180 after the INVITE went)
    }

    /** Every {@link #TICK} while the call is up; {@code upSince}: silence before the answer does not count. */
    private void watch(ModemCall call, SipCall sc, long upSince) {
        scheduler.schedule(TICK, () -> {
            if (call.phase() != CallPhase.ACTIVE) {
                return;
            }
            if (sc.rtp().silentFor().compareTo(deadAir) > 0 && System.nanoTime() - upSince > deadAir.toNanos()) {
                log.warn("line={} event=goip-call-silent seconds={}", lineId, deadAir.toSeconds());
                call.end(EndCause.NORMAL, "no voice from the GoIP for " + deadAir.toSeconds() + " s",
                        scheduler.clock().instant());
                sc.hangUp();
                return;
            }
            if (sc.rtp().unsentFor().compareTo(TICK) >= 0) {
                sc.rtp().send(new byte[Pcm.FRAME_BYTES]);
            }
            watch(call, sc, upSince);
        });
    }

    /** The SIP end as the box's end causes; a caller who gives up before the answer is a dropped call. */
    static EndCause cause(SipCall sc, ModemCall call) {
        return switch (sc.end().orElse(SipCall.End.FAILED)) {
            case NORMAL -> EndCause.NORMAL;
            case CANCELLED -> call.incoming() ? EndCause.NO_CARRIER : EndCause.CANCELLED;
            case BUSY -> EndCause.BUSY;
            case NO_ANSWER -> EndCause.NO_ANSWER;
            case REJECTED -> EndCause.REJECTED;
            case FAILED -> EndCause.FAILED;
        };
    }

    @Override
    public boolean keysFromLine() {
        return keysFromLine;
    }

    @Override
    public void keysTo(Consumer<Character> listener) {
        this.keys = listener;
    }

    @Override
    public void keysDone(Consumer<Character> listener) {
        synchronized (slot) {
            if (keys == listener) {
                keys = null;
            }
        }
    }

    @Override
    public void onIncoming(Consumer<ModemCall> listener) {
        incoming.add(listener);
    }

    @Override
    public boolean answer() {
        Current c = current;
        if (c == null || !c.call().incoming() || c.call().phase() != CallPhase.ALERTING) {
            return false;
        }
        c.sip().answer();
        return c.sip().phase() == SipCall.Phase.ACTIVE;
    }

    @Override
    public void hangUp() {
        Current c = current;
        if (c == null || c.call().phase() == CallPhase.ENDED) {
            return;
        }
        c.sip().hangUp();
    }
}
