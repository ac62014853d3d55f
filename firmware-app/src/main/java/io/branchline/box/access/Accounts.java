package io.branchline.box.access;

import static io.branchline.box.store.schema.Tables.ACCOUNT;
import static io.branchline.box.store.schema.Tables.ACCOUNT_TEAM;

import io.branchline.box.store.Database;
import io.branchline.box.store.TimeText;
import io.branchline.box.store.schema.tables.records.AccountRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The box's accounts, in SQLite. There is no default account and no default password: an installer adds
 * the first one ({@code branchline user add}), which gets a random one-time password that works for
 * {@link #ONE_TIME_VALIDITY} and must be replaced at the first login. Logins are throttled per account and
 * per address ({@link LoginThrottle}).
 */
public final class Accounts {
    public static final Duration ONE_TIME_VALIDITY = Duration.ofHours(24);
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,31}");

    private final Database db;
    private final Clock clock;
    private final Predicate<String> agentExists;
    private final LoginThrottle throttle;

    public Accounts(Database db, Clock clock, Predicate<String> agentExists) {
        this.db = db;
        this.clock = clock;
        this.agentExists = agentExists;
        this.throttle = new LoginThrottle(clock);
    }

    /** An account as the API lists it: never its hash. */
    public record Account(String name, String role, String agent, Set<String> team, boolean masked,
                          boolean oneTimePassword, String oneTimeUntil, String createdAt, String passwordSetAt) {
        Role roleValue() {
            return Role.of("role", role);
        }

        /** What this account may see, as the access filter hands it to the handlers. */
        public Viewer viewer() {
            Role r = roleValue();
            Viewer.Scope scope = switch (r) {
                case INSTALLER, ADMIN -> Viewer.Scope.ALL;
                case SUPERVISOR -> Viewer.Scope.of(team);
                case AGENT -> Viewer.Scope.of(Set.of(agent));
            };
            return new Viewer(name, r, "session", scope, masked, oneTimePassword);
        }
    }

    /** What a new account is; {@code masked} null takes the role's default (agents masked). */
    public record NewAccount(String name, Role role, String agent, Set<String> team, Boolean masked) {
    }

    /** A new account and its one-time password, shown once. */
    public record Added(Account account, String oneTimePassword) {
    }

    public Added add(NewAccount a) {
        String name = checkName(a.name());
        if (a.role() == null) {
            throw new AccessException("role", "is needed: one of " + Role.keys());
        }
        String agent = checkAgent(a.role(), a.agent());
        Set<String> team = checkTeam(a.role(), a.team());
        boolean masked = a.masked() == null ? a.role().maskedByDefault() : a.masked();
        String password = Passwords.oneTime();
        String hash = Passwords.hash(password);
        Instant now = clock.instant();
        boolean added = db.with(dsl -> {
            if (dsl.fetchExists(ACCOUNT, ACCOUNT.NAME.eq(name))) {
                return false;
            }
            dsl.insertInto(ACCOUNT).set(ACCOUNT.NAME, name).set(ACCOUNT.ROLE, a.role().key())
                    .set(ACCOUNT.AGENT_ID, agent).set(ACCOUNT.MASKED, masked ? 1 : 0).set(ACCOUNT.PASSWORD_HASH, hash)
                    .set(ACCOUNT.ONE_TIME_UNTIL, TimeText.of(now.plus(ONE_TIME_VALIDITY)))
                    .set(ACCOUNT.CREATED_AT, TimeText.of(now)).set(ACCOUNT.PASSWORD_SET_AT, TimeText.of(now)).execute();
            for (String t : team) {
                dsl.insertInto(ACCOUNT_TEAM).set(ACCOUNT_TEAM.ACCOUNT, name).set(ACCOUNT_TEAM.AGENT_ID, t).execute();
            }
            return true;
        });
        if (!added) {
            throw AccessException.conflict("name", "an account \"" + name + "\" exists already");
        }
        return new Added(find(name).orElseThrow(), password);
    }

    /** What may change on an account; null leaves it as it is. */
    public record Change(Role role, String agent, Set<String> team, Boolean masked) {
    }

    public Account update(String name, Change c) {
        Account old = find(name).orElseThrow(() -> new AccessException("name", "no account \"" + name + "\""));
        Role role = c.role() == null ? old.roleValue() : c.role();
        String agent = checkAgent(role, c.agent() == null && role == old.roleValue() ? old.agent() : c.agent());
        Set<String> team = checkTeam(role, c.team() == null && role == old.roleValue() ? old.team() : c.team());
        boolean masked = c.masked() == null ? old.masked() : c.masked();
        if (old.roleValue() == Role.INSTALLER && role != Role.INSTALLER) {
            keepOneInstaller(name);
        }
        db.with(dsl -> {
            dsl.update(ACCOUNT).set(ACCOUNT.ROLE, role.key()).set(ACCOUNT.AGENT_ID, agent)
                    .set(ACCOUNT.MASKED, masked ? 1 : 0).where(ACCOUNT.NAME.eq(name)).execute();
            dsl.deleteFrom(ACCOUNT_TEAM).where(ACCOUNT_TEAM.ACCOUNT.eq(name)).execute();
            for (String t : team) {
                dsl.insertInto(ACCOUNT_TEAM).set(ACCOUNT_TEAM.ACCOUNT, name).set(ACCOUNT_TEAM.AGENT_ID, t).execute();
            }
            return null;
        });
        return find(name).orElseThrow();
    }

    /** A new one-time password for {@code name} (forgotten password): the old one stops working. */
    public String reset(String name) {
        find(name).orElseThrow(() -> new AccessException("name", "no account \"" + name + "\""));
        String password = Passwords.oneTime();
        String hash = Passwords.hash(password);
        Instant now = clock.instant();
        db.with(dsl -> dsl.update(ACCOUNT).set(ACCOUNT.PASSWORD_HASH, hash)
                .set(ACCOUNT.ONE_TIME_UNTIL, TimeText.of(now.plus(ONE_TIME_VALIDITY)))
                .set(ACCOUNT.PASSWORD_SET_AT, TimeText.of(now)).where(ACCOUNT.NAME.eq(name)).execute());
        throttle.succeeded(name); // the installer vouched for the owner: their lockout ends
        return password;
    }

    /** The owner sets their own password, knowing the current one (a one-time one included). */
    public void changePassword(String name, String current, String next, String address) {
        login(name, current, address).orElseThrow(() -> new AccessException("current", "is not this account's"
                + " password"));
        Passwords.check("password", next, name);
        if (next.equals(current)) {
            throw new AccessException("password", "must differ from the current one");
        }
        String hash = Passwords.hash(next);
        String now = TimeText.of(clock.instant());
        db.with(dsl -> dsl.update(ACCOUNT).set(ACCOUNT.PASSWORD_HASH, hash).setNull(ACCOUNT.ONE_TIME_UNTIL)
                .set(ACCOUNT.PASSWORD_SET_AT, now).where(ACCOUNT.NAME.eq(name)).execute());
    }

    /**
     * The account when {@code password} is its password and no lockout stands; throws {@link Locked} during
     * a lockout. An expired one-time password fails like a wrong one.
     */
    public Optional<Account> login(String name, String password, String address) {
        Optional<java.time.Duration> wait = throttle.wait(name, address);
        if (wait.isPresent()) {
            throw new Locked(wait.get());
        }
        Optional<AccountRecord> row = name == null ? Optional.empty() : db.with(dsl ->
                dsl.selectFrom(ACCOUNT).where(ACCOUNT.NAME.eq(name)).fetchOptional());
        boolean ok = Passwords.matches(password == null ? "" : password, row.map(AccountRecord::getPasswordHash)
                .orElse(null));
        if (ok && row.get().getOneTimeUntil() != null
                && row.get().getOneTimeUntil().compareTo(TimeText.of(clock.instant())) <= 0) {
            ok = false;
        }
        if (!ok) {
            throttle.failed(name, address);
            return Optional.empty();
        }
        throttle.succeeded(name);
        String stored = row.get().getPasswordHash();
        if (Passwords.outdated(stored)) {
            // Made with older settings (a box that hashed with m = 19 MiB): the password is at hand, so the
            // hash moves to today's settings now; only if nobody changed it meanwhile.
            String renewed = Passwords.hash(password);
            db.with(dsl -> dsl.update(ACCOUNT).set(ACCOUNT.PASSWORD_HASH, renewed)
                    .where(ACCOUNT.NAME.eq(name)).and(ACCOUNT.PASSWORD_HASH.eq(stored)).execute());
        }
        return find(name);
    }

    /** Logins refused for a while after repeated failures. */
    public static final class Locked extends RuntimeException {
        private final java.time.Duration wait;

        Locked(java.time.Duration wait) {
            super("too many failed logins: try again in " + Math.max(1, wait.toSeconds()) + " s");
            this.wait = wait;
        }

        public java.time.Duration retryAfter() {
            return wait;
        }
    }

    public void remove(String name) {
        Account a = find(name).orElseThrow(() -> new AccessException("name", "no account \"" + name + "\""));
        if (a.roleValue() == Role.INSTALLER) {
            keepOneInstaller(name);
        }
        db.with(dsl -> {
            dsl.deleteFrom(ACCOUNT_TEAM).where(ACCOUNT_TEAM.ACCOUNT.eq(name)).execute();
            return dsl.deleteFrom(ACCOUNT).where(ACCOUNT.NAME.eq(name)).execute();
        });
    }

    public Optional<Account> find(String name) {
        return db.with(dsl -> dsl.selectFrom(ACCOUNT).where(ACCOUNT.NAME.eq(name)).fetchOptional()
                .map(r -> view(r, dsl.select(ACCOUNT_TEAM.AGENT_ID).from(ACCOUNT_TEAM)
                        .where(ACCOUNT_TEAM.ACCOUNT.eq(name)).fetch(ACCOUNT_TEAM.AGENT_ID))));
    }

    public List<Account> list() {
        return db.with(dsl -> {
            java.util.Map<String, List<String>> teams = dsl.selectFrom(ACCOUNT_TEAM).fetchGroups(ACCOUNT_TEAM.ACCOUNT,
                    ACCOUNT_TEAM.AGENT_ID);
            return dsl.selectFrom(ACCOUNT).orderBy(ACCOUNT.NAME).fetch(r -> view(r, teams.getOrDefault(r.getName(),
                    List.of())));
        });
    }

    private static Account view(AccountRecord r, List<String> team) {
        return new Account(r.getName(), r.getRole(), r.getAgentId(), new TreeSet<>(team), r.getMasked() == 1,
                r.getOneTimeUntil() != null, r.getOneTimeUntil(), r.getCreatedAt(), r.getPasswordSetAt());
    }

    private void keepOneInstaller(String leaving) {
        int others = db.with(dsl -> dsl.fetchCount(ACCOUNT, ACCOUNT.ROLE.eq(Role.INSTALLER.key())
                .and(ACCOUNT.NAME.ne(leaving))));
        if (others == 0) {
            throw AccessException.conflict("name", "\"" + leaving + "\" is the last installer; add another installer"
                    + " first");
        }
    }

    static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new AccessException("name", "must be 1 to 32 of a-z, 0-9, '.', '_', '-' (starting with a letter or"
                    + " digit)");
        }
        return name;
    }

    private String checkAgent(Role role, String agent) {
        if (role != Role.AGENT) {
            if (agent != null && !agent.isEmpty()) {
                throw new AccessException("agent", "only an agent account is one agent");
            }
            return null;
        }
        if (agent == null || agent.isEmpty()) {
            throw new AccessException("agent", "an agent account needs the agent it is (its 工号)");
        }
        if (!agentExists.test(agent)) {
            throw new AccessException("agent", "no agent \"" + io.branchline.box.store.StoredText.printable(agent)
                    + "\" on this box");
        }
        return agent;
    }

    private Set<String> checkTeam(Role role, Set<String> team) {
        Set<String> t = team == null ? Set.of() : team;
        if (role != Role.SUPERVISOR) {
            if (!t.isEmpty()) {
                throw new AccessException("team", "only a supervisor has a team");
            }
            return Set.of();
        }
        if (t.size() > 200) {
            throw new AccessException("team", "at most 200 agents");
        }
        for (String a : t) {
            if (a == null || !agentExists.test(a)) {
                throw new AccessException("team", "no agent \"" + io.branchline.box.store.StoredText.printable(
                        String.valueOf(a)) + "\" on this box");
            }
        }
        return t;
    }
}
