package io.branchline.hw.modem;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One call on a modem, from ATD (or the first RING of an incoming one) to its end: the phase, the times of
 * each step, and the end cause. An incoming call starts alerting (ringing here) and its number is the
 * caller's, once +CLIP or +CLCC has said it (empty while unknown or when withheld). Listeners hear every
 * change; {@link #ended()} completes when the call is over.
 */
public final class ModemCall {
    private volatile String number;
    private final boolean incoming;
    private volatile boolean withheld;
    private final Instant dialedAt;
    private final List<Consumer<ModemCall>> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<ModemCall> ended = new CompletableFuture<>();
    private volatile CallPhase phase = CallPhase.DIALING;
    private volatile Instant alertingAt;
    private volatile Instant answeredAt;
    private volatile Instant endedAt;
    private volatile EndCause cause;
    private volatile String detail = "";

    /** A call the box dials, from the moment its line has it (for the line drivers: modem, GoIP). */
    public static ModemCall dialing(String number, Instant at) {
        return new ModemCall(number, at);
    }

    private ModemCall(String number, Instant dialedAt) {
        this.number = number;
        this.incoming = false;
        this.dialedAt = dialedAt;
    }

    /** An incoming call, ringing since {@code at}. */
    public static ModemCall ringing(Instant at) {
        return new ModemCall(at);
    }

    private ModemCall(Instant at) {
        this.number = "";
        this.incoming = true;
        this.dialedAt = at;
        this.alertingAt = at;
        this.phase = CallPhase.ALERTING;
    }

    public boolean incoming() {
        return incoming;
    }

    /** Whether the caller withheld their number (or the network had none): then {@link #number()} is empty. */
    public boolean withheld() {
        return withheld;
    }

    /** The caller, once known; the first word stands. Whether this told something new. */
    public synchronized boolean identify(String caller, boolean hidden) {
        if (!incoming || !number.isEmpty() || (withheld && caller.isEmpty())) {
            return false;
        }
        number = hidden ? "" : caller;
        withheld = hidden || caller.isEmpty();
        return true;
    }

    public String number() {
        return number;
    }

    public CallPhase phase() {
        return phase;
    }

    public Instant dialedAt() {
        return dialedAt;
    }

    public Optional<Instant> alertingAt() {
        return Optional.ofNullable(alertingAt);
    }

    public Optional<Instant> answeredAt() {
        return Optional.ofNullable(answeredAt);
    }

    public Optional<Instant> endedAt() {
        return Optional.ofNullable(endedAt);
    }

    public Optional<EndCause> cause() {
        return Optional.ofNullable(cause);
    }

    /** The modem's own words for a failure, e.g. "+CME ERROR: 30"; empty otherwise. */
    public String detail() {
        return detail;
    }

    public CompletableFuture<ModemCall> ended() {
        return ended;
    }

    public void onChange(Consumer<ModemCall> listener) {
        listeners.add(listener);
    }

    /** The line says the call moved on; a step back or after the end is ignored. Whether it moved. */
    public synchronized boolean advance(CallPhase next, Instant at) {
        if (phase == CallPhase.ENDED || next.ordinal() <= phase.ordinal()) {
            return false;
        }
        if (next == CallPhase.ALERTING || (next == CallPhase.ACTIVE && alertingAt == null)) {
            alertingAt = at;
        }
        if (next == CallPhase.ACTIVE) {
            answeredAt = at;
        }
        phase = next;
        notifyListeners();
        return true;
    }

    /** The line says the call ended; the first end stands. Whether this was it. */
    public synchronized boolean end(EndCause why, String words, Instant at) {
        if (phase == CallPhase.ENDED) {
            return false;
        }
        phase = CallPhase.ENDED;
        cause = why;
        detail = words;
        endedAt = at;
        notifyListeners();
        ended.complete(this);
        return true;
    }

    private void notifyListeners() {
        for (Consumer<ModemCall> l : listeners) {
            l.accept(this);
        }
    }

    @Override
    public String toString() {
        return number + " " + phase.label() + (cause == null ? "" : " (" + cause.label() + ")");
    }
}
