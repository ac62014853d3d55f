package io.branchline.box.line;

import io.branchline.hw.line.Line;
import java.util.Map;
import java.util.Optional;

/**
 * What the box knows of the SIM each line is on beyond what the modem says: its slots and rotation, the
 * prefix to dial with, and the own number the installer entered for SIMs that do not know theirs.
 */
public final class Sims {
    private final Map<String, LineSims> byLine;

    public Sims(Map<String, LineSims> byLine) {
        this.byLine = Map.copyOf(byLine);
    }

    public Optional<LineSims> of(String lineId) {
        return Optional.ofNullable(byLine.get(lineId));
    }

    public Map<String, LineSims> byLine() {
        return byLine;
    }

    /** The SIM's own number: as the SIM reports it, else the slot's configured one, else the line's. */
    public String ownNumber(Line l) {
        String own = l.snapshot().identity().ownNumber();
        if (!own.isEmpty()) {
            return own;
        }
        return of(l.id()).map(LineSims::configuredNumber).orElse("");
    }

    /**
     * The agent's own phone (their callback number) as {@code l} dials it: the SIM's prefix, then the number
     * without its +; empty when the agent has none. Callback dialing and inbound calls ring it the same way.
     */
    public java.util.Optional<io.branchline.hw.at.DialString> agentsPhoneOn(Line l,
                                                                           io.branchline.box.agent.Agent agent) {
        return agent.callbackNumber().map(n -> io.branchline.hw.at.DialString.of("callback-number",
                prefix(l) + n.replace("+", "")));
    }

    /** The prefix the current SIM dials with (a carrier's or the PBX's), empty for none. */
    public String prefix(Line l) {
        return of(l.id()).map(LineSims::prefix).orElse("");
    }
}
