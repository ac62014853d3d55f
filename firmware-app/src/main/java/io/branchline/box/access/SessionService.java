package io.branchline.box.access;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.web.Json;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/session}: sign in, see who one is (and the anti-forgery token), sign out, set one's own
 * password. A login always makes a new session (a cookie planted before it is worth nothing after it).
 * <pre>
 * curl -c jar -H 'Content-Type: application/json' -d '{"name":"demo","password":"..."}' http://127.0.0.1:8080/api/session
 * </pre>
 */
public final class SessionService implements HttpService {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SessionService.class);
    private final Accounts accounts;
    private final Sessions sessions;
    private final SessionCookie cookie;

    public SessionService(Accounts accounts, Sessions sessions, SessionCookie cookie) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.cookie = cookie;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::login)
                .get("/", this::whoAmI)
                .delete("/", this::logout)
                .post("/password", this::password);
    }

    private void login(ServerRequest req, ServerResponse res) {
        JsonNode body = Json.bodyOrNull(req);
        String name = text(body, "name");
        String password = text(body, "password");
        if (name == null || password == null) {
            Json.error(res, Status.BAD_REQUEST_400, name == null ? "name" : "password",
                    "send {\"name\": ..., \"password\": ...}");
            return;
        }
        String shown = io.branchline.box.store.StoredText.printable(name.length() > 32 ? name.substring(0, 32) + "…"
                : name);
        AccessFilter.note("as " + shown);
        Optional<Accounts.Account> a;
        try {
            a = accounts.login(name, password, AccessFilter.remote(req));
        } catch (Accounts.Locked e) {
            log.warn("event=sign-in-locked account=\"{}\" from={} retry-after-s={}", shown, AccessFilter.remote(req),
                    e.retryAfter().toSeconds());
            res.header(HeaderNames.RETRY_AFTER, String.valueOf(Math.max(1, e.retryAfter().toSeconds())));
            Json.error(res, Status.TOO_MANY_REQUESTS_429, "name", e.getMessage());
            return;
        }
        if (a.isEmpty()) {
            log.warn("event=sign-in-refused account=\"{}\" from={}", shown, AccessFilter.remote(req));
            Json.error(res, Status.UNAUTHORIZED_401, "password", "wrong name or password (or a one-time password"
                    + " that expired: ask the installer for a new one)");
            return;
        }
        AccessFilter.session(req).ifPresent(old -> sessions.close(old.token()));
        Sessions.Session s = sessions.open(a.get().name());
        log.info("event=signed-in account={} role={} from={}", a.get().name(), a.get().role(), AccessFilter.remote(req));
        cookie.set(res, s.token());
        Json.ok(res, view(a.get().viewer(), s));
    }

    private void whoAmI(ServerRequest req, ServerResponse res) {
        Json.ok(res, view(AccessFilter.viewer(req), AccessFilter.session(req).orElse(null)));
    }

    private void logout(ServerRequest req, ServerResponse res) {
        AccessFilter.session(req).ifPresent(s -> sessions.close(s.token()));
        cookie.clear(res);
        Json.ok(res, Map.of("signedOut", true));
    }

    private void password(ServerRequest req, ServerResponse res) {
        Viewer v = AccessFilter.viewer(req);
        Optional<Sessions.Session> s = AccessFilter.session(req);
        if (s.isEmpty()) {
            Json.error(res, Status.BAD_REQUEST_400, "Authorization", "a token has no password; sign in as the account"
                    + " whose password this is");
            return;
        }
        JsonNode body = Json.bodyOrNull(req);
        String current = text(body, "current");
        String next = text(body, "password");
        if (current == null || next == null) {
            Json.error(res, Status.BAD_REQUEST_400, current == null ? "current" : "password",
                    "send {\"current\": ..., \"password\": ...}");
            return;
        }
        try {
            accounts.changePassword(v.name(), current, next, AccessFilter.remote(req));
        } catch (Accounts.Locked e) {
            res.header(HeaderNames.RETRY_AFTER, String.valueOf(Math.max(1, e.retryAfter().toSeconds())));
            Json.error(res, Status.TOO_MANY_REQUESTS_429, "current", e.getMessage());
            return;
        } catch (AccessException e) {
            Json.error(res, Status.BAD_REQUEST_400, e.field(), e.getMessage());
            return;
        }
        // Every other browser of this account is signed out; this one goes on in a new session.
        sessions.closeAll(v.name());
        Sessions.Session fresh = sessions.open(v.name());
        cookie.set(res, fresh.token());
        Json.ok(res, view(accounts.find(v.name()).orElseThrow().viewer(), fresh));
    }

    private Map<String, Object> view(Viewer v, Sessions.Session s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.name());
        m.put("role", v.role() == null ? null : v.role().key());
        m.put("via", v.via());
        m.put("agents", v.scope().all() ? "all" : new java.util.TreeSet<>(v.scope().agents()));
        m.put("masked", v.masked());
        m.put("mustChangePassword", v.mustChangePassword());
        if (s != null) {
            m.put("csrf", s.csrf());
            m.put("idleMinutes", sessions.idle().toMinutes());
        }
        return m;
    }

    static String text(JsonNode body, String field) {
        return body != null && body.path(field).isTextual() ? body.get(field).asText() : null;
    }
}
