package io.branchline.box.line;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * When a line moves to its next SIM (the seed manual's 外呼设置): {@code FIXED} stays on one slot;
 * {@code BY_COUNT} moves on after {@code calls} calls on the current SIM; {@code BY_FREQUENCY} moves on
 * when the current SIM made {@code calls} calls within {@code window}. Slots that failed a switch are
 * skipped.
 */
public record RotationPolicy(Kind kind, List<Integer> slots, int fixedSlot, int calls, Duration window) {

    public enum Kind { FIXED, BY_COUNT, BY_FREQUENCY }

    /**
     * How many calls the current SIM made since it was selected, and within the window; and, where the
     * cards are known, how many each slot's SIM made within the window.
     */
    public record Usage(int sinceSwitch, int inWindow, java.util.Map<Integer, Integer> inWindowBySlot) {
        public Usage(int sinceSwitch, int inWindow) {
            this(sinceSwitch, inWindow, java.util.Map.of());
        }
    }

    /** The slot the next call should go out on, when that is not {@code current}. */
    public Optional<Integer> wantSlot(int current, Usage usage, Set<Integer> failed) {
        return switch (kind) {
            case FIXED -> current == fixedSlot || failed.contains(fixedSlot) ? Optional.empty() : Optional.of(fixedSlot);
            case BY_COUNT -> usage.sinceSwitch() >= calls ? next(current, failed) : stayOrLeaveFailed(current, failed);
            // Only to a SIM with room in its window: when every card is busy, switching would only cycle the radio.
            case BY_FREQUENCY -> usage.inWindow() >= calls ? next(current, failed, s ->
                    usage.inWindowBySlot().getOrDefault(s, 0) < calls) : stayOrLeaveFailed(current, failed);
        };
    }

    private Optional<Integer> stayOrLeaveFailed(int current, Set<Integer> failed) {
        return slots.contains(current) && !failed.contains(current) ? Optional.empty() : next(current, failed);
    }

    private Optional<Integer> next(int current, Set<Integer> failed) {
        return next(current, failed, s -> true);
    }

    private Optional<Integer> next(int current, Set<Integer> failed, java.util.function.IntPredicate fits) {
        int at = slots.indexOf(current);
        for (int i = 1; i <= slots.size(); i++) {
            int candidate = slots.get(Math.floorMod(at + i, slots.size()));
            if (!failed.contains(candidate) && candidate != current && fits.test(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
