package io.branchline.box.ivr;

import java.util.List;

/**
 * A queue of the switchboard (Asterisk's app_queue, as an office needs it): callers sent here wait, hearing
 * the hold audio (a prompt, or the ringback tone when none is chosen), for one of its agents to take them,
 * in the order they came. The agent who last talked to the caller is offered the call first when free
 * (the seed's 呼入分配), then the queue's strategy chooses among the free ones. After the maximum wait the
 * caller goes to the overflow (another queue, a menu, an agent, a message, or a hang-up kept as missed).
 *
 * @param strategy       random (the seed's), longest-idle, fewest-calls (today), ring-all, in-order
 * @param agents         who answers this queue, in order (in-order rings them so); empty: every agent
 * @param lastAgentFirst offer the call first to the agent who last talked with the caller
 * @param ringSeconds    how long one offer rings an agent, 5 to 120
 * @param maxWaitSeconds how long a caller waits before the overflow, 10 to 3600
 * @param holdPrompt     the prompt played (looped) while the caller waits; empty: the ringback tone
 * @param announceEvery  seconds between the caller's position spoken (您前面还有 N 位), 0 for never, else 15-600
 */
public record Queue(String id, String name, String strategy, List<String> agents, Boolean lastAgentFirst,
                    Integer ringSeconds, Integer maxWaitSeconds, String holdPrompt, Integer announceEvery,
                    Menu.Destination overflow) {
    public static final List<String> STRATEGIES = List.of("random", "longest-idle", "fewest-calls", "ring-all",
            "in-order");
    public static final int MAX_AGENTS = 200;

    public Queue {
        name = name == null ? "" : name;
        strategy = strategy == null ? "random" : strategy;
        agents = agents == null ? List.of() : List.copyOf(agents);
        lastAgentFirst = lastAgentFirst == null || lastAgentFirst;
        ringSeconds = ringSeconds == null ? 20 : ringSeconds;
        maxWaitSeconds = maxWaitSeconds == null ? 120 : maxWaitSeconds;
        holdPrompt = holdPrompt == null ? "" : holdPrompt;
        announceEvery = announceEvery == null ? 0 : announceEvery;
        overflow = overflow == null ? new Menu.Destination("hangup", "") : overflow;
    }

    /** This queue under another id (the path's, which wins over the body's). */
    public Queue withId(String other) {
        return new Queue(other, name, strategy, agents, lastAgentFirst, ringSeconds, maxWaitSeconds, holdPrompt,
                announceEvery, overflow);
    }
}
