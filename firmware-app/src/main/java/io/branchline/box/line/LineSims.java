package io.branchline.box.line;

import io.branchline.hw.sim.SimMultiplexer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SIMs of one line: its multiplexer (if any), what sits in each slot, how they rotate, and which
 * slots failed a switch (skipped until the box restarts or an installer fixes them). The dialing settings
 * change while the box runs (the admin page's line settings): the next call uses them; the multiplexer is
 * wiring and stays as the box started.
 */
public final class LineSims {
    /**
     * What an installer or admin sets for a line: each slot's number and prefix, the rotation, the warning,
     * the line's own number (for SIMs that know none), on a desk phone's card 1 its usual dial mode
     * (empty: direct) and call-forward delay, and what a call to the line does (empty: the default).
     */
    public record Dialing(List<SimSlot> slots, RotationPolicy policy, Optional<FrequentCallWarnings.Rule> warning,
                          String ownNumber, String dialMode, Optional<java.time.Duration> forwardDelay,
                          String inbound, String inboundWhenBusy, String inboundMenu, String inboundRefusal) {
        public Dialing {
            slots = List.copyOf(slots);
        }
    }

    private final String lineId;
    private final Optional<SimMultiplexer> mux;
    private volatile Dialing dialing;
    private final Set<Integer> failed = ConcurrentHashMap.newKeySet();
    private volatile Instant switchedAt;

    public LineSims(String lineId, Optional<SimMultiplexer> mux, Dialing dialing, Instant now) {
        this.lineId = lineId;
        this.mux = mux;
        this.dialing = dialing;
        this.switchedAt = now;
    }

    /** New dialing settings, for the calls placed from now on. */
    public void settle(Dialing next) {
        dialing = next;
    }

    public Dialing dialing() {
        return dialing;
    }

    public String lineId() {
        return lineId;
    }

    public Optional<SimMultiplexer> mux() {
        return mux;
    }

    public int currentSlot() {
        List<SimSlot> slots = dialing.slots();
        return mux.map(SimMultiplexer::selected).orElse(slots.isEmpty() ? 1 : slots.get(0).slot());
    }

    public Optional<SimSlot> slot(int n) {
        return dialing.slots().stream().filter(s -> s.slot() == n).findFirst();
    }

    public String prefix() {
        return slot(currentSlot()).map(SimSlot::prefix).orElse("");
    }

    /** The current SIM's number as the installer entered it: its slot's, else the line's; empty for none. */
    public String configuredNumber() {
        String n = slot(currentSlot()).map(SimSlot::ownNumber).orElse("");
        return n.isEmpty() ? dialing.ownNumber() : n;
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
        return dialing.policy();
    }

    public Optional<FrequentCallWarnings.Rule> warning() {
        return dialing.warning();
    }

    /** The slot the next call should use, when it is not the current one (and there is a multiplexer). */
    public Optional<Integer> wantSlot(RotationPolicy.Usage usage) {
        return wantSlot(usage, Set.of());
    }

    /** The same, leaving {@code resting} slots alone as if they had failed (SIM protection). */
    public Optional<Integer> wantSlot(RotationPolicy.Usage usage, Set<Integer> resting) {
        if (mux.isEmpty()) {
            return Optional.empty();
        }
        Set<Integer> avoid = new java.util.HashSet<>(failed);
        avoid.addAll(resting);
        return dialing.policy().wantSlot(currentSlot(), usage, avoid);
    }
}
