package io.branchline.box.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin page (the {@code admin-ui} module's files), served by the box alone: {@code /} is the page,
 * its files are under {@code /ui/<version>/}, where the version is a hash of all of them, so an upgrade
 * never shows stale code (the files are cached for good, the page never). A strict Content-Security-Policy:
 * scripts, styles and connections from this box only, no inline script, no eval, no framing.
 */
public final class AdminPage {
    /** Every file of the page: read once at start, so a request never touches the class path. */
    static final List<String> FILES = List.of("app.mjs", "api.mjs", "i18n.mjs", "style.css", "vendor/preact.mjs",
            "vendor/hooks.mjs", "vendor/htm.mjs");
    public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " media-src 'self'; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";

    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final String version;
    private final byte[] index;

    private AdminPage() {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (String f : FILES) {
            byte[] b = read(f);
            files.put(f, b);
            sha.update(f.getBytes(StandardCharsets.UTF_8));
            sha.update(b);
        }
        version = HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        index = new String(read("index.html"), StandardCharsets.UTF_8).replace("{{version}}", version)
                .getBytes(StandardCharsets.UTF_8);
    }

    public static AdminPage load() {
        return new AdminPage();
    }

    /** The hash the files are served under. */
    public String version() {
        return version;
    }

    public void routes(HttpRouting.Builder r) {
        r.get("/", this::page).get("/ui/{+path}", this::file);
    }

    private void page(ServerRequest req, ServerResponse res) {
        headers(res, "text/html; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(index);
    }

    private void file(ServerRequest req, ServerResponse res) {
        String path = req.path().pathParameters().get("path");
        int slash = path.indexOf('/');
        byte[] body = slash < 0 ? null : files.get(path.substring(slash + 1));
        if (body == null || !path.substring(0, slash).equals(version)) {
            Json.error(res, Status.NOT_FOUND_404, null, "no such file of the page (an old version? reload the page)");
            return;
        }
        headers(res, path.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=31536000, immutable");
        res.send(body);
    }

    private static void headers(ServerResponse res, String type) {
        res.header(HeaderNames.CONTENT_TYPE, type);
        res.header(HeaderNames.create("Content-Security-Policy"), CSP);
        res.header(HeaderNames.create("Referrer-Policy"), "no-referrer");
        res.header(HeaderNames.create("X-Frame-Options"), "DENY");
    }

    private static byte[] read(String file) {
        try (InputStream in = AdminPage.class.getResourceAsStream("/admin/" + file)) {
            if (in == null) {
                throw new IllegalStateException("the admin page's " + file + " is missing from the build (admin-ui)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
