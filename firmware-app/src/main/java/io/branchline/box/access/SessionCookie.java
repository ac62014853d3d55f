package io.branchline.box.access;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/**
 * The session's cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it),
 * Path=/; under HTTPS also Secure with the {@code __Host-} prefix (ASVS 3.3.1), which browsers refuse over
 * plain HTTP. No Max-Age: it ends with the browser, and the box ends it sooner ({@link Sessions}).
 */
public final class SessionCookie {
    private final boolean secure;
    private final String name;

    public SessionCookie(boolean secure) {
        this.secure = secure;
        this.name = secure ? "__Host-branchline-session" : "branchline-session";
    }

    public boolean secure() {
        return secure;
    }

    public String name() {
        return name;
    }

    Optional<String> read(ServerRequest req) {
        if (!req.headers().contains(HeaderNames.COOKIE)) {
            return Optional.empty();
        }
        return req.headers().cookies().first(name).asOptional();
    }

    void set(ServerResponse res, String token) {
        res.header(HeaderNames.SET_COOKIE, name + "=" + token + attributes());
    }

    void clear(ServerResponse res) {
        res.header(HeaderNames.SET_COOKIE, name + "=" + attributes() + "; Max-Age=0");
    }

    private String attributes() {
        return "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }
}
