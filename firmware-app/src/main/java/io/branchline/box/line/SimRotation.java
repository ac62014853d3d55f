package io.branchline.box.line;

import io.branchline.box.store.TimeText;
import io.branchline.hw.line.Line;
import io.branchline.hw.sim.SimSwitchResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIM rotation (换卡) and the call-rate warning (外呼频繁预警), both counted from the call records: before a
 * call, the line moves to the slot its rotation policy wants; a SIM over its rate raises a warning and,
 * where the installer said so, refuses the call.
 */
public final class SimRotation {
    private static final Logger log = LoggerFactory.getLogger(SimRotation.class);
    private static final Duration SIM_SWITCH_TIMEOUT = Duration.ofSeconds(60);
    private static final int SWITCH_ATTEMPTS = 5;

    private final Sims sims;
    private final CallCounts counts;
    private final FrequentCallWarnings warnings;
    private final Clock clock;

    /** Whether the SIM with this ICCID rests (SIM protection); none does until {@link #avoid} is called. */
    private volatile java.util.function.Predicate<String> resting = iccid -> false;

    public SimRotation(Sims sims, CallCounts counts, FrequentCallWarnings warnings, Clock clock) {
        this.sims = sims;
        this.counts = counts;
        this.warnings = warnings;
        this.clock = clock;
    }

    /**
     * When the line's current SIM already made the configured number of calls within the window (recorded
     * ones plus {@code liveOn}, the calls up now on a SIM), a warning is raised, and with {@code block} the
     * call is refused.
     */
    public void checkCallRate(Line line, ToIntFunction<String> liveOn) {
        Optional<FrequentCallWarnings.Rule> r = sims.of(line.id()).flatMap(LineSims::warning);
        if (r.isEmpty()) {
            return;
        }
        FrequentCallWarnings.Rule rule = r.get();
        String iccid = line.snapshot().identity().iccid();
        int made = counts.since(iccid, clock.instant().minus(rule.window())) + liveOn.applyAsInt(iccid);
        if (made < rule.calls()) {
            return;
        }
        warnings.raise(new FrequentCallWarnings.Warning(TimeText.of(clock.instant()), line.id(), iccid,
                sims.ownNumber(line), made + 1, rule.window().toMinutes(), rule.block()));
        if (rule.block()) {
            throw new LineUnavailableException("line", "frequent-call warning: the SIM on line " + line.id()
                    + " made " + made + " calls within " + rule.window().toMinutes() + " minutes; calls are blocked");
        }
    }

    /** Rotation leaves resting SIMs alone, moving off one before a call where another slot can take it. */
    public void avoid(java.util.function.Predicate<String> restingIccid) {
        this.resting = restingIccid;
    }

    /**
     * The slot the line will move to before its next call, if it moves: what the call's first answer names,
     * before the switch has happened.
     */
    public Optional<SimSlot> planned(Line line) {
        return sims.of(line.id()).filter(ls -> ls.mux().isPresent())
                .flatMap(ls -> ls.wantSlot(usage(ls, line), restingSlots(ls)).flatMap(ls::slot));
    }

    /**
     * Whether the line's next call would go out on a resting SIM: its card now rests and rotation has no
     * other slot to move to. The list and group dialers leave such a line alone.
     */
    public boolean onRestingSim(Line line) {
        String now = line.snapshot().identity().iccid();
        if (!resting.test(now)) {
            return false;
        }
        return planned(line).map(slot -> resting.test(slot.iccid())).orElse(true);
    }

    private java.util.Set<Integer> restingSlots(LineSims ls) {
        java.util.Set<Integer> out = new java.util.HashSet<>();
        for (SimSlot s : ls.dialing().slots()) {
            if (!s.iccid().isEmpty() && resting.test(s.iccid())) {
                out.add(s.slot());
            }
        }
        return out;
    }

    /** Moves the line to the SIM its rotation policy wants, skipping slots that fail to come up. */
    public void rotate(Line line) {
        Optional<LineSims> found = sims.of(line.id());
        if (found.isEmpty() || found.get().mux().isEmpty()) {
            return;
        }
        LineSims ls = found.get();
        for (int attempt = 0; attempt < SWITCH_ATTEMPTS; attempt++) {
            Optional<Integer> want = ls.wantSlot(usage(ls, line), restingSlots(ls));
            if (want.isEmpty()) {
                return;
            }
            String expected = ls.slot(want.get()).map(SimSlot::iccid).orElse("");
            SimSwitchResult result = line.switchSim(ls.mux().get(), want.get(), expected, SIM_SWITCH_TIMEOUT).join();
            if (result.ok()) {
                ls.switched(clock.instant());
                return;
            }
            log.warn("event=sim-slot-failed line={} slot={} why=\"{}\"", line.id(), want.get(), result.why());
            ls.markFailed(want.get());
        }
    }

    private RotationPolicy.Usage usage(LineSims ls, Line line) {
        String iccid = line.snapshot().identity().iccid();
        Instant windowStart = clock.instant().minus(ls.policy().window());
        Map<Integer, Integer> bySlot = new HashMap<>();
        for (int slot : ls.policy().slots()) {
            ls.slot(slot).map(SimSlot::iccid).filter(c -> !c.isEmpty())
                    .ifPresent(c -> bySlot.put(slot, counts.since(c, windowStart)));
        }
        return new RotationPolicy.Usage(counts.since(iccid, ls.switchedAt()), counts.since(iccid, windowStart), bySlot);
    }
}
