package io.branchline.box.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.hw.time.ManualScheduler;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed manual's failover: private first, public after repeated failures, back early the next morning. */
class CrmEndpointsTest {
    final ManualScheduler time = new ManualScheduler(Instant.parse("2026-11-22T06:00:00Z"), ZoneId.of("Asia/Shanghai"));
    final CrmEndpoints endpoints = new CrmEndpoints(List.of(
            new CrmEndpoints.Endpoint("private", URI.create("https://crm.branch/crm")),
            new CrmEndpoints.Endpoint("public", URI.create("https://public.vendor/crm"))),
            5, Duration.ofSeconds(120), 3, time.clock());

    @Test
    void fiveFailuresWithinTheWindowSwitchToThePublicServer() {
        for (int i = 0; i < 4; i++) {
            assertTrue(endpoints.failure().isEmpty());
            time.advance(Duration.ofSeconds(10));
        }
        assertEquals("public", endpoints.failure().orElseThrow().name());
        assertEquals("public", endpoints.current().name());
        assertTrue(endpoints.lastSwitch().contains("5 failures within 120 s"), endpoints.lastSwitch());
        assertTrue(endpoints.lastSwitch().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z public: .*"),
                "an ISO time to the millisecond, not nanoseconds: " + endpoints.lastSwitch());
    }

    @Test
    void failuresSpreadOverMoreThanTheWindowDoNotSwitch() {
        for (int i = 0; i < 10; i++) {
            assertTrue(endpoints.failure().isEmpty());
            time.advance(Duration.ofSeconds(31));
        }
        assertEquals("private", endpoints.current().name());
    }

    @Test
    void aSuccessClearsTheCount() {
        for (int i = 0; i < 4; i++) {
            endpoints.failure();
        }
        endpoints.success();
        assertTrue(endpoints.failure().isEmpty());
    }

    @Test
    void atThreeInTheMorningTheBoxGoesBackIfThePrivateServerAnswers() {
        endpoints.use("public");
        // 14:00 in Shanghai: not the hour.
        assertFalse(endpoints.maybeReturn(e -> true));
        // 02:59 the next morning, then 03:00 with the private server still down, then the day after it answers.
        time.advance(Duration.ofHours(12).plusMinutes(59));
        assertFalse(endpoints.maybeReturn(e -> true));
        time.advance(Duration.ofMinutes(1));
        assertFalse(endpoints.maybeReturn(e -> false));
        assertFalse(endpoints.maybeReturn(e -> true), "one check a morning");
        assertEquals("public", endpoints.current().name());
        time.advance(Duration.ofDays(1));
        assertTrue(endpoints.maybeReturn(e -> e.name().equals("private")));
        assertEquals("private", endpoints.current().name());
    }

    @Test
    void aSwitchByHandDuringTheReturnHourIsNotUndoneThatMorning() {
        time.advance(Duration.ofHours(13).plusMinutes(16)); // 03:16 the next morning in Shanghai
        endpoints.use("public");
        assertFalse(endpoints.maybeReturn(e -> true), "the admin chose this morning");
        assertEquals("public", endpoints.current().name());
        time.advance(Duration.ofDays(1));
        assertTrue(endpoints.maybeReturn(e -> true), "the next morning's return still happens");
    }

    @Test
    void anAdminSwitchesByHand() {
        assertEquals("public", endpoints.use("public").orElseThrow().name());
        assertTrue(endpoints.use("elsewhere").isEmpty());
        assertEquals("private", endpoints.use("private").orElseThrow().name());
    }
}
