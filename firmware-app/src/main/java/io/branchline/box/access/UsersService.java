package io.branchline.box.access;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.web.Json;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code /api/users}: the accounts. An installer manages every account; an admin those of supervisors and
 * agents (the seed's 只有企业管理员可以增删修改员工信息, below the installer who set the box up). A new account
 * and a reset get a one-time password, shown once in the answer.
 * <pre>
 * curl -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
 *      -d '{"name":"wang","role":"agent","agent":"1001"}' http://127.0.0.1:8080/api/users
 * </pre>
 */
public final class UsersService implements HttpService {
    private final Accounts accounts;
    private final Sessions sessions;

    public UsersService(Accounts accounts, Sessions sessions) {
        this.accounts = accounts;
        this.sessions = sessions;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (req, res) -> Json.ok(res, accounts.list()))
                .post("/", this::add)
                .put("/{name}", this::change)
                .post("/{name}/password", this::reset)
                .delete("/{name}", this::remove);
    }

    private void add(ServerRequest req, ServerResponse res) {
        run(res, () -> {
            JsonNode b = object(req);
            Role role = b.path("role").isTextual() ? Role.of("role", b.get("role").asText()) : null;
            mayManage(req, role);
            Accounts.Added added = accounts.add(new Accounts.NewAccount(SessionService.text(b, "name"), role,
                    SessionService.text(b, "agent"), team(b), flag(b, "masked")));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("account", added.account());
            out.put("oneTimePassword", added.oneTimePassword());
            out.put("validHours", Accounts.ONE_TIME_VALIDITY.toHours());
            Json.send(res, Status.CREATED_201, out);
        });
    }

    private void change(ServerRequest req, ServerResponse res) {
        run(res, () -> {
            String name = req.path().pathParameters().get("name");
            mayManage(req, existing(name));
            JsonNode b = object(req);
            Role role = b.path("role").isTextual() ? Role.of("role", b.get("role").asText()) : null;
            if (role != null) {
                mayManage(req, role);
            }
            Accounts.Account a = accounts.update(name, new Accounts.Change(role, SessionService.text(b, "agent"),
                    team(b), flag(b, "masked")));
            sessions.closeAll(name); // what they may see changed: they sign in again
            Json.ok(res, a);
        });
    }

    private void reset(ServerRequest req, ServerResponse res) {
        run(res, () -> {
            String name = req.path().pathParameters().get("name");
            mayManage(req, existing(name));
            String password = accounts.reset(name);
            sessions.closeAll(name);
            Json.ok(res, Map.of("name", name, "oneTimePassword", password, "validHours",
                    Accounts.ONE_TIME_VALIDITY.toHours()));
        });
    }

    private void remove(ServerRequest req, ServerResponse res) {
        run(res, () -> {
            String name = req.path().pathParameters().get("name");
            mayManage(req, existing(name));
            accounts.remove(name);
            sessions.closeAll(name);
            Json.ok(res, Map.of("removed", name));
        });
    }

    private Role existing(String name) {
        return accounts.find(name).map(Accounts.Account::roleValue)
                .orElseThrow(() -> new NotFound("no account \"" + io.branchline.box.store.StoredText.printable(name)
                        + "\""));
    }

    /** An admin manages supervisors and agents only; an installer everyone. */
    private static void mayManage(ServerRequest req, Role role) {
        Viewer v = AccessFilter.viewer(req);
        if (v.role() != Role.INSTALLER && (role == Role.INSTALLER || role == Role.ADMIN)) {
            throw new Forbidden("an admin manages the accounts of supervisors and agents; an installer manages"
                    + " installers and admins");
        }
    }

    private static JsonNode object(ServerRequest req) {
        JsonNode b = Json.bodyOrNull(req);
        if (b == null || !b.isObject()) {
            throw new AccessException("body", "must be a JSON object");
        }
        return b;
    }

    private static Set<String> team(JsonNode b) {
        if (!b.has("team") || b.get("team").isNull()) {
            return null;
        }
        if (!b.get("team").isArray()) {
            throw new AccessException("team", "must be a list of agent ids");
        }
        Set<String> t = new TreeSet<>();
        b.get("team").forEach(n -> {
            if (!n.isTextual()) {
                throw new AccessException("team", "must be a list of agent ids");
            }
            t.add(n.asText());
        });
        return t;
    }

    private static Boolean flag(JsonNode b, String field) {
        if (!b.has(field) || b.get(field).isNull()) {
            return null;
        }
        if (!b.get(field).isBoolean()) {
            throw new AccessException(field, "must be true or false");
        }
        return b.get(field).asBoolean();
    }

    private static final class NotFound extends RuntimeException {
        NotFound(String m) {
            super(m);
        }
    }

    private static final class Forbidden extends RuntimeException {
        Forbidden(String m) {
            super(m);
        }
    }

    /** Answers the account errors in the API's error shape. */
    static void run(ServerResponse res, Runnable work) {
        try {
            work.run();
        } catch (NotFound e) {
            Json.error(res, Status.NOT_FOUND_404, "name", e.getMessage());
        } catch (Forbidden e) {
            Json.error(res, Status.FORBIDDEN_403, "role", e.getMessage());
        } catch (AccessException e) {
            Json.error(res, e.conflict() ? Status.CONFLICT_409 : Status.BAD_REQUEST_400, e.field(), e.getMessage());
        }
    }
}
