package io.branchline.box.call;

import io.branchline.box.store.TimeText;
import io.branchline.hw.modem.CallPhase;
import io.branchline.hw.modem.EndCause;
import io.branchline.box.line.Sims;
import io.branchline.box.agent.Agent;
import io.branchline.hw.modem.ModemCall;
import io.branchline.hw.line.Line;
import java.util.Set;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One call, whatever its direction and dial plan, from the moment it has its lines until its record is
 * written: who it is for, the lines it holds, its modem call(s), and how it ended. Where it goes out (line,
 * SIM, number dialled, mode) may change while it is placed: a forwarding SIM that cannot forward hands the
 * call to another. A plan reports into it; {@link #view()} is what everyone else sees.
 */
public final class Call {
    final String id;
    /** Who the call is for; a switchboard call learns it from the caller's keys. */
    volatile Agent agent;
    final String numberGiven;
    final String customerId;
    final Instant requestedAt;
    /** The box's clock: a call that is up shows its talk time so far. */
    private final Clock clock;
    /**
     * Every line this call holds: the caller's, the forwarding SIM's in call-forward modes, and the line an
     * inbound call rings an agent's own phone on.
     */
    final Set<String> holds;
    private volatile String lineId;
    private volatile String simIccid;
    private volatile String simNumber;
    private volatile String numberDialed;
    private volatile String mode;
    private volatile String note = "";
    private volatile ModemCall modemCall;
    private volatile EndCause failedCause;
    private volatile String failedDetail;
    private volatile Instant failedAt;
    private volatile CallView.AgentLeg agentLeg;
    /** Set when a hang-up comes before the modem has taken the ATD. */
    volatile boolean hangUpRequested;
    /** out, or in for a call that rang one of the box's lines. */
    final String direction;
    /** What the box decided an inbound call's end was (missed, refused), over the modem's word. */
    private volatile String outcome;

    Call(String id, Agent agent, String numberGiven, String customerId, Clock clock, Placement p,
         Set<String> holds) {
        this(id, agent, numberGiven, customerId, clock, p, holds, CallView.OUT);
    }

    /** A call that rang {@code p}'s line from {@code caller} (empty: withheld), for {@code agent}. */
    static Call inbound(String id, Agent agent, String caller, Clock clock, Placement p) {
        return new Call(id, agent, caller, "", clock, p, Set.of(p.lineId()), CallView.IN);
    }

    private Call(String id, Agent agent, String numberGiven, String customerId, Clock clock, Placement p,
                 Set<String> holds, String direction) {
        this.direction = direction;
        this.clock = clock;
        Instant requestedAt = clock.instant();
        this.id = id;
        this.holds = java.util.concurrent.ConcurrentHashMap.newKeySet();
        this.holds.addAll(holds);
        this.agent = agent;
        this.numberGiven = numberGiven;
        this.customerId = customerId;
        this.requestedAt = requestedAt;
        place(p);
    }

    /** Where a call goes out: the caller's line and SIM, the number the modem dials, and the mode. */
    public record Placement(String lineId, String simIccid, String simNumber, String numberDialed, String mode) {
        /** Out on {@code line}, with the SIM it is on now. */
        public static Placement on(Line line, Sims sims, String numberDialed, String mode) {
            return new Placement(line.id(), line.snapshot().identity().iccid(), sims.ownNumber(line), numberDialed,
                    mode);
        }
    }

    public String id() {
        return id;
    }

    public String lineId() {
        return lineId;
    }

    public boolean hangUpRequested() {
        return hangUpRequested;
    }

    public void place(Placement p) {
        lineId = p.lineId();
        simIccid = p.simIccid();
        simNumber = p.simNumber();
        numberDialed = p.numberDialed();
        mode = p.mode();
    }

    /**
     * How an inbound call ended, as the box saw it: {@code missed} (nobody took it) or {@code refused} (the
     * box hung it up: the line's rule, the blacklist), with the reason kept in the detail.
     */
    void outcome(String result, String why) {
        outcome = result;
        note = why;
    }

    /** The agents a switchboard call rings now, and the one of them who takes it (handset, page, API). */
    record Offer(java.util.List<Agent> agents, java.util.concurrent.CompletableFuture<Agent> taken) {
        boolean to(String agentId) {
            return agents.stream().anyMatch(a -> a.id().equals(agentId));
        }
    }

    /** What a switchboard call offers now; null while it rings no one. */
    volatile Offer offer;

    /** The call takes one more line (the leg to an agent's own phone); false when another call holds it. */
    boolean hold(String lineId, CallTable table) {
        synchronized (table) {
            if (table.busy(lineId)) {
                return false;
            }
            holds.add(lineId);
            return true;
        }
    }

    void release(String lineId) {
        if (!lineId.equals(this.lineId)) {
            holds.remove(lineId);
        }
    }

    /** Whether {@code agentId} talks on this call on their own phone (a leg out from the box). */
    boolean onOwnPhoneOf(String agentId) {
        ModemCall c = modemCall;
        return agentLeg != null && agent.id().equals(agentId) && c != null && c.phase() != CallPhase.ENDED;
    }

    /** The agent a switchboard call now goes to. */
    void routeTo(Agent to) {
        agent = to;
    }

    /** A remark kept in the record's detail, e.g. that the call fell back to another SIM. */
    public void note(String text) {
        note = text;
    }

    /** The agent leg of a callback call, as it stands. */
    public void agentLeg(CallView.AgentLeg leg) {
        this.agentLeg = leg;
    }

    public String agentId() {
        return agent.id();
    }

    public void attach(ModemCall call) {
        this.modemCall = call;
    }

    ModemCall modemCall() {
        return modemCall;
    }

    /**
     * The call ended before the customer's number was dialled (forwarding refused, hung up during the delay,
     * the agent leg of a callback unanswered): its record says nothing was dialled.
     */
    public void endBeforeDial(EndCause cause, String detail, Instant at) {
        numberDialed = "";
        failedDetail = detail;
        failedAt = at;
        failedCause = cause;
    }

    boolean endedBeforeDial() {
        return failedCause != null;
    }

    CallView view() {
        ModemCall c = modemCall;
        if (c == null) {
            boolean ended = failedCause != null;
            long wait = ended ? Duration.between(requestedAt, failedAt).toMillis() : 0;
            return new CallView(id, agent.id(), lineId, simIccid, simNumber, numberGiven, numberDialed, mode,
                    customerId, ended ? "ended" : "dialing", TimeText.of(requestedAt), null,
                    ended ? TimeText.of(failedAt) : null, wait, 0,
                    ended ? failedCause.name().toLowerCase() : null, ended ? detail(failedDetail) : note, false,
                    agentLeg, direction);
        }
        Instant start = c.dialedAt();
        Instant answered = c.answeredAt().orElse(null);
        Instant ended = c.endedAt().orElse(null);
        long wait = answered != null ? Duration.between(start, answered).toMillis()
                : ended != null ? Duration.between(start, ended).toMillis() : 0;
        long talk = answered == null ? 0 : Duration.between(answered, ended != null ? ended : clock.instant()).toMillis();
        return new CallView(id, agent.id(), lineId, simIccid, simNumber, numberGiven, numberDialed, mode, customerId,
                c.phase() == CallPhase.ENDED ? "ended" : c.phase().label(), TimeText.of(start),
                answered == null ? null : TimeText.of(answered), ended == null ? null : TimeText.of(ended), wait, talk,
                c.phase() == CallPhase.ENDED ? endCause(c) : null, detail(c.detail()), false, agentLeg, direction);
    }

    /** The modem's cause; for an inbound call the box's outcome first, and an unanswered one is missed. */
    private String endCause(ModemCall c) {
        String modem = c.cause().map(e -> e.name().toLowerCase()).orElse(null);
        if (!direction.equals(CallView.IN)) {
            return modem;
        }
        if (outcome != null) {
            return outcome;
        }
        return c.answeredAt().isPresent() ? modem : c.cause().filter(e -> e == EndCause.REJECTED).map(e -> "refused")
                .orElse("missed");
    }

    private String detail(String d) {
        if (note.isEmpty()) {
            return d;
        }
        return d.isEmpty() ? note : d + "; " + note;
    }
}
