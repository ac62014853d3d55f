package io.branchline.box.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.box.Browser;
import io.branchline.box.RunningBox;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who may do what, as the seed manual's roles have it (004 8.1): each route of the API tried by each role
 * and by nobody, against this test's own table. The table is written here from the roles' descriptions,
 * not read from {@link RouteRules}; a route the box has and this table lacks fails the test.
 */
class AccessRulesTest {
    @RegisterExtension
    static final RunningBox running = RunningBox.inMemory();

    static final String I = "installer";
    static final String A = "admin";
    static final String S = "supervisor";
    static final String G = "agent";

    /** Route → the roles that may call it. */
    static final Map<String, Set<String>> EXPECTED = new LinkedHashMap<>();

    static {
        Set<String> all = Set.of(I, A, S, G);
        Set<String> office = Set.of(I, A);
        Set<String> live = Set.of(I, A, S);
        Set<String> installer = Set.of(I);
        EXPECTED.put("GET /api/session", all);
        EXPECTED.put("POST /api/session/password", all);
        EXPECTED.put("GET /api/lines", live);
        EXPECTED.put("GET /api/lines/{id}", live);
        EXPECTED.put("POST /api/lines/{id}/poll", installer);
        EXPECTED.put("GET /api/lines/{id}/wire", installer);
        EXPECTED.put("POST /api/lines/{id}/at", installer);
        EXPECTED.put("POST /api/lines/{id}/goip", installer);
        EXPECTED.put("GET /api/hardware", office);
        EXPECTED.put("GET /api/sims", live);
        EXPECTED.put("GET /api/sims/warnings", live);
        EXPECTED.put("POST /api/calls", all);
        EXPECTED.put("GET /api/calls", all);
        EXPECTED.put("GET /api/calls/figures", all);
        EXPECTED.put("GET /api/calls/export", all);
        EXPECTED.put("GET /api/calls/{id}", all);
        EXPECTED.put("GET /api/calls/{id}/recording", all);
        EXPECTED.put("POST /api/calls/{id}/takeover", all);
        EXPECTED.put("POST /api/calls/{id}/answer", all);
        EXPECTED.put("DELETE /api/calls/{id}", all);
        EXPECTED.put("GET /api/live", all);
        EXPECTED.put("GET /api/agents", all);
        EXPECTED.put("PUT /api/agents/{id}/state", all);
        EXPECTED.put("GET /api/agents/{id}/states", all);
        EXPECTED.put("GET /api/prompts", all);
        EXPECTED.put("POST /api/prompts", office);
        EXPECTED.put("PUT /api/prompts/opening", all);
        EXPECTED.put("GET /api/prompts/{id}/audio", all);
        EXPECTED.put("DELETE /api/prompts/{id}", office);
        EXPECTED.put("GET /api/guard/settings", live);
        EXPECTED.put("PUT /api/guard/settings", office);
        EXPECTED.put("POST /api/guard/approvals", office);
        for (String list : List.of("blacklist", "risk")) {
            EXPECTED.put("GET /api/guard/" + list, live);
            EXPECTED.put("POST /api/guard/" + list, office);
            EXPECTED.put("DELETE /api/guard/" + list + "/{number}", office);
        }
        EXPECTED.put("GET /api/sims/health", live);
        EXPECTED.put("DELETE /api/sims/{iccid}/rest", office);
        EXPECTED.put("GET /api/settings/sim-protection", live);
        EXPECTED.put("PUT /api/settings/sim-protection", office);
        EXPECTED.put("GET /api/group-tasks", all);
        EXPECTED.put("POST /api/group-tasks", office);
        EXPECTED.put("GET /api/group-tasks/{id}", all);
        EXPECTED.put("PUT /api/group-tasks/{id}", office);
        EXPECTED.put("DELETE /api/group-tasks/{id}", office);
        EXPECTED.put("GET /api/group-tasks/{id}/numbers", live);
        EXPECTED.put("POST /api/group-tasks/{id}/numbers", office);
        EXPECTED.put("POST /api/group-tasks/{id}/start", office);
        EXPECTED.put("POST /api/group-tasks/{id}/pause", office);
        EXPECTED.put("POST /api/group-tasks/{id}/join", all);
        EXPECTED.put("POST /api/group-tasks/{id}/leave", all);
        EXPECTED.put("GET /api/lists", all);
        EXPECTED.put("GET /api/lists/{agent}", all);
        EXPECTED.put("POST /api/lists/{agent}/numbers", all);
        EXPECTED.put("DELETE /api/lists/{agent}", all);
        EXPECTED.put("POST /api/lists/{agent}/start", all);
        EXPECTED.put("POST /api/lists/{agent}/pause", all);
        EXPECTED.put("POST /api/lists/{agent}/next", all);
        EXPECTED.put("GET /api/dialing-rules", live);
        EXPECTED.put("PUT /api/dialing-rules", office);
        EXPECTED.put("GET /api/recordings/disk", office);
        EXPECTED.put("GET /api/sms", office);
        EXPECTED.put("POST /api/sms", office);
        EXPECTED.put("GET /api/sms/sent", office);
        EXPECTED.put("GET /api/sms/sent/{id}", office);
        EXPECTED.put("POST /api/ussd", office);
        EXPECTED.put("GET /api/sync", office);
        EXPECTED.put("POST /api/lines/{id}/test-call", office);
        EXPECTED.put("GET /api/switchboard/menus", live);
        EXPECTED.put("GET /api/switchboard/menus/{id}", live);
        EXPECTED.put("PUT /api/switchboard/menus/{id}", office);
        EXPECTED.put("DELETE /api/switchboard/menus/{id}", office);
        EXPECTED.put("GET /api/switchboard/queues", live);
        EXPECTED.put("GET /api/switchboard/queues/{id}", live);
        EXPECTED.put("PUT /api/switchboard/queues/{id}", office);
        EXPECTED.put("DELETE /api/switchboard/queues/{id}", office);
        EXPECTED.put("GET /api/switchboard/hours", live);
        EXPECTED.put("PUT /api/switchboard/hours", office);
        EXPECTED.put("GET /api/switchboard/calls", live);
        EXPECTED.put("POST /api/switchboard/calls/{id}/handled", office);
        EXPECTED.put("DELETE /api/switchboard/calls/{id}/handled", office);
        EXPECTED.put("GET /api/switchboard/waiting", live);
        EXPECTED.put("GET /api/settings/lines", office);
        EXPECTED.put("GET /api/settings/lines/{line}", office);
        EXPECTED.put("PUT /api/settings/lines/{line}", office);
        EXPECTED.put("DELETE /api/settings/lines/{line}", office);
        EXPECTED.put("GET /api/settings/crm", office);
        EXPECTED.put("PUT /api/settings/crm", office);
        EXPECTED.put("DELETE /api/settings/crm", office);
        EXPECTED.put("POST /api/sync/use/{endpoint}", installer);
        EXPECTED.put("GET /api/users", office);
        EXPECTED.put("POST /api/users", office);
        EXPECTED.put("PUT /api/users/{name}", office);
        EXPECTED.put("POST /api/users/{name}/password", office);
        EXPECTED.put("DELETE /api/users/{name}", office);
        EXPECTED.put("GET /api/tokens", installer);
        EXPECTED.put("POST /api/tokens", installer);
        EXPECTED.put("DELETE /api/tokens/{name}", installer);
        EXPECTED.put("GET /api/audit", office);
        EXPECTED.put("GET /api/system/health", office);
        EXPECTED.put("GET /api/system/logs", installer);
        EXPECTED.put("GET /api/system/backup", installer);
        EXPECTED.put("POST /api/system/restart", installer);
        EXPECTED.put("GET /api/simulate/network", installer);
        EXPECTED.put("GET /api/simulate/crm", installer);
        EXPECTED.put("POST /api/simulate/sms/{line}", installer);
        EXPECTED.put("POST /api/simulate/hook/{line}", installer);
        EXPECTED.put("POST /api/simulate/call/{line}", installer);
        EXPECTED.put("DELETE /api/simulate/call/{line}", installer);
        EXPECTED.put("POST /api/simulate/call/{line}/keys", installer);
    }

    /** Open to anyone (the health check, the login, the page and its files), and the sign-out, tried on its own. */
    static final Set<String> NOT_IN_TABLE = Set.of("GET /api/health", "POST /api/session", "DELETE /api/session",
            "GET /", "GET /ui/**");

    static final Map<String, Browser> browsers = new LinkedHashMap<>();

    @BeforeAll
    static void accounts() throws Exception {
        var box = running.box();
        browsers.put(I, Browser.newAccount(box, "{\"name\":\"li\",\"role\":\"installer\"}", "装机 installer pass 1"));
        browsers.put(A, Browser.newAccount(box, "{\"name\":\"zhao\",\"role\":\"admin\"}", "office admin pass 2"));
        browsers.put(S, Browser.newAccount(box, "{\"name\":\"qian\",\"role\":\"supervisor\",\"team\":[\"1001\"]}",
                "team lead pass 3"));
        browsers.put(G, Browser.newAccount(box, "{\"name\":\"sun\",\"role\":\"agent\",\"agent\":\"1002\"}",
                "agent on desk 4"));
    }

    @Test
    void everyRouteOfTheBoxIsInThisTable() {
        List<String> missing = new ArrayList<>();
        for (RouteRules.Rule r : RouteRules.box().all()) {
            String key = r.method() + " " + r.pattern();
            if (!EXPECTED.containsKey(key) && !NOT_IN_TABLE.contains(key)) {
                missing.add(key);
            }
        }
        assertTrue(missing.isEmpty(), "routes without an expectation here: " + missing);
        for (String key : EXPECTED.keySet()) {
            String[] mp = key.split(" ", 2);
            assertTrue(RouteRules.box().find(mp[0], mp[1].replaceAll("\\{[a-z]+}", "x")).isPresent(), key);
        }
    }

    @Test
    void eachRoleReachesWhatItsRoleAllowsAndIsRefusedTheRest() throws Exception {
        Map<String, List<String>> wrong = new LinkedHashMap<>();
        for (Map.Entry<String, Set<String>> e : EXPECTED.entrySet()) {
            String[] mp = e.getKey().split(" ", 2);
            String path = mp[1].replaceAll("\\{[a-z]+}", "no-such-thing") + (mp[1].equals("/api/live") ? "?once=true" : "");
            for (Map.Entry<String, Browser> b : browsers.entrySet()) {
                HttpResponse<String> r = b.getValue().send(mp[0], path, mp[0].equals("GET") ? null : "{}");
                boolean refused = r.statusCode() == 403 && r.body().contains("may not");
                if (refused == e.getValue().contains(b.getKey())) {
                    wrong.computeIfAbsent(b.getKey(), k -> new ArrayList<>()).add(e.getKey() + " → " + r.statusCode()
                            + " " + r.body());
                }
                assertNotEquals(401, r.statusCode(), "signed in: " + e.getKey());
            }
        }
        assertTrue(wrong.isEmpty(), "roles answered against the table: " + wrong);
    }

    @Test
    void nobodySignedInGetsOnlyTheHealthCheck() throws Exception {
        Browser stranger = new Browser(running.box().port());
        for (String key : EXPECTED.keySet()) {
            String[] mp = key.split(" ", 2);
            HttpResponse<String> r = stranger.send(mp[0], mp[1].replaceAll("\\{[a-z]+}", "x"),
                    mp[0].equals("GET") ? null : "{}");
            assertEquals(401, r.statusCode(), key + ": " + r.body());
            assertTrue(r.body().contains("sign in first"), r.body());
        }
        assertEquals(200, stranger.send("GET", "/api/health", null).statusCode());
        HttpResponse<String> unknown = stranger.send("GET", "/api/not-a-route", null);
        assertEquals(404, unknown.statusCode());
    }

    @Test
    void anAgentSeesOnlyTheirOwnCallsAndSetsOnlyTheirOwnSeat() throws Exception {
        var installer = new io.branchline.box.BoxApi(running.box());
        var other = installer.call("1001", "13900000005", null);
        Browser agent = browsers.get(G);
        assertEquals(404, agent.send("GET", "/api/calls/" + other.id(), null).statusCode(), "another's call");
        assertEquals(404, agent.send("DELETE", "/api/calls/" + other.id(), null).statusCode(), "nor hang it up");
        assertFalse(agent.send("GET", "/api/calls?active=true", null).body().contains(other.id()));
        HttpResponse<String> asOther = agent.send("POST", "/api/calls", "{\"agent\":\"1001\",\"number\":\"13900000005\"}");
        assertEquals(400, asOther.statusCode(), asOther.body());
        assertTrue(asOther.body().contains("\"field\":\"agent\""), asOther.body());
        assertEquals(200, browsers.get(S).send("GET", "/api/calls/" + other.id(), null).statusCode(), "1001 is in"
                + " the supervisor's team");
        assertEquals(202, installer.send("DELETE", "/api/calls/" + other.id(), null).statusCode());
        String agents = agent.send("GET", "/api/agents", null).body();
        assertTrue(agents.contains("\"id\":\"1002\"") && !agents.contains("\"id\":\"1001\""), agents);
        assertEquals(200, agent.send("PUT", "/api/agents/1002/state", "{\"state\":\"busy\"}").statusCode());
        assertEquals(404, agent.send("PUT", "/api/agents/1001/state", "{\"state\":\"busy\"}").statusCode());
        assertEquals(400, agent.send("PUT", "/api/agents/1002/state", "{\"state\":\"asleep\"}").statusCode());
    }

    @Test
    void anAdminManagesAgentsAndSupervisorsButNotInstallersOrAdmins() throws Exception {
        Browser admin = browsers.get(A);
        HttpResponse<String> up = admin.send("POST", "/api/users", "{\"name\":\"boss\",\"role\":\"installer\"}");
        assertEquals(403, up.statusCode(), up.body());
        assertEquals(403, admin.send("POST", "/api/users/li/password", null).statusCode(), "nor reset an installer");
        assertEquals(403, admin.send("PUT", "/api/users/sun", "{\"role\":\"admin\"}").statusCode(), "nor promote");
        HttpResponse<String> agent = admin.send("POST", "/api/users", "{\"name\":\"zhou\",\"role\":\"agent\",\"agent\":"
                + "\"1001\"}");
        assertEquals(201, agent.statusCode(), agent.body());
        assertTrue(agent.body().contains("\"masked\":true"), "agents see numbers masked by default: " + agent.body());
        assertEquals(200, admin.send("DELETE", "/api/users/zhou", null).statusCode());
    }

    @Test
    void theLastInstallerCannotBeRemoved() throws Exception {
        var api = new io.branchline.box.BoxApi(running.box());
        String users = api.send("GET", "/api/users", null).body();
        assertTrue(users.contains("\"name\":\"li\"") && users.contains("\"name\":\"demo\""), users);
        assertEquals(200, api.send("DELETE", "/api/users/demo", null).statusCode(), "simulate mode's demo installer");
        HttpResponse<String> r = api.send("DELETE", "/api/users/li", null);
        assertEquals(409, r.statusCode(), r.body());
        assertTrue(r.body().contains("last installer"), r.body());
    }
}
