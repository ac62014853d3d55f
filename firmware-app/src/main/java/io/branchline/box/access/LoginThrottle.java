package io.branchline.box.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed logins counted per account and per address (OWASP's authentication sheet: count per account, lock
 * out exponentially from about a second). The first {@link #FREE_FAILURES} failures cost nothing; each
 * further one locks for twice as long as the one before, from 1 s up to {@link #LONGEST}, so that a
 * guesser gets a few dozen tries an hour while an owner who mistyped waits seconds. During a lockout even
 * the right password is refused. A success clears the account's count. The address counts the failures
 * over every account, with more room, so that one machine cannot spray guesses over all names.
 */
public final class LoginThrottle {
    public static final int FREE_FAILURES = 3;
    static final int FREE_FAILURES_PER_ADDRESS = 20;
    public static final Duration LONGEST = Duration.ofMinutes(15);
    private static final int MAX_KEYS = 10_000; // a flood of made-up names must not fill the memory

    private final Clock clock;
    private final Map<String, Failures> failures = new LinkedHashMap<>(16, 0.75f, true);

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    private record Failures(int count, Instant lockedUntil) {
    }

    /** How long {@code account} (or {@code address}) must still wait; empty when a try is allowed now. */
    public synchronized Optional<Duration> wait(String account, String address) {
        Instant now = clock.instant();
        Duration a = remaining(key("account", account), now);
        Duration b = remaining(key("address", address), now);
        Duration longer = a.compareTo(b) >= 0 ? a : b;
        return longer.isZero() ? Optional.empty() : Optional.of(longer);
    }

    public synchronized void failed(String account, String address) {
        Instant now = clock.instant();
        count(key("account", account), FREE_FAILURES, now);
        count(key("address", address), FREE_FAILURES_PER_ADDRESS, now);
    }

    public synchronized void succeeded(String account) {
        failures.remove(key("account", account));
    }

    private Duration remaining(String key, Instant now) {
        Failures f = failures.get(key);
        if (f == null || f.lockedUntil() == null || !f.lockedUntil().isAfter(now)) {
            return Duration.ZERO;
        }
        return Duration.between(now, f.lockedUntil());
    }

    private void count(String key, int free, Instant now) {
        Failures f = failures.getOrDefault(key, new Failures(0, null));
        int n = f.count() + 1;
        Instant until = null;
        if (n > free) {
            int doublings = Math.min(n - free - 1, 20);
            Duration lock = Duration.ofSeconds(1L << doublings);
            until = now.plus(lock.compareTo(LONGEST) > 0 ? LONGEST : lock);
        }
        failures.put(key, new Failures(n, until));
        if (failures.size() > MAX_KEYS) {
            failures.remove(failures.keySet().iterator().next()); // the least recently touched
        }
    }

    private static String key(String kind, String name) {
        return kind + ":" + (name == null ? "" : name);
    }
}
