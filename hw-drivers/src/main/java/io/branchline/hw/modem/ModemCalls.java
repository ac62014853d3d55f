package io.branchline.hw.modem;

import io.branchline.hw.at.AtCommands;
import io.branchline.hw.at.AtEngine;
import io.branchline.hw.at.AtException;
import io.branchline.hw.at.AtResponse;
import io.branchline.hw.at.DialString;
import io.branchline.hw.at.FinalResult;
import io.branchline.hw.at.Urc;
import io.branchline.hw.at.parse.CallEntry;
import io.branchline.hw.at.parse.HuaweiCallEvent;
import io.branchline.hw.time.Scheduler;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls of one modem, out and in. +CLCC is the truth, polled every {@code pollEvery} while a call exists
 * (as ModemManager does); the modem's URCs (NO CARRIER, BUSY, NO ANSWER, Huawei ^CEND with its cause, SIMCom
 * +CLCC pushes) trigger an early poll and say why a call ended. An incoming call starts at its first RING
 * or +CRING: VOICE (repeats of both, and a second +CLIP, change nothing), is announced to the listeners once
 * its caller is known (+CLIP, else +CLCC's number, else withheld), and is answered (ATA) or refused
 * (AT+CHUP) by the box; one that leaves the list unanswered is a caller who gave up. One call at a time,
 * like the desk phone: a line ringing is a line busy.
 */
public final class ModemCalls implements io.branchline.hw.line.LineCalls {
    private static final Logger log = LoggerFactory.getLogger(ModemCalls.class);

    private final AtEngine engine;
    private final Scheduler scheduler;
    private final Duration pollEvery;
    private volatile ModemCall current;
    private volatile EndCause endHint;
    private volatile boolean hungUpHere;
    private volatile boolean missingOnce;
    /** Guards the one call slot ({@code current}) between ATD and a RING that arrives meanwhile. */
    private final Object slot = new Object();
    private final List<java.util.function.Consumer<ModemCall>> incomingListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.Set<ModemCall> announced = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Whether the modem reports the caller's keys itself (its detection switched on at set-up). */
    private volatile boolean keysFromModem;
    private volatile java.util.function.Consumer<Character> keys;

    public ModemCalls(AtEngine engine, Scheduler scheduler, Duration pollEvery) {
        this.engine = engine;
        this.scheduler = scheduler;
        this.pollEvery = pollEvery;
        engine.onUrc(this::onUrc);
    }

    @Override
    public Optional<ModemCall> current() {
        ModemCall c = current;
        return c == null || c.phase() == CallPhase.ENDED ? Optional.empty() : Optional.of(c);
    }

    /**
     * Dials {@code number} (ATD number;) and returns the call once the modem has taken the command. A modem
     * that refuses ends the call at once with the cause it gave; it is never dialled twice.
     */
    @Override
    public synchronized ModemCall dial(DialString number) {
        ModemCall call = ModemCall.dialing(number.digits(), scheduler.clock().instant());
        synchronized (slot) {
            if (current().isPresent()) {
                throw new IllegalStateException("a call is already up on " + engine.port());
            }
            current = call;
            endHint = null;
            hungUpHere = false;
            missingOnce = false;
        }
        try {
            AtResponse r = engine.execute(AtCommands.dial(number));
            if (!r.isOk()) {
                call.end(causeOfDialFailure(r.result()), r.result().toString(), scheduler.clock().instant());
                return call;
            }
        } catch (AtException e) {
            call.end(EndCause.FAILED, e.getMessage(), scheduler.clock().instant());
            return call;
        }
        schedulePoll(call);
        return call;
    }

    /**
     * Switches the modem's own key detection on ({@code AT+QTONEDET=1}, {@code AT+DDET=1}); false, and the
     * box listens for keys in the voice itself, when the profile has none or the modem refuses.
     */
    public boolean detectKeys(Optional<io.branchline.hw.at.AtCommand> on) {
        keysFromModem = false;
        if (on.isPresent()) {
            try {
                keysFromModem = engine.execute(on.get()).isOk();
            } catch (AtException e) {
                log.info("port={} event=key-detection-off error=\"{}\"", engine.port(), e.getMessage());
            }
        }
        return keysFromModem;
    }

    /** Whether the keys of a call on this modem come from the modem (else: detect them in the voice). */
    @Override
    public boolean keysFromLine() {
        return keysFromModem;
    }

    /** Where the keys the modem detects go while a call is up. */
    @Override
    public void keysTo(java.util.function.Consumer<Character> listener) {
        this.keys = listener;
    }

    /**
     * {@code listener} hears no more keys; a listener set since (the next call's) stays. A call that ends
     * while the next one already rings must not take that one's keys away.
     */
    @Override
    public void keysDone(java.util.function.Consumer<Character> listener) {
        synchronized (slot) {
            if (keys == listener) {
                keys = null;
            }
        }
    }

    /** Hears every incoming call once, when its caller is known (or known to be withheld). */
    @Override
    public void onIncoming(java.util.function.Consumer<ModemCall> listener) {
        incomingListeners.add(listener);
    }

    /**
     * Answers the ringing call (ATA); true once the modem connected it. False when nothing rings or the
     * caller has gone meanwhile (NO CARRIER), which the next poll ends.
     */
    @Override
    public boolean answer() {
        ModemCall c = current;
        if (c == null || !c.incoming() || c.phase() != CallPhase.ALERTING) {
            return false;
        }
        try {
            AtResponse r = engine.execute(AtCommands.answer());
            if (r.isOk()) {
                c.advance(CallPhase.ACTIVE, scheduler.clock().instant());
                return true;
            }
        } catch (AtException e) {
            log.warn("port={} event=answer-failed error=\"{}\"", engine.port(), e.getMessage());
        }
        Thread.ofVirtual().start(() -> poll(c));
        return false;
    }

    /**
     * Hangs up the current call (AT+CHUP); it ends as NORMAL, or before an answer as CANCELLED (outgoing) or
     * REJECTED (an incoming call the box refused), hung up by the box.
     */
    @Override
    public void hangUp() {
        ModemCall c = current;
        if (c == null || c.phase() == CallPhase.ENDED) {
            return;
        }
        hungUpHere = true;
        try {
            engine.execute(AtCommands.hangUp());
        } catch (AtException e) {
            log.warn("port={} event=hang-up-failed error=\"{}\"", engine.port(), e.getMessage());
        }
        poll(c);
    }

    private static EndCause causeOfDialFailure(FinalResult r) {
        return switch (r.type()) {
            case BUSY -> EndCause.BUSY;
            case NO_ANSWER -> EndCause.NO_ANSWER;
            case NO_CARRIER, NO_DIALTONE -> EndCause.NO_CARRIER;
            default -> EndCause.FAILED;
        };
    }

    private void schedulePoll(ModemCall call) {
        scheduler.schedule(pollEvery, () -> Thread.ofVirtual().start(() -> {
            poll(call);
            if (call.phase() != CallPhase.ENDED) {
                schedulePoll(call);
            }
        }));
    }

    private synchronized void poll(ModemCall call) {
        if (call != current || call.phase() == CallPhase.ENDED) {
            return;
        }
        List<CallEntry> calls;
        try {
            AtResponse r = engine.execute(AtCommands.listCalls());
            if (!r.isOk()) {
                return;
            }
            calls = CallEntry.parseList(r.lines());
        } catch (AtException.LinkLost e) {
            call.end(EndCause.FAILED, "the modem went away during the call", scheduler.clock().instant());
            return;
        } catch (AtException e) {
            return; // a slow poll: the next one will tell
        }
        Optional<CallEntry> ours = calls.stream().filter(c -> c.incoming() == call.incoming()).findFirst();
        if (ours.isPresent() && call.incoming()) {
            if (ours.get().state() == CallEntry.State.ACTIVE) {
                call.advance(CallPhase.ACTIVE, scheduler.clock().instant());
            }
            identify(call, ours.get().number(), false);
            return;
        }
        if (ours.isPresent()) {
            switch (ours.get().state()) {
                case ALERTING -> call.advance(CallPhase.ALERTING, scheduler.clock().instant());
                case ACTIVE -> call.advance(CallPhase.ACTIVE, scheduler.clock().instant());
                default -> {
                    // dialling or held: nothing new
                }
            }
            return;
        }
        if (!hungUpHere && endHint == null && !missingOnce) {
            // Gone from the list, but the modem's word on why (BUSY, NO ANSWER ...) may be a line behind: the
            // next poll decides.
            missingOnce = true;
            return;
        }
        identify(call, "", true); // gone before anyone said who called
        boolean answered = call.answeredAt().isPresent();
        EndCause cause;
        String why;
        if (call.incoming()) {
            cause = answered ? EndCause.NORMAL : hungUpHere ? EndCause.REJECTED : EndCause.NO_ANSWER;
            why = hungUpHere ? (answered ? "hung up by the box" : "refused by the box")
                    : answered ? "" : "the caller hung up before the call was answered";
        } else {
            cause = hungUpHere ? (answered ? EndCause.NORMAL : EndCause.CANCELLED) : endHint != null ? endHint
                    : answered ? EndCause.NORMAL : EndCause.NO_CARRIER;
            why = hungUpHere ? "hung up by the box" : "";
        }
        call.end(cause, why, scheduler.clock().instant());
    }

    /** Gives an incoming call its caller the first time one is known, and announces it then, once. */
    private void identify(ModemCall call, String number, boolean withheld) {
        if (!call.incoming()) {
            return; // an outgoing call's number is the one dialled; nobody is told of it as a caller
        }
        call.identify(number, withheld);
        if ((!call.number().isEmpty() || call.withheld()) && announced.add(call)) {
            // Off the modem's reading thread: a listener answers (ATA), which needs that thread to read.
            Thread.ofVirtual().name("incoming " + engine.port()).start(() -> incomingListeners.forEach(l -> l.accept(call)));
        }
    }

    /**
     * RING, +CRING: VOICE: a call rings here; the first one opens it, the repeats change nothing. On the
     * modem's reading thread, so it takes only {@link #slot}, never the lock a poll holds while it waits.
     */
    private void ringing(Urc urc) {
        if (urc.is("+CRING") && !urc.payload().toUpperCase().contains("VOICE")) {
            return; // a fax or data call: not ours to answer
        }
        ModemCall call = ModemCall.ringing(scheduler.clock().instant());
        synchronized (slot) {
            if (current().isPresent()) {
                return;
            }
            current = call;
            endHint = null;
            hungUpHere = false;
            missingOnce = false;
            announced.clear();
        }
        log.info("port={} event=incoming-call", engine.port());
        Thread.ofVirtual().start(() -> poll(call));
        schedulePoll(call);
    }

    private void onUrc(Urc urc) {
        if (urc.is("RING") || urc.is("+CRING")) {
            ringing(urc);
            return;
        }
        if (urc.is("+CLIP")) {
            ModemCall ringing = current;
            if (ringing != null && ringing.incoming() && ringing.phase() != CallPhase.ENDED) {
                try {
                    io.branchline.hw.at.parse.CallerId id = io.branchline.hw.at.parse.CallerId.parseClip(urc.payload());
                    identify(ringing, id.withheld() ? "" : id.number(), id.withheld());
                } catch (RuntimeException e) {
                    log.warn("port={} event=clip-unreadable urc=\"{}\"", engine.port(), urc);
                }
            }
            return;
        }
        ModemCall c = current;
        if (c == null || c.phase() == CallPhase.ENDED) {
            return;
        }
        if (urc.is("+QTONEDET") || urc.is("+RXDTMF") || urc.is("^DDTMF")) {
            java.util.function.Consumer<Character> to = keys;
            io.branchline.hw.at.parse.DtmfKey.of(urc).ifPresent(k -> {
                if (to != null && c.phase() == CallPhase.ACTIVE) {
                    to.accept(k);
                }
            });
            return;
        }
        EndCause hint = switch (urc.name().toUpperCase()) {
            case "BUSY" -> EndCause.BUSY;
            case "NO ANSWER" -> EndCause.NO_ANSWER;
            case "NO CARRIER" -> c.answeredAt().isPresent() ? EndCause.NORMAL : EndCause.NO_CARRIER;
            case "^CEND" -> HuaweiCallEvent.of(urc).filter(e -> e.ccCause().isPresent())
                    .map(e -> fromCcCause(e.ccCause().getAsInt(), c)).orElse(null);
            default -> null;
        };
        if (hint != null && (endHint == null || endHint == EndCause.NO_CARRIER || endHint == EndCause.NORMAL)) {
            endHint = hint;
        }
        boolean callUrc = hint != null || urc.is("+CLCC") || urc.is("^CONF") || urc.is("^CONN") || urc.is("^ORIG")
                || urc.is("VOICE CALL");
        if (callUrc) {
            Thread.ofVirtual().start(() -> poll(c));
        }
    }

    /** 24.008 cause values: 16 normal clearing, 17 user busy, 18/19 no answer, 21 call rejected. */
    private static EndCause fromCcCause(int cause, ModemCall c) {
        return switch (cause) {
            case 17 -> EndCause.BUSY;
            case 18, 19 -> EndCause.NO_ANSWER;
            case 21 -> EndCause.REJECTED;
            case 16 -> c.answeredAt().isPresent() ? EndCause.NORMAL : EndCause.NO_CARRIER;
            default -> null;
        };
    }
}
