package io.branchline.box.line;

import io.branchline.box.agent.Agent;
import io.branchline.box.agent.Agents;
import io.branchline.hw.modem.LineSnapshot;
import io.branchline.hw.modem.LineState;
import io.branchline.hw.line.Line;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Which line a call goes out on: the agent's own desk phone (card 1, card 2) when they have one, else a
 * line that is up, free and owned by nobody. A line is usable when it is up, its modem takes calls, and no
 * call holds it ({@code busy}, the call table's word).
 */
public final class LineChoice {
    private final LineRegistry lines;
    private final Agents agents;
    private final Predicate<String> busy;

    public LineChoice(LineRegistry lines, Agents agents, Predicate<String> busy) {
        this.lines = lines;
        this.agents = agents;
        this.busy = busy;
    }

    /** The agent's own line when they have one; else the first line that is up, free and owned by nobody. */
    public Line direct(Agent agent) {
        if (agent.lineId().isPresent()) {
            return card(agent, 1, "agent");
        }
        for (Line l : lines.all()) {
            if (!agents.owned(l.id()) && usable(l)) {
                return l;
            }
        }
        throw new LineUnavailableException("agent", "no free line is up for agent " + agent.id());
    }

    /**
     * {@code count} distinct usable lines for one agent: the agent's own cards first, then free lines nobody
     * owns. Fewer when there are not so many.
     */
    public List<Line> freeFor(Agent agent, int count) {
        List<Line> free = new ArrayList<>();
        for (int card = 1; card <= 2; card++) {
            agent.card(card).flatMap(lines::line).filter(this::usable).ifPresent(free::add);
        }
        for (Line l : lines.all()) {
            if (free.size() >= count) {
                break;
            }
            if (!agents.owned(l.id()) && usable(l) && !free.contains(l)) {
                free.add(l);
            }
        }
        return free.size() > count ? free.subList(0, count) : free;
    }

    /** The agent's card {@code card}, which must be up and free; {@code field} is what a refusal names. */
    public Line card(Agent agent, int card, String field) {
        String id = agent.card(card).orElseThrow();
        Line l = lines.line(id).orElseThrow(() -> new LineUnavailableException(field,
                "agent " + agent.id() + "'s line " + id + " does not exist"));
        LineSnapshot s = l.snapshot();
        if (s.status().state() != LineState.UP) {
            throw new LineUnavailableException(field, "line " + l.id() + " is " + s.status().state().label()
                    + (s.status().detail().isEmpty() ? "" : ": " + s.status().detail()));
        }
        if (l.calls().isEmpty()) {
            throw new LineUnavailableException(field, "line " + l.id() + " carries no calls"
                    + (!l.linked() ? " now: its modem is not open" : s.status().detail().isEmpty()
                    ? " (its voice does not reach the box: text messages and USSD only)" : ": " + s.status().detail()));
        }
        if (busy.test(l.id())) {
            throw new LineUnavailableException(field.equals("mode") ? "agent" : field, "line " + l.id()
                    + " is busy with another call");
        }
        return l;
    }

    public boolean usable(Line l) {
        return l.snapshot().status().state() == LineState.UP && l.calls().isPresent() && !busy.test(l.id());
    }
}
