package io.branchline.box.line;

import io.branchline.hw.sim.SimMultiplexer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SIMs of one line: its multiplexer (if any), what sits in each slot, how they rotate, and which
 * slots failed a switch (skipped until the box restarts or an installer fixes them).
 */
public final class LineSims {
    private final String lineId;
    private final Optional<SimMultiplexer> mux;
    private final List<SimSlot> slots;
    private final RotationPolicy policy;
    private final Optional<FrequentCallWarnings.Rule> warning;
    private final Set<Integer> failed = ConcurrentHashMap.newKeySet();
    private volatile Instant switchedAt;

    public LineSims(String lineId, Optional<SimMultiplexer> mux, List<SimSlot> slots, RotationPolicy policy,
                    Optional<FrequentCallWarnings.Rule> warning, Instant now) {
        this.lineId = lineId;
        this.mux = mux;
        this.slots = List.copyOf(slots);
        this.policy = policy;
        this.warning = warning;
        this.switchedAt = now;
    }

    public String lineId() {
        return lineId;
    }

    public Optional<SimMultiplexer> mux() {
        return mux;
    }

    public int currentSlot() {
        return mux.map(SimMultiplexer::selected).orElse(slots.isEmpty() ? 1 : slots.get(0).slot());
    }

    public Optional<SimSlot> slot(int n) {
        return slots.stream().filter(s -> s.slot() == n).findFirst();
    }

    public String prefix() {
        return slot(currentSlot()).map(SimSlot::prefix).orElse("");
    }

    public String configuredNumber() {
        return slot(currentSlot()).map(SimSlot::ownNumber).orElse("");
    }

    public Instant switchedAt() {
        return switchedAt;
    }

    public void switched(Instant at) {
        switchedAt = at;
    }

    public void markFailed(int slot) {
        failed.add(slot);
    }

    public Set<Integer> failedSlots() {
        return Set.copyOf(failed);
    }

    public RotationPolicy policy() {
        return policy;
    }

    public Optional<FrequentCallWarnings.Rule> warning() {
        return warning;
    }

    /** The slot the next call should use, when it is not the current one (and there is a multiplexer). */
    public Optional<Integer> wantSlot(RotationPolicy.Usage usage) {
        if (mux.isEmpty()) {
            return Optional.empty();
        }
        return policy.wantSlot(currentSlot(), usage, failed);
    }
}
