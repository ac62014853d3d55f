package io.branchline.hw.sip;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One call between the box and a GoIP port over SIP: placed by the box (an INVITE to the port's registered
 * contact) or by the port (a GSM call coming in). Its voice is an {@link RtpSession} once the SDP answer says
 * where the far end listens.
 */
public final class SipCall {
    /** Where the call is. */
    public enum Phase { CALLING, RINGING, ACTIVE, ENDED }

    /** Why it ended, as the SIP status said it. */
    public enum End { NORMAL, CANCELLED, BUSY, NO_ANSWER, REJECTED, FAILED }

    private final String id;
    private final String account;
    private final String number;
    private final boolean incoming;
    private final RtpSession rtp;
    private final CompletableFuture<SipCall> ended = new CompletableFuture<>();
    private final java.util.List<Consumer<SipCall>> listeners = new CopyOnWriteArrayList<>();
    private volatile Phase phase;
    private volatile End end;
    private volatile String detail = "";
    private volatile Instant answeredAt;
    private volatile boolean rang;
    volatile Runnable hangUp = () -> { };
    volatile Runnable answer = () -> { };

    SipCall(String id, String account, String number, boolean incoming, RtpSession rtp) {
        this.id = id;
        this.account = account;
        this.number = number;
        this.incoming = incoming;
        this.rtp = rtp;
        this.phase = incoming ? Phase.RINGING : Phase.CALLING;
    }

    /** The SIP Call-ID. */
    public String id() {
        return id;
    }

    /** The GoIP port's SIP account the call is on. */
    public String account() {
        return account;
    }

    /** The customer's number: dialled, or the caller's as the GoIP gave it ("" when withheld). */
    public String number() {
        return number;
    }

    public boolean incoming() {
        return incoming;
    }

    public Phase phase() {
        return phase;
    }

    public Optional<End> end() {
        return Optional.ofNullable(end);
    }

    /** The SIP status that ended it, for people ("480 Remote Busy"). */
    public String detail() {
        return detail;
    }

    /** Whether the far end said it rings (180 or 183) before the call was answered or ended. */
    public boolean rang() {
        return rang || incoming;
    }

    public Optional<Instant> answeredAt() {
        return Optional.ofNullable(answeredAt);
    }

    public RtpSession rtp() {
        return rtp;
    }

    public CompletableFuture<SipCall> ended() {
        return ended;
    }

    public void onChange(Consumer<SipCall> listener) {
        listeners.add(listener);
    }

    /** Hangs up: CANCEL while it rings out, a refusal while it rings in, BYE once answered. */
    public void hangUp() {
        hangUp.run();
    }

    /** Answers a call coming in (200 OK with the box's SDP). */
    public void answer() {
        answer.run();
    }

    void ringing() {
        if (phase == Phase.CALLING) {
            rang = true;
            phase = Phase.RINGING;
            changed();
        }
    }

    void active(Instant at) {
        if (phase != Phase.ENDED && phase != Phase.ACTIVE) {
            answeredAt = at;
            phase = Phase.ACTIVE;
            changed();
        }
    }

    void ended(End why, String detail) {
        if (phase == Phase.ENDED) {
            return;
        }
        this.end = why;
        this.detail = detail;
        phase = Phase.ENDED;
        rtp.close();
        changed();
        ended.complete(this);
    }

    private void changed() {
        listeners.forEach(l -> l.accept(this));
    }

    @Override
    public String toString() {
        return "SipCall[" + account + (incoming ? " from " : " to ") + number + " " + phase
                + (end == null ? "" : " " + end + " " + detail) + "]";
    }
}
