package io.branchline.box.line;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The seed manual's outbound settings: one fixed SIM, switch by call count, switch by call frequency. */
class RotationPolicyTest {
    static RotationPolicy.Usage usage(int sinceSwitch, int inWindow) {
        return new RotationPolicy.Usage(sinceSwitch, inWindow);
    }

    @Test
    void aFixedSimStaysUnlessItIsNotTheOneSelected() {
        RotationPolicy p = new RotationPolicy(RotationPolicy.Kind.FIXED, List.of(1, 2), 2, 5, Duration.ofMinutes(10));
        assertEquals(Optional.empty(), p.wantSlot(2, usage(100, 100), Set.of()));
        assertEquals(Optional.of(2), p.wantSlot(1, usage(0, 0), Set.of()));
        assertEquals(Optional.empty(), p.wantSlot(1, usage(0, 0), Set.of(2)), "a failed fixed slot is not forced");
    }

    @Test
    void byCountMovesOnAfterNCallsAndWrapsAround() {
        RotationPolicy p = new RotationPolicy(RotationPolicy.Kind.BY_COUNT, List.of(1, 2, 3), 1, 5,
                Duration.ofMinutes(10));
        assertEquals(Optional.empty(), p.wantSlot(1, usage(4, 4), Set.of()));
        assertEquals(Optional.of(2), p.wantSlot(1, usage(5, 5), Set.of()));
        assertEquals(Optional.of(1), p.wantSlot(3, usage(5, 0), Set.of()), "after the last slot comes the first");
        assertEquals(Optional.of(3), p.wantSlot(1, usage(5, 0), Set.of(2)), "a failed slot is skipped");
    }

    @Test
    void byFrequencyMovesOnWhenTheWindowIsFull() {
        RotationPolicy p = new RotationPolicy(RotationPolicy.Kind.BY_FREQUENCY, List.of(2, 4), 1, 3,
                Duration.ofMinutes(5));
        assertEquals(Optional.empty(), p.wantSlot(2, usage(50, 2), Set.of()), "many calls, but spread out");
        assertEquals(Optional.of(4), p.wantSlot(2, usage(3, 3), Set.of()));
        assertEquals(Optional.of(2), p.wantSlot(5, usage(0, 0), Set.of()), "a slot outside the rotation leaves it");
    }

    @Test
    void byFrequencyNeverMovesToASimWhoseWindowIsFullToo() {
        RotationPolicy p = new RotationPolicy(RotationPolicy.Kind.BY_FREQUENCY, List.of(1, 2, 3), 1, 4,
                Duration.ofMinutes(10));
        assertEquals(Optional.of(3), p.wantSlot(1, new RotationPolicy.Usage(9, 4, java.util.Map.of(1, 4, 2, 4, 3, 1)),
                Set.of()));
        assertEquals(Optional.empty(), p.wantSlot(1, new RotationPolicy.Usage(9, 4, java.util.Map.of(1, 4, 2, 5, 3, 4)),
                Set.of()), "every card is busy: stay rather than cycle the radio");
    }

    @Test
    void whenEveryOtherSlotFailedTheLineStays() {
        RotationPolicy p = new RotationPolicy(RotationPolicy.Kind.BY_COUNT, List.of(1, 2), 1, 1, Duration.ofMinutes(1));
        assertEquals(Optional.empty(), p.wantSlot(1, usage(9, 9), Set.of(2)));
    }
}
