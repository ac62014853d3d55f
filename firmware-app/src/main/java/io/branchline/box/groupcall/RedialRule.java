package io.branchline.box.groupcall;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

/**
 * Whether a number may be dialled again yet by a list or a task: the seeds' re-dial restriction (轮呼限制时间: a
 * number dialled within the set time, by any path, is skipped with the reason) and the abandoned-call lockout
 * (a number whose answered call found no agent is not dialled by a task again for 72 h, as Ofcom asks).
 */
public final class RedialRule {
    /** The rules as an admin sets them: hours, 0 for none. */
    public record Settings(Integer redialHours, Integer abandonedLockoutHours) {
        public static final Settings DEFAULT = new Settings(0, 72);

        public Settings {
            redialHours = redialHours == null ? 0 : redialHours;
            abandonedLockoutHours = abandonedLockoutHours == null ? 72 : abandonedLockoutHours;
        }

        /** Refuses hours out of bounds: IllegalArgumentException "field: reason". */
        void check() {
            if (redialHours < 0 || redialHours > 24 * 90) {
                throw new IllegalArgumentException("redialHours: must be 0 (none) to " + 24 * 90 + " hours");
            }
            if (abandonedLockoutHours < 0 || abandonedLockoutHours > 24 * 90) {
                throw new IllegalArgumentException("abandonedLockoutHours: must be 0 (none) to " + 24 * 90 + " hours");
            }
        }
    }

    private final Supplier<Settings> settings;
    private final BiFunction<String, Instant, Optional<String>> lastDialled;
    private final BiPredicate<String, Instant> abandonedSince;
    private final Clock clock;

    /**
     * @param lastDialled    when a call out to the number was last started since an instant
     * @param abandonedSince whether a task's call to the number was abandoned since an instant
     */
    public RedialRule(Supplier<Settings> settings, BiFunction<String, Instant, Optional<String>> lastDialled,
                      BiPredicate<String, Instant> abandonedSince, Clock clock) {
        this.settings = settings;
        this.lastDialled = lastDialled;
        this.abandonedSince = abandonedSince;
        this.clock = clock;
    }

    /** Why {@code subscriber} is not dialled now, or empty when it may be. */
    public Optional<String> why(String subscriber) {
        Settings s = settings.get();
        Instant now = clock.instant();
        if (s.abandonedLockoutHours() > 0
                && abandonedSince.test(subscriber, now.minus(Duration.ofHours(s.abandonedLockoutHours())))) {
            return Optional.of("a call to this number found no agent within the last " + s.abandonedLockoutHours()
                    + " h (abandoned-call lockout)");
        }
        if (s.redialHours() > 0) {
            Optional<String> last = lastDialled.apply(subscriber, now.minus(Duration.ofHours(s.redialHours())));
            if (last.isPresent()) {
                return Optional.of("dialled at " + last.get() + ", within the re-dial restriction of "
                        + s.redialHours() + " h (轮呼限制时间)");
            }
        }
        return Optional.empty();
    }
}
