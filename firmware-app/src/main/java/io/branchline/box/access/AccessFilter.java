package io.branchline.box.access;

import io.branchline.box.web.HttpProblem;
import io.branchline.box.web.Json;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door of the API, in front of every route: finds who is asking (a session cookie, an API token, the
 * CLI's local token), refuses what the {@link RouteRules} do not give their role, refuses changes that a
 * page on another site could have sent (a foreign {@code Origin}, {@code Sec-Fetch-Site: cross-site}, no
 * {@code X-CSRF-Token} from a browser, a body that is not JSON or the upload's own type), sets the masking
 * of customer numbers for the answer, and writes every change to the audit log.
 */
public final class AccessFilter implements Filter {
    private static final Logger log = LoggerFactory.getLogger(AccessFilter.class);
    public static final HeaderName CSRF = HeaderNames.create("X-CSRF-Token");
    private static final HeaderName SEC_FETCH_SITE = HeaderNames.create("Sec-Fetch-Site");
    private static final ThreadLocal<String> NOTE = new ThreadLocal<>();

    private final RouteRules rules;
    private final Accounts accounts;
    private final Sessions sessions;
    private final ApiTokens tokens;
    private final LocalToken local;
    private final AuditLog audit;
    private final SessionCookie cookie;

    public AccessFilter(RouteRules rules, Accounts accounts, Sessions sessions, ApiTokens tokens, LocalToken local,
                        AuditLog audit, SessionCookie cookie) {
        this.rules = rules;
        this.accounts = accounts;
        this.sessions = sessions;
        this.tokens = tokens;
        this.local = local;
        this.audit = audit;
        this.cookie = cookie;
    }

    /** Who is asking, as the filter found them; {@link Viewer#NOBODY} outside the API. */
    public static Viewer viewer(ServerRequest req) {
        return req.context().get(Viewer.class).orElse(Viewer.NOBODY);
    }

    /** The live session of the request, when it came with one. */
    static Optional<Sessions.Session> session(ServerRequest req) {
        return req.context().get(Sessions.Session.class);
    }

    /** A word for the audit log's entry of this request (the account a login tried). */
    static void note(String what) {
        NOTE.set(what);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        NOTE.remove();
        String method = req.prologue().method().text();
        String path = req.path().path();
        Who who = identify(req);
        Viewer v = who.viewer();
        req.context().register(v);
        who.session().ifPresent(s -> req.context().register(s));
        Json.viewFor(v.masked() ? NumberMask.VIEW : null);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        if (who.refusal() != null) {
            Json.error(res, Status.UNAUTHORIZED_401, "Authorization", who.refusal());
            return;
        }
        Optional<RouteRules.Rule> found = rules.find(method, path);
        if (found.isEmpty()) {
            Json.error(res, Status.NOT_FOUND_404, null, "no route " + method + " " + path);
            return;
        }
        RouteRules.Rule rule = found.get();
        Refusal refused = refusal(rule, v, who, req);
        if (refused == null) {
            proceed(chain, req, res, rule, v, method, path);
            return;
        }
        Json.error(res, refused.status(), refused.field(), refused.message());
        if (rule.changes()) {
            record(v, req, method, path, refused.status().code(), rule.what() + " (refused: " + refused.message() + ")");
        }
    }

    /** Runs the route; the path is the one asked for (inside a service the request's own is relative). */
    private void proceed(FilterChain chain, RoutingRequest req, RoutingResponse res, RouteRules.Rule rule, Viewer v,
                         String method, String path) {
        int status = 500;
        try {
            chain.proceed();
            status = res.status().code();
        } catch (HttpProblem e) {
            status = e.status().code();
            throw e;
        } finally {
            if (rule.changes()) {
                String note = NOTE.get();
                record(v, req, method, path, status, rule.what() + (note == null ? "" : " " + note));
            }
        }
    }

    private record Refusal(Status status, String field, String message) {
    }

    /** Why the request may not go on, or null. */
    private Refusal refusal(RouteRules.Rule rule, Viewer v, Who who, RoutingRequest req) {
        if (!rule.open() && !v.signedIn()) {
            return new Refusal(Status.UNAUTHORIZED_401, null, "sign in first (POST /api/session) or send an API token"
                    + " (Authorization: Bearer ...)");
        }
        if (rule.changes()) {
            String site = req.headers().first(SEC_FETCH_SITE).orElse("");
            Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
            if (site.equals("cross-site") || site.equals("same-site")
                    || (origin.isPresent() && !origin.get().equals(ownOrigin(req)))) {
                return new Refusal(Status.FORBIDDEN_403, "Origin", "a change must come from this box's own page, not"
                        + " from " + io.branchline.box.store.StoredText.printable(origin.orElse("another site")));
            }
            if (who.session().isPresent() && !sameSecret(req.headers().first(CSRF).orElse(null),
                    who.session().get().csrf())) {
                return new Refusal(Status.FORBIDDEN_403, "X-CSRF-Token", "a change from a signed-in browser needs the"
                        + " session's X-CSRF-Token header (GET /api/session gives it)");
            }
        }
        if (!rule.open() && v.mustChangePassword() && !rule.beforePassword()) {
            return new Refusal(Status.FORBIDDEN_403, "password", "this account still has its one-time password: set"
                    + " a password of your own first (POST /api/session/password)");
        }
        if (!rule.roles().contains(v.role()) && !rule.open()) {
            return new Refusal(Status.FORBIDDEN_403, null, "the role " + v.role().key() + " may not " + rule.what());
        }
        if (rule.changes() && hasBody(req)) {
            String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("").split(";", 2)[0].strip()
                    .toLowerCase(Locale.ROOT);
            if (!rule.types().contains(type)) {
                return new Refusal(Status.UNSUPPORTED_MEDIA_TYPE_415, "Content-Type", "must be one of "
                        + String.join(", ", new java.util.TreeSet<>(rule.types())) + ", not \""
                        + io.branchline.box.store.StoredText.printable(type) + "\"");
            }
        }
        return null;
    }

    private record Who(Viewer viewer, Optional<Sessions.Session> session, String refusal) {
    }

    private Who identify(RoutingRequest req) {
        Optional<String> auth = req.headers().first(HeaderNames.AUTHORIZATION);
        if (auth.isPresent()) {
            String a = auth.get();
            if (!a.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return new Who(Viewer.NOBODY, Optional.empty(), "send the token as: Authorization: Bearer TOKEN");
            }
            String secret = a.substring(7).strip();
            if (local.matches(secret)) {
                return new Who(Viewer.localCli(), Optional.empty(), null);
            }
            return tokens.find(secret).map(v -> new Who(v, Optional.empty(), null))
                    .orElse(new Who(Viewer.NOBODY, Optional.empty(), "this token is not valid on this box (revoked,"
                            + " or from another box; the CLI's changes at every start)"));
        }
        Optional<Sessions.Session> s = cookie.read(req).flatMap(sessions::find);
        if (s.isEmpty()) {
            return new Who(Viewer.NOBODY, Optional.empty(), null);
        }
        Optional<Accounts.Account> account = accounts.find(s.get().account());
        if (account.isEmpty()) {
            sessions.close(s.get().token());
            return new Who(Viewer.NOBODY, Optional.empty(), null);
        }
        return new Who(account.get().viewer(), s, null);
    }

    private void record(Viewer v, RoutingRequest req, String method, String path, int status, String what) {
        try {
            audit.record(v, remote(req), method, path, status, what);
        } catch (RuntimeException e) {
            log.error("event=audit-write-failed method={} path={} error=\"{}\"", method, path, e.getMessage());
        }
    }

    static String remote(ServerRequest req) {
        return req.remotePeer().address() instanceof InetSocketAddress a ? a.getAddress().getHostAddress()
                : String.valueOf(req.remotePeer().address());
    }

    private String ownOrigin(RoutingRequest req) {
        return (req.isSecure() ? "https://" : "http://") + req.headers().first(HeaderNames.HOST).orElse("");
    }

    private static boolean hasBody(RoutingRequest req) {
        return req.headers().contains(HeaderNames.TRANSFER_ENCODING)
                || req.headers().first(HeaderNames.CONTENT_LENGTH).map(l -> !l.strip().equals("0")).orElse(false);
    }

    private static boolean sameSecret(String presented, String expected) {
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }
}
