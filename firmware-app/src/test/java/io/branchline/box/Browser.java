package io.branchline.box;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.web.Json;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A signed-in browser as the admin page will be: a cookie jar, the session's anti-forgery token sent with
 * every change, and the box's own Origin, as a browser sends it.
 */
public final class Browser {
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private final int port;
    private String csrf = "";
    private String cookie = "";

    public Browser(int port) {
        this.port = port;
    }

    public String origin() {
        return "http://127.0.0.1:" + port;
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(origin() + path));
    }

    public HttpResponse<String> signIn(String name, String password) throws Exception {
        HttpResponse<String> r = raw(request("/api/session").header("Content-Type", "application/json")
                .header("Origin", origin()).POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.createObjectNode()
                        .put("name", name).put("password", password).toString())));
        remember(r);
        return r;
    }

    private void remember(HttpResponse<String> r) throws Exception {
        if (r.statusCode() == 200) {
            csrf = Json.MAPPER.readTree(r.body()).path("csrf").asText();
            cookie = r.headers().firstValue("Set-Cookie").map(c -> c.split(";", 2)[0]).orElse(cookie);
        }
    }

    /** The session cookie as the browser holds it ({@code name=value}). */
    public String cookie() {
        return cookie;
    }

    /** A request as the page makes it: JSON, the anti-forgery token, the box's own Origin. */
    public HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = request(path).header("X-CSRF-Token", csrf).header("Origin", origin())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return raw(b);
    }

    public HttpResponse<String> raw(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> bytes(String path) throws Exception {
        return http.send(request(path).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<String> setPassword(String current, String next) throws Exception {
        HttpResponse<String> r = send("POST", "/api/session/password", Json.MAPPER.createObjectNode()
                .put("current", current).put("password", next).toString());
        remember(r);
        return r;
    }

    /**
     * An account made by the installer (through the CLI's token), signed in in a new browser with its
     * one-time password, which it replaces with {@code password}, as a new user does at the first login.
     */
    public static Browser newAccount(Box box, String json, String password) throws Exception {
        HttpResponse<String> made = new BoxApi(box).send("POST", "/api/users", json);
        assertEquals(201, made.statusCode(), made.body());
        JsonNode m = Json.MAPPER.readTree(made.body());
        Browser b = new Browser(box.port());
        String name = m.path("account").path("name").asText();
        assertEquals(200, b.signIn(name, m.path("oneTimePassword").asText()).statusCode());
        HttpResponse<String> set = b.setPassword(m.path("oneTimePassword").asText(), password);
        assertEquals(200, set.statusCode(), set.body());
        return b;
    }
}
