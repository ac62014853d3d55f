package io.branchline.box.access;

import java.util.Set;

/**
 * Who is asking, as the access filter found them: an account through its session, an API token, or the
 * box's own CLI. Handlers ask it what data the request may see ({@link #sees}), and the JSON writer whether
 * customer numbers are masked.
 *
 * @param name   the account or token name; "cli" for the box's local token; "" when nobody signed in
 * @param via    session, token, local, or none
 * @param scope  the agents whose calls and state this viewer sees
 * @param masked customer numbers as 150****4763 (隐号)
 * @param mustChangePassword signed in with a one-time password: nothing but setting a new one is allowed
 */
public record Viewer(String name, Role role, String via, Scope scope, boolean masked, boolean mustChangePassword) {
    /** Nobody signed in: sees nothing, and numbers in whatever it is told (errors) are masked. */
    public static final Viewer NOBODY = new Viewer("", null, "none", Scope.NONE, true, false);

    /** The box's own CLI on the box, with the local token: an installer. */
    public static Viewer localCli() {
        return new Viewer("cli", Role.INSTALLER, "local", Scope.ALL, false, false);
    }

    public boolean signedIn() {
        return role != null;
    }

    /** Whether this viewer may see the calls, records and seat state of {@code agentId}. */
    public boolean sees(String agentId) {
        return scope.all() || (agentId != null && scope.agents().contains(agentId));
    }

    /** What the audit log names: the account or token, and how it came. */
    public String actor() {
        return name.isEmpty() ? "(nobody)" : name;
    }

    /**
     * The agents a viewer sees: all of them (installer, admin), a supervisor's team, an agent themself, or
     * none.
     */
    public record Scope(boolean all, Set<String> agents) {
        public static final Scope ALL = new Scope(true, Set.of());
        public static final Scope NONE = new Scope(false, Set.of());

        public Scope {
            agents = Set.copyOf(agents);
        }

        public static Scope of(Set<String> agents) {
            return new Scope(false, agents);
        }
    }
}
