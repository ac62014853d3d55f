package io.branchline.box.access;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Signed-in browsers: a random 256-bit reference per login (ASVS 7.2.3, a new one at every login, 7.2.4),
 * kept in memory only, so that a restart signs everyone out and a stolen database holds no session. A
 * session ends on logout (7.4.1), after {@code idle} without a request, and {@code lifetime} after the login
 * whatever happens (7.3.1, 7.3.2). Each carries its own anti-forgery token, which changes ask for in the
 * {@code X-CSRF-Token} header.
 */
public final class Sessions {
    public static final int MAX_SESSIONS = 1_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Duration idle;
    private final Duration lifetime;
    private final Map<String, Session> byToken = new HashMap<>();

    public Sessions(Clock clock, Duration idle, Duration lifetime) {
        this.clock = clock;
        this.idle = idle;
        this.lifetime = lifetime;
    }

    /** One signed-in browser; {@code csrf} goes with every change it asks for. */
    public record Session(String token, String account, String csrf, Instant createdAt, Instant lastSeen) {
    }

    public synchronized Session open(String account) {
        Instant now = clock.instant();
        byToken.values().removeIf(s -> expired(s, now));
        if (byToken.size() >= MAX_SESSIONS) {
            byToken.values().stream().min(java.util.Comparator.comparing(Session::lastSeen))
                    .ifPresent(oldest -> byToken.remove(oldest.token()));
        }
        Session s = new Session(random(), account, random(), now, now);
        byToken.put(s.token(), s);
        return s;
    }

    /** The live session of {@code token}, touched; empty when there is none or it expired. */
    public synchronized Optional<Session> find(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Session s = byToken.get(token);
        Instant now = clock.instant();
        if (s == null) {
            return Optional.empty();
        }
        if (expired(s, now)) {
            byToken.remove(token);
            return Optional.empty();
        }
        Session touched = new Session(s.token(), s.account(), s.csrf(), s.createdAt(), now);
        byToken.put(token, touched);
        return Optional.of(touched);
    }

    /** Whether the session of {@code token} is still live, without counting this as its use. */
    public synchronized boolean alive(String token) {
        Session s = token == null ? null : byToken.get(token);
        return s != null && !expired(s, clock.instant());
    }

    public synchronized void close(String token) {
        if (token != null) {
            byToken.remove(token);
        }
    }

    /** Every session of {@code account} (its password changed, it was removed or changed role). */
    public synchronized void closeAll(String account) {
        byToken.values().removeIf(s -> s.account().equals(account));
    }

    public Duration idle() {
        return idle;
    }

    private boolean expired(Session s, Instant now) {
        return !s.lastSeen().plus(idle).isAfter(now) || !s.createdAt().plus(lifetime).isAfter(now);
    }

    static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
