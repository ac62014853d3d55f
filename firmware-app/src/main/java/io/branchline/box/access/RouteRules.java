package io.branchline.box.access;

import static io.branchline.box.access.Role.ADMIN;
import static io.branchline.box.access.Role.AGENT;
import static io.branchline.box.access.Role.INSTALLER;
import static io.branchline.box.access.Role.SUPERVISOR;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who may call which route: the one table of the box's API. A request that matches no rule is answered
 * 404 whoever asks, so that a route added to the routing but not here cannot be reached at all: it fails
 * its own tests until it is given its roles. What a role then sees of the data (an agent's own calls, a
 * supervisor's team) is the handler's part, through {@link Viewer#sees}.
 */
public final class RouteRules {
    /** The types a change may be sent as, unless the rule says otherwise. */
    public static final Set<String> JSON = Set.of("application/json");
    /** An opening message's file. */
    public static final Set<String> AUDIO = Set.of("application/octet-stream", "audio/mpeg", "audio/mp3",
            "audio/wav", "audio/x-wav", "audio/wave");

    /**
     * @param open          answered without signing in (the health check, the login)
     * @param beforePassword allowed to an account still on its one-time password
     * @param types         the content types a body may have (changes only)
     * @param what          what the route does, for the audit log and the refusals
     */
    public record Rule(String method, String pattern, Set<Role> roles, boolean open, boolean beforePassword,
                       Set<String> types, String what) {
        boolean matches(String m, String path) {
            if (!method.equals(m)) {
                return false;
            }
            if (pattern.endsWith("/**")) { // the page's files: any path below
                return path.startsWith(pattern.substring(0, pattern.length() - 2));
            }
            String[] want = pattern.split("/", -1);
            String[] got = path.split("/", -1);
            if (want.length != got.length) {
                return false;
            }
            for (int i = 0; i < want.length; i++) {
                boolean param = want[i].startsWith("{") && want[i].endsWith("}");
                if (param ? got[i].isEmpty() : !want[i].equals(got[i])) {
                    return false;
                }
            }
            return true;
        }

        public boolean changes() {
            return !method.equals("GET");
        }
    }

    private static final Set<Role> EVERYONE = EnumSet.allOf(Role.class);
    private static final Set<Role> OFFICE = EnumSet.of(INSTALLER, ADMIN);
    private static final Set<Role> LIVE = EnumSet.of(INSTALLER, ADMIN, SUPERVISOR);
    private static final Set<Role> INSTALLER_ONLY = EnumSet.of(INSTALLER);

    private final List<Rule> rules = new ArrayList<>();

    private RouteRules() {
    }

    /** The box's API. Order matters only where two patterns match one path: the first wins. */
    public static RouteRules box() {
        RouteRules t = new RouteRules();
        t.open("GET", "/", "open the admin page");
        t.open("GET", "/ui/**", "load the admin page's files");
        t.open("GET", "/api/health", "check that the box is up");
        t.open("POST", "/api/session", "sign in");
        t.session("GET", "/api/session", "see who is signed in");
        t.session("DELETE", "/api/session", "sign out");
        t.session("POST", "/api/session/password", "set one's own password");

        t.add("GET", "/api/lines", LIVE, "see the lines");
        t.add("GET", "/api/lines/{id}", LIVE, "see a line");
        t.add("POST", "/api/lines/{id}/poll", INSTALLER_ONLY, "poll a modem");
        t.add("GET", "/api/lines/{id}/wire", INSTALLER_ONLY, "read a modem's AT traffic");
        t.add("POST", "/api/lines/{id}/at", INSTALLER_ONLY, "send an AT command");
        t.add("POST", "/api/lines/{id}/goip", INSTALLER_ONLY, "send a GoIP port a control command");
        t.add("GET", "/api/hardware", OFFICE, "see the hardware seen");
        t.add("GET", "/api/sims", LIVE, "see the SIMs");
        t.add("POST", "/api/lines/{id}/test-call", OFFICE, "place a test call from one line");
        t.add("GET", "/api/switchboard/menus", LIVE, "see the switchboard's menus");
        t.add("GET", "/api/switchboard/menus/{id}", LIVE, "see a switchboard menu");
        t.add("PUT", "/api/switchboard/menus/{id}", OFFICE, "save a switchboard menu");
        t.add("DELETE", "/api/switchboard/menus/{id}", OFFICE, "delete a switchboard menu");
        t.add("GET", "/api/switchboard/queues", LIVE, "see the switchboard's queues");
        t.add("GET", "/api/switchboard/queues/{id}", LIVE, "see a switchboard queue");
        t.add("PUT", "/api/switchboard/queues/{id}", OFFICE, "save a switchboard queue");
        t.add("DELETE", "/api/switchboard/queues/{id}", OFFICE, "delete a switchboard queue");
        t.add("GET", "/api/switchboard/hours", LIVE, "see the office hours");
        t.add("PUT", "/api/switchboard/hours", OFFICE, "save the office hours");
        t.add("GET", "/api/switchboard/calls", LIVE, "see the switchboard list");
        t.add("POST", "/api/switchboard/calls/{id}/handled", OFFICE, "mark an inbound call handled");
        t.add("DELETE", "/api/switchboard/calls/{id}/handled", OFFICE, "take back a handled mark");
        t.add("GET", "/api/switchboard/waiting", LIVE, "see the callers waiting in the queues");
        t.add("GET", "/api/settings/lines", OFFICE, "see the lines' dialing settings");
        t.add("GET", "/api/settings/lines/{line}", OFFICE, "see a line's dialing settings");
        t.add("PUT", "/api/settings/lines/{line}", OFFICE, "change a line's dialing settings");
        t.add("DELETE", "/api/settings/lines/{line}", OFFICE, "return a line to the file's settings");
        t.add("GET", "/api/sims/warnings", LIVE, "see the frequent-call warnings");
        t.add("GET", "/api/sims/health", LIVE, "see each SIM's health (SIM protection)");
        t.add("DELETE", "/api/sims/{iccid}/rest", OFFICE, "end a SIM's rest");
        t.add("GET", "/api/settings/sim-protection", LIVE, "see the SIM protection settings");
        t.add("PUT", "/api/settings/sim-protection", OFFICE, "change the SIM protection settings");

        t.add("POST", "/api/calls", EVERYONE, "place a call");
        t.add("GET", "/api/calls", EVERYONE, "see calls");
        t.add("GET", "/api/calls/figures", EVERYONE, "see the sales-briefing figures");
        t.add("GET", "/api/calls/export", EVERYONE, "export call records (CSV)");
        t.add("GET", "/api/calls/{id}", EVERYONE, "see a call");
        t.add("GET", "/api/calls/{id}/recording", EVERYONE, "play a recording");
        t.add("POST", "/api/calls/{id}/takeover", EVERYONE, "take over a call (F2)");
        t.add("POST", "/api/calls/{id}/answer", EVERYONE, "answer an inbound call that rings");
        t.add("DELETE", "/api/calls/{id}", EVERYONE, "hang up a call");

        t.add("GET", "/api/live", EVERYONE, "follow the dashboard live");
        t.add("GET", "/api/agents", EVERYONE, "see agents and seat states");
        t.add("PUT", "/api/agents/{id}/state", EVERYONE, "set a seat state");
        t.add("GET", "/api/agents/{id}/states", EVERYONE, "see an agent's seat-state changes");

        t.add("GET", "/api/prompts", EVERYONE, "see the opening messages");
        t.add("POST", "/api/prompts", OFFICE, AUDIO, "upload an opening message");
        t.add("PUT", "/api/prompts/opening", EVERYONE, "choose an opening message");
        t.add("GET", "/api/prompts/{id}/audio", EVERYONE, "play an opening message");
        t.add("DELETE", "/api/prompts/{id}", OFFICE, "delete an opening message");

        t.add("GET", "/api/guard/settings", LIVE, "see the call guard's settings");
        t.add("PUT", "/api/guard/settings", OFFICE, "switch the call guard");
        t.add("POST", "/api/guard/approvals", OFFICE, "approve a force-dialled number");
        for (String list : List.of("blacklist", "risk")) {
            t.add("GET", "/api/guard/" + list, LIVE, "see the " + list);
            t.add("POST", "/api/guard/" + list, OFFICE, "add to the " + list);
            t.add("DELETE", "/api/guard/" + list + "/{number}", OFFICE, "remove from the " + list);
        }

        t.add("GET", "/api/group-tasks", EVERYONE, "see the group-call tasks");
        t.add("POST", "/api/group-tasks", OFFICE, "create a group-call task");
        t.add("GET", "/api/group-tasks/{id}", EVERYONE, "see a group-call task");
        t.add("PUT", "/api/group-tasks/{id}", OFFICE, "change a group-call task");
        t.add("DELETE", "/api/group-tasks/{id}", OFFICE, "delete a group-call task");
        t.add("GET", "/api/group-tasks/{id}/numbers", LIVE, "see a group-call task's numbers and results");
        t.add("POST", "/api/group-tasks/{id}/numbers", OFFICE, "add numbers to a group-call task");
        t.add("POST", "/api/group-tasks/{id}/start", OFFICE, "start a group-call task");
        t.add("POST", "/api/group-tasks/{id}/pause", OFFICE, "pause a group-call task");
        t.add("POST", "/api/group-tasks/{id}/join", EVERYONE, "join a group-call task");
        t.add("POST", "/api/group-tasks/{id}/leave", EVERYONE, "leave a group-call task");
        t.add("GET", "/api/lists", EVERYONE, "see the dialing lists");
        t.add("GET", "/api/lists/{agent}", EVERYONE, "see an agent's dialing list");
        t.add("POST", "/api/lists/{agent}/numbers", EVERYONE, "add numbers to a dialing list");
        t.add("DELETE", "/api/lists/{agent}", EVERYONE, "clear a dialing list");
        t.add("POST", "/api/lists/{agent}/start", EVERYONE, "start list dialing");
        t.add("POST", "/api/lists/{agent}/pause", EVERYONE, "pause list dialing");
        t.add("POST", "/api/lists/{agent}/next", EVERYONE, "choose after a list call (next, throw, pause)");
        t.add("GET", "/api/dialing-rules", LIVE, "see the re-dial rules");
        t.add("PUT", "/api/dialing-rules", OFFICE, "change the re-dial rules");

        t.add("GET", "/api/recordings/disk", OFFICE, "see the recordings' disk use");
        t.add("GET", "/api/sms", OFFICE, "read received text messages");
        t.add("POST", "/api/sms", OFFICE, "send a text message");
        t.add("GET", "/api/sms/sent", OFFICE, "see the text messages sent");
        t.add("GET", "/api/sms/sent/{id}", OFFICE, "see a text message sent");
        t.add("POST", "/api/ussd", OFFICE, "ask a line's network by USSD (balance, codes)");
        t.add("GET", "/api/sync", OFFICE, "see the CRM sync");
        t.add("GET", "/api/settings/crm", OFFICE, "see the CRM settings");
        t.add("PUT", "/api/settings/crm", OFFICE, "change the CRM settings (used from the next start)");
        t.add("DELETE", "/api/settings/crm", OFFICE, "return to the file's CRM settings");
        t.add("POST", "/api/sync/use/{endpoint}", INSTALLER_ONLY, "switch the CRM server");

        t.add("GET", "/api/users", OFFICE, "see the accounts");
        t.add("POST", "/api/users", OFFICE, "add an account");
        t.add("PUT", "/api/users/{name}", OFFICE, "change an account");
        t.add("POST", "/api/users/{name}/password", OFFICE, "give an account a new one-time password");
        t.add("DELETE", "/api/users/{name}", OFFICE, "remove an account");
        t.add("GET", "/api/tokens", INSTALLER_ONLY, "see the API tokens");
        t.add("POST", "/api/tokens", INSTALLER_ONLY, "make an API token");
        t.add("DELETE", "/api/tokens/{name}", INSTALLER_ONLY, "revoke an API token");
        t.add("GET", "/api/audit", OFFICE, "read the audit log");

        t.add("GET", "/api/system/health", OFFICE, "see the box's health checks with their reasons");
        t.add("GET", "/api/system/logs", INSTALLER_ONLY, "download the newest log lines");
        t.add("GET", "/api/system/backup", INSTALLER_ONLY, "download a backup of the database");
        t.add("POST", "/api/system/restart", INSTALLER_ONLY, "restart the box");

        t.add("GET", "/api/simulate/network", INSTALLER_ONLY, "see the emulated network");
        t.add("GET", "/api/simulate/crm", INSTALLER_ONLY, "see the CRM stubs");
        t.add("POST", "/api/simulate/sms/{line}", INSTALLER_ONLY, "send an emulated text message");
        t.add("POST", "/api/simulate/call/{line}", INSTALLER_ONLY, "make an emulated customer call a line");
        t.add("DELETE", "/api/simulate/call/{line}", INSTALLER_ONLY, "the emulated caller hangs up");
        t.add("POST", "/api/simulate/call/{line}/keys", INSTALLER_ONLY, "the emulated caller presses keys");
        t.add("POST", "/api/simulate/hook/{line}", INSTALLER_ONLY, "lift or put down an emulated handset");
        return t;
    }

    public Optional<Rule> find(String method, String path) {
        String m = method.equals("HEAD") ? "GET" : method;
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return rules.stream().filter(r -> r.matches(m, p)).findFirst();
    }

    public List<Rule> all() {
        return List.copyOf(rules);
    }

    private void open(String method, String pattern, String what) {
        rules.add(new Rule(method, pattern, EVERYONE, true, true, JSON, what));
    }

    private void session(String method, String pattern, String what) {
        rules.add(new Rule(method, pattern, EVERYONE, false, true, JSON, what));
    }

    private void add(String method, String pattern, Set<Role> roles, String what) {
        add(method, pattern, roles, JSON, what);
    }

    private void add(String method, String pattern, Set<Role> roles, Set<String> types, String what) {
        rules.add(new Rule(method, pattern, Set.copyOf(roles), false, false, types, what));
    }
}
