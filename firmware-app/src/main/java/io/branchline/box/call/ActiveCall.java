package io.branchline.box.call;

import io.branchline.box.store.TimeText;
import io.branchline.hw.modem.CallPhase;
import io.branchline.hw.modem.ModemCall;
import java.time.Duration;
import java.time.Instant;

/** A call the box is placing or holding now, until its record is written. */
final class ActiveCall {
    final String id;
    final Agent agent;
    final String lineId;
    final String simIccid;
    final String simNumber;
    final String numberGiven;
    final String numberDialed;
    final String mode;
    final String customerId;
    final Instant requestedAt;
    private volatile ModemCall modemCall;
    /** Set when a hang-up comes before the modem has taken the ATD. */
    volatile boolean hangUpRequested;

    ActiveCall(String id, Agent agent, String lineId, String simIccid, String simNumber, String numberGiven,
               String numberDialed, String mode, String customerId, Instant requestedAt) {
        this.id = id;
        this.agent = agent;
        this.lineId = lineId;
        this.simIccid = simIccid;
        this.simNumber = simNumber;
        this.numberGiven = numberGiven;
        this.numberDialed = numberDialed;
        this.mode = mode;
        this.customerId = customerId;
        this.requestedAt = requestedAt;
    }

    void attach(ModemCall call) {
        this.modemCall = call;
    }

    ModemCall modemCall() {
        return modemCall;
    }

    CallView view() {
        ModemCall c = modemCall;
        if (c == null) {
            return new CallView(id, agent.id(), lineId, simIccid, simNumber, numberGiven, numberDialed, mode,
                    customerId, "dialing", TimeText.of(requestedAt), null, null, 0, 0, null, "", false);
        }
        Instant start = c.dialedAt();
        Instant answered = c.answeredAt().orElse(null);
        Instant ended = c.endedAt().orElse(null);
        long wait = answered != null ? Duration.between(start, answered).toMillis()
                : ended != null ? Duration.between(start, ended).toMillis() : 0;
        long talk = answered != null && ended != null ? Duration.between(answered, ended).toMillis() : 0;
        return new CallView(id, agent.id(), lineId, simIccid, simNumber, numberGiven, numberDialed, mode, customerId,
                c.phase() == CallPhase.ENDED ? "ended" : c.phase().label(), TimeText.of(start),
                answered == null ? null : TimeText.of(answered), ended == null ? null : TimeText.of(ended), wait, talk,
                c.cause().map(e -> e.name().toLowerCase()).orElse(null), c.detail(), false);
    }
}
