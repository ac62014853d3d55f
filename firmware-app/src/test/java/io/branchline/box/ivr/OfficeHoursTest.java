package io.branchline.box.ivr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Office hours as a Chinese branch office keeps them (FreePBX's time conditions): weekday spans with a lunch
 * break, public holidays closed all day, a make-up working Sunday (调休) open with Monday's hours.
 */
class OfficeHoursTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final List<String> DAY = List.of("09:00-12:00", "13:30-18:00");
    static final OfficeHours HOURS = new OfficeHours(true, Map.of("mon", DAY, "tue", DAY, "wed", DAY, "thu", DAY,
            "fri", DAY, "sat", List.of("10:00-15:00")), List.of("2026-10-01..2026-10-07", "2027-01-01"),
            List.of("2026-10-11"), "closed");

    static boolean open(String localTime) {
        return HOURS.open(ZonedDateTime.of(java.time.LocalDateTime.parse(localTime), SHANGHAI));
    }

    @Test
    void weekdaysOpenInTheirSpansAndCloseForLunchAndAtNight() {
        assertTrue(open("2026-12-02T09:00:00"), "Wednesday 9:00 opens");
        assertFalse(open("2026-12-02T08:59:59"));
        assertFalse(open("2026-12-02T12:30:00"), "lunch");
        assertTrue(open("2026-12-02T17:59:00"));
        assertFalse(open("2026-12-02T18:00:00"), "a span ends before its last minute");
        assertTrue(open("2026-12-05T14:00:00"), "Saturday has its own span");
        assertFalse(open("2026-12-06T10:00:00"), "Sunday is not in the week");
    }

    @Test
    void holidaysCloseAllDayAndAMakeUpWorkdayKeepsMondaysHours() {
        assertFalse(open("2026-10-01T10:00:00"), "National Day");
        assertFalse(open("2026-10-07T10:00:00"), "the range's last day");
        assertTrue(open("2026-10-08T10:00:00"), "Thursday after the holiday");
        assertFalse(open("2027-01-01T10:00:00"), "New Year's Day, a Friday");
        assertTrue(open("2026-10-11T10:00:00"), "Sunday 11 October is worked (调休上班)");
        assertFalse(open("2026-10-11T12:30:00"), "with Monday's lunch");
    }

    @Test
    void switchedOffTheOfficeIsAlwaysOpen() {
        assertTrue(OfficeHours.ALWAYS.open(ZonedDateTime.of(2026, 12, 6, 3, 0, 0, 0, SHANGHAI)));
    }

    @Test
    void whatTheScheduleCannotMeanIsRefusedByField() {
        record Case(OfficeHours h, String field) {
        }
        List<Case> cases = List.of(
                new Case(new OfficeHours(true, Map.of("monday", DAY), null, null, "closed"), "weekly.monday"),
                new Case(new OfficeHours(true, Map.of("mon", List.of("9-12")), null, null, "closed"), "weekly.mon.0"),
                new Case(new OfficeHours(true, Map.of("mon", List.of("18:00-09:00")), null, null, "closed"),
                        "weekly.mon.0"),
                new Case(new OfficeHours(true, Map.of("mon", List.of("25:00-26:00")), null, null, "closed"),
                        "weekly.mon.0"),
                new Case(new OfficeHours(true, null, List.of("2026-13-01"), null, "closed"), "holidays.0"),
                new Case(new OfficeHours(true, null, List.of("2026-10-07..2026-10-01"), null, "closed"), "holidays.0"),
                new Case(new OfficeHours(true, null, null, List.of("soon"), "closed"), "workdays.0"),
                new Case(new OfficeHours(true, null, null, null, ""), "closedMenu"),
                new Case(new OfficeHours(true, null, null, null, "ghost"), "closedMenu"));
        for (Case c : cases) {
            MenuException e = assertThrows(MenuException.class, () -> c.h().check("closed"::equals), c.toString());
            assertEquals(c.field(), e.field(), e.getMessage());
        }
        HOURS.check("closed"::equals);
    }
}
