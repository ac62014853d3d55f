package io.branchline.box.ivr;

import io.branchline.box.store.StoredText;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * When the office answers (FreePBX's time conditions, as a Chinese office keeps them): a weekly schedule of
 * opening spans per day, holidays (法定节假日, single days or {@code 2026-10-01..2026-10-07}) when it is
 * closed all day, and make-up working days (调休上班, a Saturday or Sunday worked) that keep Monday's hours.
 * While closed, lines that run the switchboard play {@code closedMenu} instead of their own. Times are the
 * box's time zone.
 *
 * @param weekly mon … sun to spans "09:00-12:00"; a day not named is closed
 */
public record OfficeHours(Boolean enabled, Map<String, List<String>> weekly, List<String> holidays,
                          List<String> workdays, String closedMenu) {
    public static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    static final int MAX_DATES = 200;

    public OfficeHours {
        enabled = enabled != null && enabled;
        weekly = weekly == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(weekly));
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
        workdays = workdays == null ? List.of() : List.copyOf(workdays);
        closedMenu = closedMenu == null ? "" : closedMenu;
    }

    /** No schedule: the office is always open. */
    public static final OfficeHours ALWAYS = new OfficeHours(false, null, null, null, null);

    /** Whether the office answers at {@code at}. */
    public boolean open(ZonedDateTime at) {
        if (!enabled) {
            return true;
        }
        LocalDate day = at.toLocalDate();
        String weekday;
        if (workdays.stream().anyMatch(w -> covers(w, day))) {
            weekday = "mon";
        } else if (holidays.stream().anyMatch(h -> covers(h, day))) {
            return false;
        } else {
            weekday = DAYS.get(at.getDayOfWeek().getValue() - 1);
        }
        LocalTime t = at.toLocalTime();
        for (String span : weekly.getOrDefault(weekday, List.of())) {
            String[] p = span.split("-");
            LocalTime from = LocalTime.parse(p[0].strip());
            LocalTime to = p[1].strip().equals("24:00") ? LocalTime.MAX : LocalTime.parse(p[1].strip());
            if (!t.isBefore(from) && t.isBefore(to)) {
                return true;
            }
        }
        return false;
    }

    /** Refuses, naming the field, what the schedule cannot mean. */
    void check(Predicate<String> menuExists) {
        for (Map.Entry<String, List<String>> d : weekly.entrySet()) {
            String day = d.getKey();
            if (!DAYS.contains(day)) {
                throw MenuException.invalid("weekly." + StoredText.printable(day.length() > 8 ? day.substring(0, 8) : day),
                        "a day is one of " + String.join(", ", DAYS));
            }
            List<String> spans = d.getValue() == null ? List.of() : d.getValue();
            if (spans.size() > 6) {
                throw MenuException.invalid("weekly." + day, "at most 6 spans a day");
            }
            for (int i = 0; i < spans.size(); i++) {
                String s = spans.get(i);
                String field = "weekly." + day + "." + i;
                if (s == null || !s.matches("\\d{2}:\\d{2}-\\d{2}:\\d{2}")) {
                    throw MenuException.invalid(field, "a span is HH:MM-HH:MM, e.g. 09:00-12:00");
                }
                try {
                    LocalTime from = LocalTime.parse(s.substring(0, 5));
                    LocalTime to = s.endsWith("24:00") ? LocalTime.MAX : LocalTime.parse(s.substring(6));
                    if (!from.isBefore(to)) {
                        throw MenuException.invalid(field, "the span must end after it starts");
                    }
                } catch (DateTimeParseException e) {
                    throw MenuException.invalid(field, "not a time of day: " + s);
                }
            }
        }
        dates("holidays", holidays);
        dates("workdays", workdays);
        if (enabled && closedMenu.isEmpty()) {
            throw MenuException.invalid("closedMenu", "choose the menu callers hear while the office is closed");
        }
        if (!closedMenu.isEmpty() && !menuExists.test(closedMenu)) {
            throw MenuException.invalid("closedMenu", "no menu \"" + StoredText.printable(closedMenu) + "\"");
        }
    }

    private static void dates(String field, List<String> dates) {
        if (dates.size() > MAX_DATES) {
            throw MenuException.invalid(field, "at most " + MAX_DATES + " dates");
        }
        for (int i = 0; i < dates.size(); i++) {
            String d = dates.get(i);
            try {
                if (d == null || !d.matches("\\d{4}-\\d{2}-\\d{2}(\\.\\.\\d{4}-\\d{2}-\\d{2})?")) {
                    throw new DateTimeParseException("", String.valueOf(d), 0);
                }
                String[] p = d.split("\\.\\.");
                if (p.length == 2 && LocalDate.parse(p[1]).isBefore(LocalDate.parse(p[0]))) {
                    throw MenuException.invalid(field + "." + i, "the range must end on or after its first day");
                }
                LocalDate.parse(p[0]);
            } catch (DateTimeParseException e) {
                throw MenuException.invalid(field + "." + i, "a date is YYYY-MM-DD, or a range YYYY-MM-DD..YYYY-MM-DD");
            }
        }
    }

    private static boolean covers(String entry, LocalDate day) {
        String[] p = entry.split("\\.\\.");
        LocalDate from = LocalDate.parse(p[0]);
        LocalDate to = p.length == 2 ? LocalDate.parse(p[1]) : from;
        return !day.isBefore(from) && !day.isAfter(to);
    }
}
