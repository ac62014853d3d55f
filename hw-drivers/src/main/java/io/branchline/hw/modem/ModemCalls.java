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
 * Outgoing calls on one modem. +CLCC is the truth, polled every {@code pollEvery} while a call exists (as
 * ModemManager does); the modem's URCs (NO CARRIER, BUSY, NO ANSWER, Huawei ^CEND with its cause, SIMCom
 * +CLCC pushes) trigger an early poll and say why a call ended. One call at a time, like the desk phone.
 */
public final class ModemCalls {
    private static final Logger log = LoggerFactory.getLogger(ModemCalls.class);

    private final AtEngine engine;
    private final Scheduler scheduler;
    private final Duration pollEvery;
    private volatile ModemCall current;
    private volatile EndCause endHint;
    private volatile boolean hungUpHere;
    private volatile boolean missingOnce;

    public ModemCalls(AtEngine engine, Scheduler scheduler, Duration pollEvery) {
        this.engine = engine;
        this.scheduler = scheduler;
        this.pollEvery = pollEvery;
        engine.onUrc(this::onUrc);
    }

    public Optional<ModemCall> current() {
        ModemCall c = current;
        return c == null || c.phase() == CallPhase.ENDED ? Optional.empty() : Optional.of(c);
    }

    /**
     * Dials {@code number} (ATD number;) and returns the call once the modem has taken the command. A modem
     * that refuses ends the call at once with the cause it gave; it is never dialled twice.
     */
    public synchronized ModemCall dial(DialString number) {
        if (current().isPresent()) {
            throw new IllegalStateException("a call is already up on " + engine.port());
        }
        ModemCall call = new ModemCall(number.digits(), scheduler.clock().instant());
        current = call;
        endHint = null;
        hungUpHere = false;
        missingOnce = false;
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

    /** Hangs up the current call (AT+CHUP); it ends as NORMAL, or CANCELLED before an answer, hung up by the box. */
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
        Optional<CallEntry> ours = calls.stream().filter(c -> !c.incoming()).findFirst();
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
        EndCause cause = hungUpHere ? (call.answeredAt().isPresent() ? EndCause.NORMAL : EndCause.CANCELLED)
                : endHint != null ? endHint
                : call.answeredAt().isPresent() ? EndCause.NORMAL : EndCause.NO_CARRIER;
        call.end(cause, hungUpHere ? "hung up by the box" : "", scheduler.clock().instant());
    }

    private void onUrc(Urc urc) {
        ModemCall c = current;
        if (c == null || c.phase() == CallPhase.ENDED) {
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
