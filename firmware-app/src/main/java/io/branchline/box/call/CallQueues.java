package io.branchline.box.call;

import io.branchline.box.agent.Agent;
import io.branchline.box.ivr.Queue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * Who waits in each queue, in the order they came, and which agents are being rung for which call: one free
 * agent is offered one call at a time, and a caller is offered agents only when fewer callers wait before
 * them than agents are free (app_queue's autofill), so that callers are served in their order and none
 * waits behind a caller who is being rung. The queue's strategy chooses among the free agents.
 */
final class CallQueues {
    /** What the strategies know of agents. */
    interface Stats {
        /** Since when the agent has been free (longest-idle). */
        Instant idleSince(String agent);

        /** Each agent's answered calls today (fewest-calls). */
        Map<String, Integer> answeredToday();
    }

    private final Map<String, List<Call>> waiting = new LinkedHashMap<>();
    private final Map<String, Call> ringing = new LinkedHashMap<>();
    private final Stats stats;
    private final Random random;

    CallQueues(Stats stats, Random random) {
        this.stats = stats;
        this.random = random;
    }

    synchronized void enter(String queue, Call c) {
        waiting.computeIfAbsent(queue, q -> new ArrayList<>()).add(c);
        notifyAll();
    }

    synchronized void leave(String queue, Call c) {
        List<Call> l = waiting.get(queue);
        if (l != null) {
            l.remove(c);
            if (l.isEmpty()) {
                waiting.remove(queue);
            }
        }
        notifyAll();
    }

    /** How many callers wait before {@code c} in {@code queue}. */
    synchronized int ahead(String queue, Call c) {
        List<Call> l = waiting.getOrDefault(queue, List.of());
        int i = l.indexOf(c);
        return i < 0 ? 0 : i;
    }

    /** The callers waiting now, per queue, in their order. */
    synchronized Map<String, List<Call>> waitingNow() {
        Map<String, List<Call>> out = new LinkedHashMap<>();
        waiting.forEach((q, l) -> out.put(q, List.copyOf(l)));
        return out;
    }

    /** The call an agent is being rung for, when it is not {@code except}. */
    synchronized Optional<Call> ringingFor(String agentId, Call except) {
        Call c = ringing.get(agentId);
        return c == null || c == except ? Optional.empty() : Optional.of(c);
    }

    /**
     * The agents to ring for {@code c} now, already set aside for it (so that no other caller is offered
     * them), or an empty list when it must wait: callers before it take the free agents first. The agent who
     * last talked with the caller is offered alone when free; then the strategy's choice among the free
     * agents not yet tried for this call (all of them again once every free agent was tried).
     */
    synchronized List<Agent> offer(Queue q, Call c, Set<String> tried, Optional<String> lastAgent,
                                   Function<Agent, Optional<String>> away, List<Agent> everyone) {
        List<Agent> free = new ArrayList<>();
        for (Agent a : members(q, everyone)) {
            if (!ringing.containsKey(a.id()) && away.apply(a).isEmpty()) {
                free.add(a);
            }
        }
        List<Call> line = waiting.getOrDefault(q.id(), List.of());
        int before = 0;
        for (Call other : line) {
            if (other == c) {
                break;
            }
            if (!ringing.containsValue(other)) {
                before++; // a caller being rung already holds their agents
            }
        }
        if (free.isEmpty() || before >= free.size()) {
            return List.of();
        }
        List<Agent> untried = free.stream().filter(a -> !tried.contains(a.id())).toList();
        if (untried.isEmpty()) {
            tried.clear();
            untried = free;
        }
        List<Agent> candidates = untried;
        Optional<Agent> last = lastAgent.flatMap(id -> candidates.stream().filter(a -> a.id().equals(id)).findFirst());
        List<Agent> chosen = last.map(List::of).orElseGet(() -> choose(q, candidates));
        chosen.forEach(a -> ringing.put(a.id(), c));
        return chosen;
    }

    /** Sets {@code a} aside for {@code c} (an agent rung by name); false when another call rings them. */
    synchronized boolean claim(Agent a, Call c) {
        Call other = ringing.get(a.id());
        if (other != null && other != c) {
            return false;
        }
        ringing.put(a.id(), c);
        return true;
    }

    /** The agents offered {@code c} are free again. */
    synchronized void release(Call c) {
        ringing.values().removeIf(x -> x == c);
        notifyAll();
    }

    /** Something changed that may free an agent or move a caller on: the waiting look again. */
    synchronized void changed() {
        notifyAll();
    }

    /** Waits up to {@code ms} for a change. */
    synchronized void await(long ms) throws InterruptedException {
        wait(Math.max(1, ms));
    }

    /** The queue's agents in its order; every agent for a queue that names none. */
    private static List<Agent> members(Queue q, List<Agent> everyone) {
        if (q.agents().isEmpty()) {
            return everyone;
        }
        Map<String, Agent> byId = new LinkedHashMap<>();
        everyone.forEach(a -> byId.put(a.id(), a));
        return q.agents().stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    private List<Agent> choose(Queue q, List<Agent> free) {
        return switch (q.strategy()) {
            case "ring-all" -> free;
            case "in-order" -> List.of(free.get(0));
            case "longest-idle" -> {
                List<Agent> shuffled = new ArrayList<>(free); // agents idle as long as each other: any of them
                java.util.Collections.shuffle(shuffled, random);
                yield List.of(shuffled.stream().min(Comparator.comparing((Agent a) -> stats.idleSince(a.id())))
                        .orElseThrow());
            }
            case "fewest-calls" -> {
                Map<String, Integer> today = stats.answeredToday();
                int least = free.stream().mapToInt(a -> today.getOrDefault(a.id(), 0)).min().orElse(0);
                List<Agent> fewest = free.stream().filter(a -> today.getOrDefault(a.id(), 0) == least).toList();
                yield List.of(fewest.get(random.nextInt(fewest.size())));
            }
            default -> List.of(free.get(random.nextInt(free.size())));
        };
    }
}
