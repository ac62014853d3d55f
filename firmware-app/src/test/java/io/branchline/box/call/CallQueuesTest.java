package io.branchline.box.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.box.agent.Agent;
import io.branchline.box.ivr.Menu;
import io.branchline.box.ivr.Queue;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * How a queue shares its agents among waiting callers: in their order, one call per free agent at a time,
 * the caller's last agent first, then the strategy the admin chose; the seed's random choice spread evenly.
 */
class CallQueuesTest {
    static final List<Agent> AGENTS = List.of(agent("1001"), agent("1002"), agent("1003"));
    final Map<String, Instant> idle = new HashMap<>();
    final Map<String, Integer> today = new HashMap<>();
    final CallQueues queues = new CallQueues(new CallQueues.Stats() {
        @Override
        public Instant idleSince(String agent) {
            return idle.getOrDefault(agent, Instant.EPOCH);
        }

        @Override
        public Map<String, Integer> answeredToday() {
            return today;
        }
    }, new Random(7));
    final Set<String> busy = new HashSet<>();

    static Agent agent(String id) {
        return new Agent(id, "", "", Optional.empty(), Optional.empty(), Optional.empty());
    }

    static Queue queue(String strategy, List<String> agents) {
        return new Queue("q", "", strategy, agents, true, 20, 60, "", 0, new Menu.Destination("hangup", ""));
    }

    static Call caller(String number) {
        return Call.inbound(number, InboundCalls.NOBODY, number, Clock.systemUTC(),
                new Call.Placement("hotline", "", "", "", "inbound"));
    }

    List<String> offer(Queue q, Call c, Optional<String> last) {
        return queues.offer(q, c, new HashSet<>(), last, a -> busy.contains(a.id()) ? Optional.of("busy")
                : Optional.empty(), AGENTS).stream().map(Agent::id).toList();
    }

    @Test
    void theRandomChoiceSpreadsCallsEvenlyOverTheFreeAgents() {
        Queue q = queue("random", List.of());
        Map<String, Integer> got = new HashMap<>();
        int calls = 6000;
        for (int i = 0; i < calls; i++) {
            Call c = caller("1390000" + i);
            queues.enter("q", c);
            List<String> o = offer(q, c, Optional.empty());
            assertEquals(1, o.size());
            got.merge(o.get(0), 1, Integer::sum);
            queues.release(c);
            queues.leave("q", c);
        }
        for (Agent a : AGENTS) {
            int n = got.getOrDefault(a.id(), 0);
            // 2000 expected each; 4.5 standard deviations (about 165) either side
            assertTrue(Math.abs(n - calls / 3) < 165, a.id() + " got " + n + " of " + calls + ": " + got);
        }
    }

    @Test
    void callersAreServedInTheirOrderAndAFreeAgentIsOfferedOneCallAtATime() {
        Queue q = queue("random", List.of());
        busy.add("1002");
        busy.add("1003");
        Call first = caller("13900000001");
        Call second = caller("13900000002");
        queues.enter("q", first);
        queues.enter("q", second);
        assertEquals(List.of(), offer(q, second, Optional.empty()), "one agent free, and a caller before");
        assertEquals(List.of("1001"), offer(q, first, Optional.empty()));
        assertEquals(List.of(), offer(q, second, Optional.empty()), "1001 is being rung for the first");
        assertEquals(Optional.of(first), queues.ringingFor("1001", second));
        busy.remove("1002");
        assertEquals(List.of("1002"), offer(q, second, Optional.empty()),
                "the first is being rung: the second takes the next free agent");
        assertEquals(1, queues.ahead("q", second));
        queues.release(first);
        queues.leave("q", first);
        assertEquals(0, queues.ahead("q", second));
    }

    @Test
    void theCallersLastAgentIsOfferedFirstWhenFree() {
        Queue q = queue("random", List.of());
        Call c = caller("13900000003");
        queues.enter("q", c);
        assertEquals(List.of("1003"), offer(q, c, Optional.of("1003")));
        queues.release(c);
        busy.add("1003");
        assertEquals(1, offer(q, c, Optional.of("1003")).size(), "busy: another agent");
    }

    @Test
    void eachStrategyChoosesAsItsNameSays() {
        idle.put("1001", Instant.parse("2026-12-02T09:30:00Z"));
        idle.put("1002", Instant.parse("2026-12-02T08:00:00Z"));
        idle.put("1003", Instant.parse("2026-12-02T09:00:00Z"));
        today.put("1001", 4);
        today.put("1002", 9);
        today.put("1003", 2);
        Map<String, List<String>> want = Map.of("longest-idle", List.of("1002"), "fewest-calls", List.of("1003"),
                "ring-all", List.of("1001", "1002", "1003"), "in-order", List.of("1003"));
        for (Map.Entry<String, List<String>> w : want.entrySet()) {
            Queue q = queue(w.getKey(), w.getKey().equals("in-order") ? List.of("1003", "1001", "1002") : List.of());
            Call c = caller("1390000000" + w.getKey().length());
            queues.enter("q", c);
            assertEquals(w.getValue(), offer(q, c, Optional.empty()), w.getKey());
            queues.release(c);
            queues.leave("q", c);
        }
    }

    @Test
    void anAgentWhoDidNotAnswerIsTriedAgainOnlyAfterTheOthers() {
        Queue q = queue("in-order", List.of("1001", "1002"));
        Call c = caller("13900000009");
        queues.enter("q", c);
        Set<String> tried = new HashSet<>();
        List<String> rang = new java.util.ArrayList<>();
        for (int round = 0; round < 4; round++) {
            List<Agent> o = queues.offer(q, c, tried, Optional.empty(), a -> Optional.empty(), AGENTS);
            rang.add(o.get(0).id());
            o.forEach(a -> tried.add(a.id()));
            queues.release(c);
        }
        assertEquals(List.of("1001", "1002", "1001", "1002"), rang);
    }
}
