package io.branchline.box.call;

import io.branchline.box.agent.Agent;
import io.branchline.box.line.LineChoice;
import io.branchline.box.line.Sims;
import io.branchline.hw.at.DialString;
import io.branchline.hw.modem.CallPhase;
import io.branchline.hw.modem.ModemCall;
import io.branchline.hw.line.LineCalls;
import io.branchline.hw.line.Line;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An inbound call ringing an agent who has no handset on the box: a leg out on a free line to the agent's
 * own mobile or extension (their callback number, as callback dialing rings it), held by the inbound call
 * while it rings. The agent answering it takes the call; their voice is then that line's.
 */
final class AgentPhoneLeg {
    private static final Logger log = LoggerFactory.getLogger(AgentPhoneLeg.class);

    final Agent agent;
    final Line line;
    final ModemCall leg;
    private final Call call;

    private AgentPhoneLeg(Agent agent, Line line, ModemCall leg, Call call) {
        this.agent = agent;
        this.line = line;
        this.leg = leg;
        this.call = call;
    }

    /**
     * Rings {@code agent}'s own phone from a free line the inbound call then holds; {@code answered} hears it
     * answered. Empty when the agent has no such phone or no line is free.
     */
    static Optional<AgentPhoneLeg> ring(Agent agent, Call call, LineChoice choice, Sims sims, CallTable table,
                                        Consumer<Agent> answered) {
        if (agent.callbackNumber().isEmpty()) {
            return Optional.empty();
        }
        for (Line l : choice.freeFor(agent, 3)) {
            if (l.id().equals(call.lineId()) || !call.hold(l.id(), table)) {
                continue;
            }
            Optional<LineCalls> calls = l.calls();
            try {
                DialString number = sims.agentsPhoneOn(l, agent).orElseThrow();
                ModemCall leg = calls.orElseThrow().dial(number);
                AgentPhoneLeg out = new AgentPhoneLeg(agent, l, leg, call);
                leg.onChange(c -> {
                    if (c.phase() == CallPhase.ACTIVE) {
                        answered.accept(agent);
                    }
                });
                if (leg.phase() == CallPhase.ACTIVE) {
                    answered.accept(agent);
                }
                log.info("event=agent-phone-ringing call={} agent={} line={}", call.id(), agent.id(), l.id());
                return Optional.of(out);
            } catch (RuntimeException e) {
                call.release(l.id());
                log.warn("event=agent-phone-failed call={} agent={} line={} error=\"{}\"", call.id(), agent.id(), l.id(),
                        e.getMessage());
            }
        }
        return Optional.empty();
    }

    boolean answered() {
        return leg.phase() == CallPhase.ACTIVE;
    }

    /** The agent's phone stops ringing (or the talk ends) and its line is free again. */
    void hangUp() {
        if (leg.phase() != CallPhase.ENDED) {
            line.calls().ifPresent(LineCalls::hangUp);
        }
        call.release(line.id());
    }
}
