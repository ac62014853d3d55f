package io.branchline.box.guard;

import static io.branchline.box.store.schema.Tables.FORCED_DIAL;
import static io.branchline.box.store.schema.Tables.FORCED_DIAL_APPROVAL;
import static io.branchline.box.store.schema.Tables.GUARD_SETTING;

import io.branchline.box.store.Database;
import io.branchline.box.store.TimeText;
import java.time.Clock;
import java.util.Optional;

/**
 * The call guard (电销卫士), as the seed manual has it: a blacklisted number is never dialled; with the guard
 * on, a risk number is intercepted with its reason unless the agent forces the call; with forced-dial
 * approval on, a number forced 3 times needs an admin's approval before it can be forced again. Every
 * switch and count is in SQLite, so a restart changes nothing.
 */
public final class CallGuard {
    public static final int FORCED_DIALS_BEFORE_APPROVAL = 3;

    private final Database db;
    private final Clock clock;
    private final NumberList blacklist;
    private final NumberList risk;

    public CallGuard(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.blacklist = NumberList.blacklist(db, clock);
        this.risk = NumberList.risk(db, clock);
    }

    /** Why a dial was refused: the field at fault is always "number"; {@code forceable} when force would pass. */
    public record Refusal(String message, boolean forceable) {
    }

    /** The guard's switches: on or off, and whether forced dials need approval after 3. Both on by default. */
    public record Settings(boolean enabled, boolean forcedDialApproval) {
    }

    public NumberList blacklist() {
        return blacklist;
    }

    public NumberList risk() {
        return risk;
    }

    /** Checks a dial of {@code number}; empty when it may go ahead. Changes nothing. */
    public Optional<Refusal> check(String number, boolean force) {
        String n = NumberList.normalise(number);
        Optional<NumberList.Entry> black = blacklist.find(n);
        if (black.isPresent()) {
            return Optional.of(new Refusal(n + " is on the blacklist" + reason(black.get())
                    + "; the box does not dial it", false));
        }
        Settings s = settings();
        Optional<NumberList.Entry> r = risk.find(n);
        if (!s.enabled() || r.isEmpty()) {
            return Optional.empty();
        }
        if (!force) {
            return Optional.of(new Refusal(n + " is a risk number" + reason(r.get()) + "; the call guard (电销卫士)"
                    + " intercepted it: dial it with force to call anyway", true));
        }
        if (s.forcedDialApproval() && forcedSinceApproval(n) >= FORCED_DIALS_BEFORE_APPROVAL) {
            return Optional.of(new Refusal(n + " was force-dialled " + FORCED_DIALS_BEFORE_APPROVAL + " times; an"
                    + " admin must approve it before it is dialled again", false));
        }
        return Optional.empty();
    }

    /** A call to {@code number} was placed with force: counted when the guard stood in its way. */
    public void placedWithForce(String agentId, String number) {
        String n = NumberList.normalise(number);
        if (settings().enabled() && risk.find(n).isPresent()) {
            String now = TimeText.of(clock.instant());
            db.with(dsl -> dsl.insertInto(FORCED_DIAL).set(FORCED_DIAL.NUMBER, n).set(FORCED_DIAL.AGENT_ID, agentId)
                    .set(FORCED_DIAL.AT, now).execute());
        }
    }

    /** Forced dials of {@code number} since its last approval. */
    public int forcedSinceApproval(String number) {
        String n = NumberList.normalise(number);
        return db.with(dsl -> {
            Integer after = dsl.select(FORCED_DIAL_APPROVAL.AFTER_SEQ).from(FORCED_DIAL_APPROVAL)
                    .where(FORCED_DIAL_APPROVAL.NUMBER.eq(n)).fetchOne(FORCED_DIAL_APPROVAL.AFTER_SEQ);
            return dsl.fetchCount(FORCED_DIAL, FORCED_DIAL.NUMBER.eq(n).and(FORCED_DIAL.SEQ.gt(after == null ? 0 : after)));
        });
    }

    /** An admin approves {@code number}: it may be force-dialled 3 more times. */
    public void approve(String number, String by) {
        String n = io.branchline.box.number.PhoneNumber.parse("number", number).subscriber();
        String now = TimeText.of(clock.instant());
        db.with(dsl -> {
            Integer last = dsl.select(org.jooq.impl.DSL.max(FORCED_DIAL.SEQ)).from(FORCED_DIAL).fetchOne(0, Integer.class);
            int upTo = last == null ? 0 : last;
            return dsl.insertInto(FORCED_DIAL_APPROVAL).set(FORCED_DIAL_APPROVAL.NUMBER, n)
                    .set(FORCED_DIAL_APPROVAL.AFTER_SEQ, upTo).set(FORCED_DIAL_APPROVAL.APPROVED_AT, now)
                    .set(FORCED_DIAL_APPROVAL.APPROVED_BY, by).onConflict(FORCED_DIAL_APPROVAL.NUMBER).doUpdate()
                    .set(FORCED_DIAL_APPROVAL.AFTER_SEQ, upTo).set(FORCED_DIAL_APPROVAL.APPROVED_AT, now)
                    .set(FORCED_DIAL_APPROVAL.APPROVED_BY, by).execute();
        });
    }

    public Settings settings() {
        return db.with(dsl -> new Settings(
                !"0".equals(dsl.select(GUARD_SETTING.VALUE).from(GUARD_SETTING).where(GUARD_SETTING.NAME.eq("enabled"))
                        .fetchOne(GUARD_SETTING.VALUE)),
                !"0".equals(dsl.select(GUARD_SETTING.VALUE).from(GUARD_SETTING)
                        .where(GUARD_SETTING.NAME.eq("forced-dial-approval")).fetchOne(GUARD_SETTING.VALUE))));
    }

    /** Changes the switches given (null leaves one as it is). */
    public Settings set(Boolean enabled, Boolean forcedDialApproval) {
        db.with(dsl -> {
            if (enabled != null) {
                dsl.insertInto(GUARD_SETTING).set(GUARD_SETTING.NAME, "enabled").set(GUARD_SETTING.VALUE, enabled ? "1" : "0")
                        .onConflict(GUARD_SETTING.NAME).doUpdate().set(GUARD_SETTING.VALUE, enabled ? "1" : "0").execute();
            }
            if (forcedDialApproval != null) {
                String v = forcedDialApproval ? "1" : "0";
                dsl.insertInto(GUARD_SETTING).set(GUARD_SETTING.NAME, "forced-dial-approval").set(GUARD_SETTING.VALUE, v)
                        .onConflict(GUARD_SETTING.NAME).doUpdate().set(GUARD_SETTING.VALUE, v).execute();
            }
            return null;
        });
        return settings();
    }

    private static String reason(NumberList.Entry e) {
        return e.reason().isEmpty() ? "" : " (" + e.reason() + ")";
    }
}
