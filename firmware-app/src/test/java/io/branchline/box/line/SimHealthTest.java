package io.branchline.box.line;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.box.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The health score's parts, each with its reason, and when a SIM is put to rest. */
class SimHealthTest {
    static final Instant NOON = Instant.parse("2026-12-02T12:00:00Z");
    final List<SimHealth.Attempt> calls = new ArrayList<>();

    @TempDir
    Path dir;

    SimHealth health(SimHealth.Settings s) {
        return new SimHealth(Database.open(dir), Clock.fixed(NOON, ZoneOffset.UTC),
                (iccid, since, limit) -> calls.stream().filter(a -> !a.startedAt().isBefore(since)).limit(limit).toList(),
                () -> s);
    }

    void call(int minutesAgo, boolean answered, long waitMs, long talkMs, String cause) {
        calls.add(new SimHealth.Attempt(NOON.minus(Duration.ofMinutes(minutesAgo)), answered, waitMs, talkMs, cause));
        calls.sort((a, b) -> b.startedAt().compareTo(a.startedAt()));
    }

    @Test
    void aSimWhoseCallsTheNetworkClearsBeforeTheyRingLosesMostOfItsScoreAndRests() {
        SimHealth h = health(SimHealth.Settings.DEFAULT);
        for (int i = 0; i < 6; i++) {
            call(60 - i, true, 8000, 60_000, "normal");
        }
        for (int i = 0; i < 4; i++) {
            call(10 - i, false, 600, 0, "no_carrier");
        }
        SimHealth.Score s = h.afterCall("ICCID1", "sim-1", 1, "13800000011");
        assertEquals(56, s.score(), s.reasons().toString());
        assertNull(s.resting(), "4 of 10 refused: warned in the score, not yet rested");
        for (int i = 0; i < 2; i++) {
            call(2 - i, false, 500, 0, "rejected");
        }
        s = h.afterCall("ICCID1", "sim-1", 1, "13800000011");
        assertTrue(s.score() < 40, s.toString());
        assertTrue(s.resting() != null && s.resting().until().equals("2026-12-02T16:00:00.000Z"), s.toString());
    }

    @Test
    void aCustomerWhoDeclinesAfterRingingIsNotTheNetworkRefusing() {
        SimHealth h = health(SimHealth.Settings.DEFAULT);
        for (int i = 0; i < 10; i++) {
            call(30 - i, false, 15_000, 0, "rejected");
        }
        assertEquals(100, h.score("ICCID1", "sim-1", 1, "").score());
    }

    @Test
    void aFallingConnectRateCounts() {
        SimHealth h = health(SimHealth.Settings.DEFAULT);
        for (int i = 0; i < 20; i++) {
            call(600 - i, i % 2 == 0, 9000, 30_000, i % 2 == 0 ? "normal" : "no_answer");
        }
        for (int i = 0; i < 15; i++) {
            call(100 - i, i == 0, 30_000, i == 0 ? 30_000 : 0, i == 0 ? "normal" : "no_answer");
        }
        SimHealth.Score s = h.score("ICCID1", "sim-1", 1, "");
        assertEquals(80, s.score(), s.reasons().toString());
        assertTrue(s.reasons().get(0).contains("connect rate fell from 50 % to 7 %"), s.reasons().toString());
    }

    @Test
    void theDailyCapRestsTheSimUntilTheNextDay() {
        SimHealth h = health(new SimHealth.Settings(10, 240, 40, 4));
        for (int i = 0; i < 10; i++) {
            call(100 - i, true, 8000, 30_000, "normal");
        }
        SimHealth.Score s = h.afterCall("ICCID1", "sim-1", 1, "");
        assertEquals("2026-12-03T00:00:00.000Z", s.resting().until(), s.toString());
        assertTrue(s.resting().reason().contains("daily cap"), s.toString());
        assertTrue(h.endRest("ICCID1"));
        assertTrue(h.resting("ICCID1").isEmpty());
    }
}
