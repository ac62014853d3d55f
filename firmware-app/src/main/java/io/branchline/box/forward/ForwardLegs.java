package io.branchline.box.forward;

import io.branchline.box.agent.Agent;
import io.branchline.box.call.DialMode;
import io.branchline.box.line.LineChoice;
import io.branchline.box.line.LineUnavailableException;
import io.branchline.box.line.Sims;
import io.branchline.hw.line.Line;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The legs a call-forward mode may use, best first: the mode as asked, then same-card forwarding on the
 * agent's other card as the fallback for a SIM that cannot forward. Crossed modes need both cards at once;
 * {@code forward-auto} is same-card forwarding that moves to the next card every 5 calls.
 */
final class ForwardLegs {
    private final LineChoice choice;
    private final Sims sims;
    private final Predicate<String> unableToForward;
    private final Map<String, Integer> autoCounts = new ConcurrentHashMap<>();

    ForwardLegs(LineChoice choice, Sims sims, Predicate<String> unableToForward) {
        this.choice = choice;
        this.sims = sims;
        this.unableToForward = unableToForward;
    }

    List<ForwardDial.Leg> of(Agent agent, DialMode mode) {
        if (agent.lineId().isEmpty()) {
            throw new LineUnavailableException("mode", "call-forward dialing needs the agent's own desk phone;"
                    + " agent " + agent.id() + " has none");
        }
        DialMode m = mode;
        if (mode.auto()) {
            // Counted once the legs are found (below): a refused request does not move the agent on a card.
            int n = autoCounts.getOrDefault(agent.id(), 0);
            int card = agent.secondLineId().isPresent() ? (n / DialMode.AUTO_SWITCH_EVERY) % 2 + 1 : 1;
            m = DialMode.forward(card, card);
        }
        for (int card : new int[] {m.callerCard(), m.forwardCard()}) {
            if (agent.card(card).isEmpty()) {
                throw new LineUnavailableException("mode", m.name() + " needs two SIMs registered at once, and agent "
                        + agent.id() + "'s desk phone has one modem (card 2 missing)");
            }
        }
        List<ForwardDial.Leg> legs = new ArrayList<>();
        legs.add(leg(agent, m.callerCard(), m.forwardCard(), m.name(), true));
        int other = m.forwardCard() == 1 ? 2 : 1;
        if (agent.card(other).isPresent()) {
            ForwardDial.Leg fallback = leg(agent, other, other, DialMode.forward(other, other).name(), false);
            if (fallback != null) {
                legs.add(fallback);
            }
        }
        if (mode.auto()) {
            autoCounts.merge(agent.id(), 1, Integer::sum);
        }
        return legs;
    }

    /** One leg; the asked-for leg must be usable now, a fallback leg is just left out when it is not. */
    private ForwardDial.Leg leg(Agent agent, int callerCard, int forwardCard, String mode, boolean required) {
        try {
            Line caller = choice.card(agent, callerCard, "mode");
            Line fwd = callerCard == forwardCard ? caller : choice.card(agent, forwardCard, "mode");
            String fwdNumber = sims.ownNumber(fwd);
            if (fwdNumber.isEmpty()) {
                throw new LineUnavailableException("mode", "the SIM on line " + fwd.id() + " does not know its own"
                        + " number; set own-number for that modem in the configuration");
            }
            if (unableToForward.test(fwd.snapshot().identity().iccid()) && !required) {
                return null;
            }
            return new ForwardDial.Leg(caller, fwd, fwdNumber, mode);
        } catch (LineUnavailableException e) {
            if (required) {
                throw e;
            }
            return null;
        }
    }
}
