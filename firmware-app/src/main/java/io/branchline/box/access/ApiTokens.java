package io.branchline.box.access;

import static io.branchline.box.store.schema.Tables.API_TOKEN;

import io.branchline.box.store.Database;
import io.branchline.box.store.TimeText;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * API tokens for scripts and the CRM: random 256-bit secrets shown once when made, kept as SHA-256 (a
 * token is random, so a fast hash is enough, unlike a password), sent as {@code Authorization: Bearer}.
 * A token acts as an installer or an admin; people sign in with their accounts instead.
 */
public final class ApiTokens {
    public static final String PREFIX = "blt_";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,31}");
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final Database db;
    private final Clock clock;
    private final Map<String, Instant> touched = new ConcurrentHashMap<>();

    public ApiTokens(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A token as listed: never the secret. */
    public record Token(String name, String role, boolean masked, String createdAt, String lastUsedAt) {
    }

    /** A new token and its secret, shown once. */
    public record Made(Token token, String secret) {
    }

    public Made make(String name, Role role, Boolean masked) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new AccessException("name", "must be 1 to 32 of a-z, 0-9, '.', '_', '-'");
        }
        if (role != Role.INSTALLER && role != Role.ADMIN) {
            throw new AccessException("role", "a token acts as installer or admin; agents and supervisors sign in");
        }
        String secret = PREFIX + Sessions.random();
        String now = TimeText.of(clock.instant());
        boolean made = db.with(dsl -> {
            if (dsl.fetchExists(API_TOKEN, API_TOKEN.NAME.eq(name))) {
                return false;
            }
            dsl.insertInto(API_TOKEN).set(API_TOKEN.NAME, name).set(API_TOKEN.ROLE, role.key())
                    .set(API_TOKEN.MASKED, Boolean.TRUE.equals(masked) ? 1 : 0).set(API_TOKEN.TOKEN_HASH, sha256(secret))
                    .set(API_TOKEN.CREATED_AT, now).execute();
            return true;
        });
        if (!made) {
            throw AccessException.conflict("name", "a token \"" + name + "\" exists already");
        }
        return new Made(list().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(), secret);
    }

    /** Who {@code secret} is, when it is a live token. */
    public Optional<Viewer> find(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        String hash = sha256(secret);
        Optional<Token> t = db.with(dsl -> dsl.selectFrom(API_TOKEN).where(API_TOKEN.TOKEN_HASH.eq(hash))
                .fetchOptional().map(r -> new Token(r.getName(), r.getRole(), r.getMasked() == 1, r.getCreatedAt(),
                        r.getLastUsedAt())));
        t.ifPresent(this::touch);
        return t.map(x -> new Viewer(x.name(), Role.of("role", x.role()), "token", Viewer.Scope.ALL, x.masked(),
                false));
    }

    public List<Token> list() {
        return db.with(dsl -> dsl.selectFrom(API_TOKEN).orderBy(API_TOKEN.NAME).fetch(r -> new Token(r.getName(),
                r.getRole(), r.getMasked() == 1, r.getCreatedAt(), r.getLastUsedAt())));
    }

    public boolean remove(String name) {
        touched.remove(name);
        return db.with(dsl -> dsl.deleteFrom(API_TOKEN).where(API_TOKEN.NAME.eq(name)).execute()) > 0;
    }

    /** When it was last used, to the minute: a write per request would cost every scripted call a commit. */
    private void touch(Token t) {
        Instant now = clock.instant();
        Instant last = touched.get(t.name());
        if (last == null || !last.plus(TOUCH_EVERY).isAfter(now)) {
            touched.put(t.name(), now);
            db.with(dsl -> dsl.update(API_TOKEN).set(API_TOKEN.LAST_USED_AT, TimeText.of(now))
                    .where(API_TOKEN.NAME.eq(t.name())).execute());
        }
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(
                    StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
