package io.branchline.box.call;

import io.branchline.box.line.LineRegistry;
import io.branchline.hw.at.DialString;
import io.branchline.hw.at.InvalidAtArgumentException;
import io.branchline.hw.modem.LineSnapshot;
import io.branchline.hw.modem.LineState;
import io.branchline.hw.modem.ModemCall;
import io.branchline.hw.modem.ModemCalls;
import io.branchline.hw.modem.ModemLine;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Click-to-call (点呼): checks the request, picks the agent's line (or a free one nobody owns), dials, and
 * when the call ends writes its record and the CRM's outbox row together. Every attempt that got past the
 * checks leaves exactly one record; a refused request leaves none and dials nothing.
 */
public final class CallService {
    private static final Logger log = LoggerFactory.getLogger(CallService.class);
    public static final String MODE_DIRECT = "direct";

    private final Agents agents;
    private final LineRegistry lines;
    private final CallRecords records;
    private final Clock clock;
    private final Map<String, ActiveCall> active = new ConcurrentHashMap<>();

    public CallService(Agents agents, LineRegistry lines, CallRecords records, Clock clock) {
        this.agents = agents;
        this.lines = lines;
        this.records = records;
        this.clock = clock;
    }

    /** Places a call and returns at once with its id; the modem is dialled on the call's own thread. */
    public CallView start(String agentId, String number, String customerId, String mode) {
        Agent agent = agents.find(agentId == null ? "" : agentId)
                .orElseThrow(() -> CallRequestException.invalid("agent", "no agent \"" + agentId + "\""));
        DialString dial;
        try {
            dial = DialString.of("number", number);
        } catch (InvalidAtArgumentException e) {
            throw CallRequestException.invalid(e.field(), e.getMessage().substring(e.field().length() + 2));
        }
        String m = mode == null || mode.isEmpty() ? MODE_DIRECT : mode;
        if (!m.equals(MODE_DIRECT)) {
            throw CallRequestException.invalid("mode", "\"" + m + "\" is not a dialing mode this box offers (direct)");
        }
        String customer = customerId == null ? "" : customerId;
        if (!customer.matches("[A-Za-z0-9_.:-]{0,64}")) {
            throw CallRequestException.invalid("customerId", "may hold up to 64 letters, digits, '_', '.', ':' or '-'");
        }
        ActiveCall call;
        ModemLine line;
        synchronized (this) {
            line = chooseLine(agent);
            LineSnapshot s = line.snapshot();
            call = new ActiveCall(UUID.randomUUID().toString(), agent, line.id(), s.identity().iccid(),
                    s.identity().ownNumber(), number, dial.digits(), m, customer, clock.instant());
            active.put(call.id, call);
        }
        ModemCalls modem = line.calls().orElseThrow();
        ActiveCall c = call;
        Thread.ofVirtual().name("call " + call.id).start(() -> place(c, modem, dial));
        log.info("event=call-requested call={} agent={} line={} number={}", call.id, agent.id(), line.id(),
                dial.digits());
        return call.view();
    }

    private void place(ActiveCall call, ModemCalls modem, DialString dial) {
        ModemCall mc;
        try {
            mc = modem.dial(dial);
        } catch (RuntimeException e) {
            log.error("event=dial-failed call={} error=\"{}\"", call.id, e.getMessage());
            active.remove(call.id);
            return;
        }
        call.attach(mc);
        if (call.hangUpRequested) {
            modem.hangUp();
        }
        mc.ended().thenAccept(ended -> finish(call));
    }

    private void finish(ActiveCall call) {
        CallView v = call.view();
        try {
            records.save(v);
            log.info("event=call-ended call={} cause={} wait_ms={} talk_ms={}", v.id(), v.endCause(), v.waitMs(),
                    v.talkMs());
        } catch (RuntimeException e) {
            log.error("event=call-record-failed call={} error=\"{}\"", v.id(), e.getMessage());
        } finally {
            active.remove(call.id);
        }
    }

    /** The agent's own line when they have one; else the first line that is up, free and owned by nobody. */
    private ModemLine chooseLine(Agent agent) {
        if (agent.lineId().isPresent()) {
            ModemLine own = lines.line(agent.lineId().get()).orElseThrow(() -> CallRequestException.conflict("agent",
                    "agent " + agent.id() + "'s line " + agent.lineId().get() + " does not exist"));
            checkUsable(own);
            return own;
        }
        for (ModemLine l : lines.all()) {
            if (!agents.owned(l.id()) && usable(l)) {
                return l;
            }
        }
        throw CallRequestException.conflict("agent", "no free line is up for agent " + agent.id());
    }

    private void checkUsable(ModemLine l) {
        LineSnapshot s = l.snapshot();
        if (s.status().state() != LineState.UP || l.calls().isEmpty()) {
            throw CallRequestException.conflict("agent", "line " + l.id() + " is " + s.status().state().label()
                    + (s.status().detail().isEmpty() ? "" : ": " + s.status().detail()));
        }
        if (busy(l.id())) {
            throw CallRequestException.conflict("agent", "line " + l.id() + " is busy with another call");
        }
    }

    private boolean usable(ModemLine l) {
        return l.snapshot().status().state() == LineState.UP && l.calls().isPresent() && !busy(l.id());
    }

    private boolean busy(String lineId) {
        return active.values().stream().anyMatch(c -> c.lineId.equals(lineId));
    }

    /** Hangs up a call the box is placing; false if no such call is active. */
    public boolean hangUp(String id) {
        ActiveCall c = active.get(id);
        if (c == null) {
            return false;
        }
        c.hangUpRequested = true;
        if (c.modemCall() != null) {
            lines.line(c.lineId).flatMap(ModemLine::calls).ifPresent(ModemCalls::hangUp);
        }
        return true;
    }

    public Optional<CallView> get(String id) {
        ActiveCall c = active.get(id);
        return c != null ? Optional.of(c.view()) : records.find(id);
    }

    public List<CallView> active() {
        return active.values().stream().map(ActiveCall::view).toList();
    }

    public CallRecords records() {
        return records;
    }
}
