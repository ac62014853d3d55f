package io.branchline.box.access;

import io.helidon.webserver.http.HttpRouting;
import io.branchline.box.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Accounts, sessions, tokens, the audit log and the filter in front of the API, composed: the box's
 * access room. {@link #routes} puts the filter before every route and adds the account routes.
 */
public final class AccessFeature {
    public static final String DEMO_ACCOUNT = "demo";

    private final Accounts accounts;
    private final Sessions sessions;
    private final ApiTokens tokens;
    private final LocalToken local;
    private final AuditLog audit;
    private final SessionCookie cookie;

    private AccessFeature(Accounts accounts, Sessions sessions, ApiTokens tokens, LocalToken local, AuditLog audit,
                          SessionCookie cookie) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.tokens = tokens;
        this.local = local;
        this.audit = audit;
        this.cookie = cookie;
    }

    public static AccessFeature start(Database db, Clock clock, Path dataDir, Predicate<String> agentExists,
                                      Duration idle, boolean https) {
        // Off the start-up path: the box is ready sooner, and the first sign-in still finds the code compiled.
        Thread.ofPlatform().daemon().name("argon2-warm-up").start(Passwords::warmUp);
        return new AccessFeature(new Accounts(db, clock, agentExists), new Sessions(clock, idle, Duration.ofHours(12)),
                new ApiTokens(db, clock), LocalToken.write(dataDir), new AuditLog(db, clock), new SessionCookie(https));
    }

    public void routes(HttpRouting.Builder r) {
        r.addFilter(new AccessFilter(RouteRules.box(), accounts, sessions, tokens, local, audit, cookie));
        r.register("/api/session", new SessionService(accounts, sessions, cookie))
                .register("/api/users", new UsersService(accounts, sessions))
                .register("/api/tokens", new TokensService(tokens))
                .register("/api/audit", new AuditService(audit));
    }

    /**
     * Simulate mode's demo installer: made on first start, and given a fresh one-time password at every
     * start until its owner sets one of their own (then empty: they know it).
     */
    public Optional<String> demoPassword() {
        Optional<Accounts.Account> demo = accounts.find(DEMO_ACCOUNT);
        if (demo.isEmpty()) {
            return Optional.of(accounts.add(new Accounts.NewAccount(DEMO_ACCOUNT, Role.INSTALLER, null, null, false))
                    .oneTimePassword());
        }
        return demo.get().oneTimePassword() ? Optional.of(accounts.reset(DEMO_ACCOUNT)) : Optional.empty();
    }

    /**
     * Whether the request's session (when it came with one) is still live and its account still there: a
     * long answer (the live dashboard) asks now and then, without keeping the session awake.
     */
    public boolean stillSignedIn(io.helidon.webserver.http.ServerRequest req) {
        return AccessFilter.session(req).map(s -> sessions.alive(s.token()) && accounts.find(s.account()).isPresent())
                .orElse(true);
    }

    public Accounts accounts() {
        return accounts;
    }

    public LocalToken localToken() {
        return local;
    }

    public AuditLog audit() {
        return audit;
    }
}
