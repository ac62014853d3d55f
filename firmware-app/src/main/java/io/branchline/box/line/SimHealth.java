package io.branchline.box.line;

import static io.branchline.box.store.schema.Tables.SIM_REST;

import io.branchline.box.store.Database;
import io.branchline.box.store.TimeText;
import io.branchline.hw.modem.LineState;
import io.branchline.hw.line.Line;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIM protection (防封号). Carriers block SIMs that dial too much (鹰眼); before they do, the SIM shows it: the
 * network starts clearing its calls before they ring, its connect rate falls, its registration drops, and it
 * nears the calls and talk minutes a day a carrier tolerates. The box keeps a health score per SIM (0 to 100)
 * from what it saw, with each reason, and rests a SIM whose score falls under the set mark or whose daily cap
 * is reached: rotation moves off it and the list and group dialers leave it alone until the rest ends (a cap:
 * the next day). A rest is raised as a warning (the API, the CRM's event, the page) and an admin may end it.
 */
public final class SimHealth {
    private static final Logger log = LoggerFactory.getLogger(SimHealth.class);
    /** A call the network cleared this soon, unanswered, is the network refusing it. */
    static final long REFUSED_WITHIN_MS = 6_000;
    /** How many of the SIM's last calls the refusal share is read from. */
    static final int RECENT = 10;

    /** The installer's or admin's settings. */
    public record Settings(Integer dailyCalls, Integer dailyTalkMinutes, Integer restBelow, Integer restHours) {
        public static final Settings DEFAULT = new Settings(80, 240, 40, 4);

        public Settings {
            dailyCalls = dailyCalls == null ? 80 : dailyCalls;
            dailyTalkMinutes = dailyTalkMinutes == null ? 240 : dailyTalkMinutes;
            restBelow = restBelow == null ? 40 : restBelow;
            restHours = restHours == null ? 4 : restHours;
        }

        public void check() {
            if (dailyCalls < 1 || dailyCalls > 2000) {
                throw new IllegalArgumentException("dailyCalls: must be 1 to 2000 calls a day");
            }
            if (dailyTalkMinutes < 1 || dailyTalkMinutes > 1440) {
                throw new IllegalArgumentException("dailyTalkMinutes: must be 1 to 1440 minutes a day");
            }
            if (restBelow < 0 || restBelow > 100) {
                throw new IllegalArgumentException("restBelow: must be a score from 0 (never) to 100");
            }
            if (restHours < 1 || restHours > 72) {
                throw new IllegalArgumentException("restHours: must be 1 to 72 hours");
            }
        }
    }

    /** One call out of a SIM, as its record says. */
    public record Attempt(Instant startedAt, boolean answered, long waitMs, long talkMs, String endCause) {
        boolean refused() {
            return !answered && waitMs < REFUSED_WITHIN_MS
                    && (endCause.equals("rejected") || endCause.equals("no_carrier") || endCause.equals("failed"));
        }
    }

    /** The SIM's calls out since an instant, newest first, at most {@code limit}. */
    public interface History {
        List<Attempt> since(String iccid, Instant since, int limit);
    }

    /** A SIM's rest: since, until, why. */
    public record Rest(String since, String until, String reason) {
    }

    /** A SIM's health now, and why. */
    public record Score(String iccid, String line, int slot, String number, int score, List<String> reasons,
                        int callsToday, int talkMinutesToday, Rest resting) {
    }

    private final Database db;
    private final Clock clock;
    private final History history;
    private final Supplier<Settings> settings;
    private final Map<String, Integer> drops = new ConcurrentHashMap<>();
    private volatile LocalDate dropsDay;
    private final List<Consumer<Score>> onRest = new java.util.concurrent.CopyOnWriteArrayList<>();

    public SimHealth(Database db, Clock clock, History history, Supplier<Settings> settings) {
        this.db = db;
        this.clock = clock;
        this.history = history;
        this.settings = settings;
    }

    /** Hears each SIM put to rest (the CRM's event, the page's warning). */
    public void onRest(Consumer<Score> listener) {
        onRest.add(listener);
    }

    /** Counts a line's registration drops against the SIM it had when it dropped. */
    public void watch(Line line) {
        LineState[] before = {line.snapshot().status().state()};
        line.onChange(s -> {
            LineState now = s.status().state();
            if (before[0] == LineState.UP && now != LineState.UP) {
                String iccid = s.identity().iccid();
                if (!iccid.isEmpty()) {
                    today();
                    drops.merge(iccid, 1, Integer::sum);
                }
            }
            before[0] = now;
        });
    }

    private void today() {
        LocalDate d = LocalDate.now(clock);
        if (!d.equals(dropsDay)) {
            drops.clear();
            dropsDay = d;
        }
    }

    /** The SIM's score now. */
    public Score score(String iccid, String line, int slot, String number) {
        Settings s = settings.get();
        Instant now = clock.instant();
        Instant dayStart = LocalDate.now(clock).atStartOfDay(clock.getZone()).toInstant();
        List<Attempt> day = history.since(iccid, now.minus(Duration.ofHours(24)), 2000);
        int score = 100;
        List<String> reasons = new ArrayList<>();
        List<Attempt> recent = day.subList(0, Math.min(RECENT, day.size()));
        long refused = recent.stream().filter(Attempt::refused).count();
        if (refused >= 2) {
            int cut = (int) Math.round(110.0 * refused / recent.size());
            score -= cut;
            reasons.add(refused + " of the last " + recent.size() + " calls were cleared by the network before"
                    + " ringing (-" + cut + ")");
        }
        if (day.size() >= 30) {
            double lastRate = rate(day.subList(0, 15));
            double before = rate(day.subList(15, day.size()));
            if (before > 0.1 && lastRate < before / 2) {
                score -= 20;
                reasons.add(String.format(java.util.Locale.ROOT, "connect rate fell from %.0f %% to %.0f %% (-20)",
                        before * 100, lastRate * 100));
            }
        }
        today();
        int dropped = drops.getOrDefault(iccid, 0);
        if (dropped > 0) {
            int cut = Math.min(30, 10 * dropped);
            score -= cut;
            reasons.add("lost its registration " + dropped + " times today (-" + cut + ")");
        }
        List<Attempt> today = day.stream().filter(a -> !a.startedAt().isBefore(dayStart)).toList();
        int calls = today.size();
        int talkMinutes = (int) (today.stream().mapToLong(Attempt::talkMs).sum() / 60_000);
        if (calls >= s.dailyCalls() * 0.8 || talkMinutes >= s.dailyTalkMinutes() * 0.8) {
            score -= 10;
            reasons.add("near its daily caps: " + calls + "/" + s.dailyCalls() + " calls, " + talkMinutes + "/"
                    + s.dailyTalkMinutes() + " talk minutes (-10)");
        }
        return new Score(iccid, line, slot, number, Math.max(0, score), reasons, calls, talkMinutes,
                resting(iccid).orElse(null));
    }

    private static double rate(List<Attempt> calls) {
        return calls.isEmpty() ? 0 : calls.stream().filter(Attempt::answered).count() / (double) calls.size();
    }

    /**
     * After a call on the SIM: rests it when its score fell under the mark, or a daily cap is reached (until
     * the next day). Returns the score.
     */
    public Score afterCall(String iccid, String line, int slot, String number) {
        Score sc = score(iccid, line, slot, number);
        if (iccid.isEmpty() || sc.resting() != null) {
            return sc;
        }
        Settings s = settings.get();
        Instant now = clock.instant();
        String why = null;
        Instant until = null;
        if (sc.callsToday() >= s.dailyCalls() || sc.talkMinutesToday() >= s.dailyTalkMinutes()) {
            why = "daily cap reached: " + sc.callsToday() + " calls, " + sc.talkMinutesToday() + " talk minutes";
            until = LocalDate.now(clock).plusDays(1).atStartOfDay(clock.getZone()).toInstant();
        } else if (sc.score() < s.restBelow()) {
            why = "health " + sc.score() + " under " + s.restBelow() + ": " + String.join("; ", sc.reasons());
            until = now.plus(Duration.ofHours(s.restHours()));
        }
        if (why == null) {
            return sc;
        }
        rest(iccid, until, why);
        Score rested = score(iccid, line, slot, number);
        log.warn("event=sim-rest iccid={} line={} until={} reason=\"{}\"", iccid, line, TimeText.of(until), why);
        onRest.forEach(l -> l.accept(rested));
        return rested;
    }

    void rest(String iccid, Instant until, String why) {
        String r = why.length() > 300 ? why.substring(0, 300) : why;
        String since = TimeText.of(clock.instant());
        db.with(dsl -> dsl.insertInto(SIM_REST).set(SIM_REST.ICCID, iccid).set(SIM_REST.SINCE, since)
                .set(SIM_REST.UNTIL, TimeText.of(until)).set(SIM_REST.REASON, r).onConflict(SIM_REST.ICCID).doUpdate()
                .set(SIM_REST.SINCE, since).set(SIM_REST.UNTIL, TimeText.of(until)).set(SIM_REST.REASON, r).execute());
    }

    /** The SIM's rest, while it lasts. */
    public Optional<Rest> resting(String iccid) {
        if (iccid == null || iccid.isEmpty()) {
            return Optional.empty();
        }
        String now = TimeText.of(clock.instant());
        return Optional.ofNullable(db.with(dsl -> dsl.selectFrom(SIM_REST).where(SIM_REST.ICCID.eq(iccid)
                .and(SIM_REST.UNTIL.gt(now))).fetchOne())).map(r -> new Rest(r.getSince(), r.getUntil(), r.getReason()));
    }

    /**
     * Every SIM the lines know: each slot of a line with a multiplexer (its card as configured), else the card in
     * the modem now; scored, with their rests.
     */
    public List<Score> scores(LineRegistry lines, Sims sims) {
        List<Score> out = new ArrayList<>();
        for (Line l : lines.all()) {
            Optional<LineSims> ls = sims.of(l.id()).filter(x -> x.mux().isPresent());
            if (ls.isPresent()) {
                for (SimSlot slot : ls.get().dialing().slots()) {
                    if (!slot.iccid().isEmpty()) {
                        out.add(score(slot.iccid(), l.id(), slot.slot(), slot.ownNumber()));
                    }
                }
            } else {
                String iccid = l.snapshot().identity().iccid();
                if (!iccid.isEmpty()) {
                    out.add(score(iccid, l.id(), 1, sims.ownNumber(l)));
                }
            }
        }
        return out;
    }

    /** An admin ends a rest early; false when the SIM was not resting. */
    public boolean endRest(String iccid) {
        return db.with(dsl -> dsl.deleteFrom(SIM_REST).where(SIM_REST.ICCID.eq(iccid)).execute()) > 0;
    }
}
