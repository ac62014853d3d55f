package io.branchline.box.pacing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The seeds' group-call rule, progressive dialing, and the box's adaptive pacing with its guards. */
class PacingTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T09:00:00Z"), ZoneOffset.UTC);

    private static PaceView agentsWaiting(int agents, int callsUp, int concurrency) {
        return new PaceView(agents, agents, List.of(), Collections.nCopies(callsUp, 1.0), 0, callsUp, concurrency);
    }

    /**
     * 群呼助手: "如现购买并发是 10, 呼叫频率为 10 秒/次, 加入群呼坐席数是 5, 选择呼叫比率为 1, 就是间隔 10 秒一次性送
     * 5*1=5 个号码, 如果设置呼叫比率为 2, 就是间隔 10 秒一次性送 5*2=10 个号码; 若选择呼叫比率大于当前使用的并发则按照最高并发计算".
     */
    @ParameterizedTest(name = "concurrency {0}, {1} agents, ratio {2}, {3} up -> {4} numbers")
    @CsvSource({
        "10, 5, 1, 0, 5",
        "10, 5, 2, 0, 10",
        "10, 5, 3, 0, 10", // above the concurrency: capped by it
        "10, 5, 12, 0, 10",
        "10, 5, 1, 7, 3", // never more than the concurrency minus the calls already up
        "10, 5, 2, 10, 0",
        "10, 1, 0.5, 0, 1", // at least one number while an agent is there
        "30, 10, 0.3, 0, 3",
    })
    void theSeedsWorkedExample(int concurrency, int agents, double ratio, int up, int sent) {
        FixedRatio rule = new FixedRatio(ratio, Duration.ofSeconds(10));
        assertEquals(sent, rule.toDial(agentsWaiting(agents, up, concurrency)));
        assertEquals(Duration.ofSeconds(10), rule.every());
    }

    @Test
    void noNumbersGoOutWhileNoJoinedAgentIsWaitingOrOnACall() {
        PaceView allOnBreak = new PaceView(0, 0, List.of(), List.of(), 0, 0, 10);
        PaceStats stats = new PaceStats(CLOCK);
        for (Pacer p : List.of(new FixedRatio(2, Duration.ofSeconds(10)), new Progressive(),
                new AdaptivePacer(stats, 0.03, 2, 2))) {
            assertEquals(0, p.toDial(allOnBreak), p.mode());
        }
    }

    @Test
    void progressiveSendsOneNumberPerWaitingAgentNotYetCovered() {
        Progressive p = new Progressive();
        assertEquals(3, p.toDial(new PaceView(5, 3, List.of(40.0, 80.0), List.of(), 0, 2, 20)));
        assertEquals(1, p.toDial(new PaceView(5, 3, List.of(40.0, 80.0), List.of(5.0), 1, 4, 20)));
        assertEquals(0, p.toDial(new PaceView(5, 3, List.of(), List.of(), 0, 10, 10)), "no line left");
    }

    @Test
    void belowTheSetNumberOfAgentsTheAdaptiveModeSendsOnePerIdleAgent() {
        AdaptivePacer p = new AdaptivePacer(new PaceStats(CLOCK), 0.03, 3, 2);
        assertEquals(2, p.toDial(new PaceView(2, 2, List.of(), List.of(), 0, 0, 20)));
    }

    @Test
    void overTheLimitTodayTheAdaptiveModeFallsBackToOnePerIdleAgent() {
        PaceStats stats = new PaceStats(CLOCK);
        stats.restore(LocalDate.of(2026, 12, 1), 100, 5); // 5 % today
        AdaptivePacer p = new AdaptivePacer(stats, 0.03, 2, 2);
        assertEquals(4, p.toDial(new PaceView(10, 4, Collections.nCopies(6, 30.0), List.of(), 0, 6, 40)));
    }

    @Test
    void theThirtyDayRateCountsEarlierDaysToo() {
        PaceStats stats = new PaceStats(CLOCK);
        stats.restore(LocalDate.of(2026, 11, 20), 100, 6);
        stats.restore(LocalDate.of(2026, 10, 1), 1000, 500); // more than 30 days ago
        assertEquals(0.06, stats.last30Days(LocalDate.of(2026, 12, 1)).share(), 1e-9);
        assertEquals(0, stats.today(LocalDate.of(2026, 12, 1)).answered());
    }

    @Test
    void aFreshTaskSendsAboutOneNumberPerWaitingAgentAndOpensUpAsItLearnsTheAnswerRate() {
        PaceStats stats = new PaceStats(CLOCK);
        AdaptivePacer p = new AdaptivePacer(stats, 0.03, 2, 2);
        PaceView twentyWaiting = new PaceView(20, 20, List.of(), List.of(), 0, 0, 80);
        assertTrue(p.toDial(twentyWaiting) <= 20, "nothing known yet: no more numbers than waiting agents");
        for (int i = 0; i < 300; i++) { // 15 % answered after 10 s, the rest ended after 30 s
            if (i % 20 < 3) {
                stats.answered(10);
            } else {
                stats.notAnswered(30);
            }
        }
        int n = p.toDial(twentyWaiting);
        assertTrue(n > 20 && n <= 80, "at a 15 % answer rate 20 waiting agents want more than 20 numbers: " + n);
    }

    @Test
    void pacingPlansWithTheUpperEndOfTheAnswerRateNarrowingAsOutcomesCome() {
        PaceStats stats = new PaceStats(CLOCK);
        assertEquals(1, stats.answerRateBound(), 1e-9, "no outcome yet: every number may be answered");
        double before = 1;
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 100; i++) {
                if (i % 10 < 3) {
                    stats.answered(8);
                } else {
                    stats.notAnswered(30);
                }
            }
            double bound = stats.answerRateBound();
            assertTrue(bound > 0.30 && bound < before, "round " + round + ": " + bound);
            before = bound;
        }
        assertEquals(0.355, before, 0.01, "300 outcomes at 30 %: about two standard errors above");
    }

    /** A seeded shift (research §1.7): under 3 % abandoned, and busier agents than progressive. */
    @ParameterizedTest(name = "{0} agents, {1} answered, {2} s talk")
    @CsvSource({"10, 0.3, 60", "20, 0.15, 120", "5, 0.15, 60"})
    void aSimulatedShiftStaysUnderThreePercentAbandoned(int agents, double answer, double talk) {
        PacingSimulation.Cell cell = new PacingSimulation.Cell(agents, answer, talk, 4 * agents, 2, 3 * 3600);
        long[] seeds = {7, 8};
        PacingSimulation.Result adaptive = PacingSimulation.runSeeds(cell, seeds,
                s -> new AdaptivePacer(s, AdaptivePacer.LIMIT, 2, 2));
        PacingSimulation.Result progressive = PacingSimulation.runSeeds(cell, seeds, s -> new Progressive());
        assertTrue(adaptive.abandonRate() <= 0.03, "abandoned " + adaptive.abandonRate());
        assertTrue(adaptive.occupancy() > progressive.occupancy() + 0.05,
                adaptive.occupancy() + " against progressive " + progressive.occupancy());
    }
}
