package io.branchline.box.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.box.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 电销卫士 as the manual describes it: a risk number pops up a warning instead of being dialled; with forced-dial
 * approval on it can be forced 3 times, then an admin approves 3 more; a blacklisted customer cannot be
 * called at all.
 */
class CallGuardTest {
    @TempDir
    Path dir;

    @Test
    void aRiskNumberIsInterceptedUnlessForcedAndForcedOnlyThreeTimesUntilApproved() {
        try (Database db = Database.open(dir)) {
            CallGuard guard = new CallGuard(db, Clock.systemUTC());
            guard.risk().add(List.of("+86 139 0000 0005"), "高频通信", "crm");
            CallGuard.Refusal r = guard.check("13900000005", false).orElseThrow();
            assertTrue(r.forceable());
            assertTrue(r.message().contains("risk number (高频通信)") && r.message().contains("with force"), r.message());
            for (int i = 0; i < 3; i++) {
                assertTrue(guard.check("13900000005", true).isEmpty(), "forced dial " + (i + 1));
                guard.placedWithForce("1001", "13900000005");
            }
            CallGuard.Refusal fourth = guard.check("13900000005", true).orElseThrow();
            assertFalse(fourth.forceable());
            assertTrue(fourth.message().contains("an admin must approve it"), fourth.message());
            guard.approve("13900000005", "admin");
            assertEquals(0, guard.forcedSinceApproval("13900000005"));
            assertTrue(guard.check("13900000005", true).isEmpty(), "three more after the approval");
            assertTrue(guard.check("13900000006", false).isEmpty(), "other numbers are not touched");
        }
    }

    @Test
    void theGuardOffLetsRiskNumbersThroughButNeverABlacklistedOneAndTheSwitchesSurviveARestart() {
        try (Database db = Database.open(dir)) {
            CallGuard guard = new CallGuard(db, Clock.systemUTC());
            assertEquals(new CallGuard.Settings(true, true), guard.settings(), "on by default");
            guard.risk().add(List.of("13900000005"), "", "crm");
            guard.blacklist().add(List.of("13900000009"), "投诉", "admin");
            guard.set(false, null);
            assertTrue(guard.check("13900000005", false).isEmpty());
            CallGuard.Refusal black = guard.check("0086 139 0000 0009", true).orElseThrow();
            assertFalse(black.forceable());
            assertTrue(black.message().contains("on the blacklist (投诉)"), black.message());
        }
        try (Database db = Database.open(dir)) {
            assertEquals(new CallGuard.Settings(false, true), new CallGuard(db, Clock.systemUTC()).settings());
        }
    }
}
