package io.branchline.box.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.BoxApi;
import io.branchline.box.Browser;
import io.branchline.box.RunningBox;
import io.branchline.box.web.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Signing in as a user meets it, and the refusals a page on another site meets: the first login's forced
 * password change, the cookie's attributes, sign-out that ends the session on the box, anti-forgery,
 * foreign origins and types, lockout over HTTP, the audit log, and no secret in any log line.
 */
class SignInTest {
    /** Every log line of the box from its start on. */
    static final ListAppender<ILoggingEvent> logged = listening();
    static final List<String> secrets = new ArrayList<>();

    @RegisterExtension
    static final RunningBox running = RunningBox.inMemory();

    static ListAppender<ILoggingEvent> listening() {
        ListAppender<ILoggingEvent> l = new ListAppender<>();
        l.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(l);
        return l;
    }

    @BeforeAll
    static void theBoxsOwnSecrets() {
        secrets.add(running.box().localToken());
        running.box().demoPassword().ifPresent(secrets::add);
    }

    @AfterAll
    static void noSecretReachedTheLog() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logged);
        List<String> lines = logged.list.stream().map(e -> e.getFormattedMessage() + " " + (e.getThrowableProxy() == null
                ? "" : e.getThrowableProxy().getMessage())).toList();
        assertTrue(lines.stream().anyMatch(l -> l.contains("event=signed-in account=zhang")), "logins are logged");
        assertTrue(lines.stream().anyMatch(l -> l.contains("event=sign-in-refused account=\"guessed\"")), String.valueOf(
                lines.size()));
        for (String s : secrets) {
            for (String line : lines) {
                assertFalse(line.contains(s), "a secret in the log: " + line);
            }
        }
    }

    static JsonNode newAccount(String json) throws Exception {
        HttpResponse<String> r = running.api().send("POST", "/api/users", json);
        assertEquals(201, r.statusCode(), r.body());
        JsonNode made = Json.MAPPER.readTree(r.body());
        secrets.add(made.path("oneTimePassword").asText());
        return made;
    }

    @Test
    void theFirstLoginAsksForANewPasswordBeforeAnythingElse() throws Exception {
        String oneTime = newAccount("{\"name\":\"zhang\",\"role\":\"admin\"}").path("oneTimePassword").asText();
        Browser b = new Browser(running.box().port());
        HttpResponse<String> in = b.signIn("zhang", oneTime);
        assertEquals(200, in.statusCode(), in.body());
        String cookie = in.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"), cookie);
        assertFalse(cookie.contains("Secure"), "no Secure over plain HTTP: the browser would drop it");
        secrets.add(cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';')));
        secrets.add(Json.MAPPER.readTree(in.body()).path("csrf").asText());
        assertTrue(in.body().contains("\"mustChangePassword\":true"), in.body());
        HttpResponse<String> lines = b.send("GET", "/api/lines", null);
        assertEquals(403, lines.statusCode());
        assertTrue(lines.body().contains("\"field\":\"password\""), lines.body());
        assertEquals(400, b.setPassword(oneTime, "short").statusCode(), "the rules still hold");
        HttpResponse<String> set = b.setPassword(oneTime, "zhang's office pass");
        assertEquals(400, set.statusCode(), "not with the account's name in it: " + set.body());
        secrets.add("a better office passphrase");
        assertEquals(200, b.setPassword(oneTime, "a better office passphrase").statusCode());
        assertEquals(200, b.send("GET", "/api/lines", null).statusCode());
        assertEquals(401, new Browser(running.box().port()).signIn("zhang", oneTime).statusCode(), "the one-time"
                + " password is gone");
    }

    @Test
    void signingOutEndsTheSessionOnTheBoxNotOnlyInTheBrowser() throws Exception {
        Browser b = Browser.newAccount(running.box(), "{\"name\":\"qian\",\"role\":\"supervisor\",\"team\":[\"1001\"]}",
                "supervisor passphrase");
        secrets.add("supervisor passphrase");
        HttpResponse<String> who = b.send("GET", "/api/session", null);
        assertTrue(who.body().contains("\"agents\":[\"1001\"]"), who.body());
        // The cookie as an attacker who copied it would replay it after the owner signed out.
        String cookie = b.cookie();
        assertTrue(cookie.startsWith("branchline-session="), cookie);
        secrets.add(cookie.substring(cookie.indexOf('=') + 1));
        var copied = java.net.http.HttpClient.newHttpClient();
        HttpRequest replay = HttpRequest.newBuilder(java.net.URI.create(b.origin() + "/api/lines")).header("Cookie",
                cookie).build();
        assertEquals(200, copied.send(replay, HttpResponse.BodyHandlers.ofString()).statusCode());
        HttpResponse<String> out = b.send("DELETE", "/api/session", null);
        assertEquals(200, out.statusCode());
        assertTrue(out.headers().firstValue("Set-Cookie").orElse("").contains("Max-Age=0"));
        assertEquals(401, b.send("GET", "/api/lines", null).statusCode());
        assertEquals(401, copied.send(replay, HttpResponse.BodyHandlers.ofString()).statusCode(), "a copied cookie"
                + " is worth nothing after the sign-out");
    }

    @Test
    void aPageOnAnotherSiteCannotChangeAnything() throws Exception {
        Browser b = Browser.newAccount(running.box(), "{\"name\":\"wu\",\"role\":\"installer\"}", "installer passphrase");
        secrets.add("installer passphrase");
        String call = "{\"agent\":\"1001\",\"number\":\"13900000005\"}";
        HttpResponse<String> noToken = b.raw(b.request("/api/guard/settings").header("Content-Type", "application/json")
                .header("Origin", b.origin()).PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":false}")));
        assertEquals(403, noToken.statusCode());
        assertTrue(noToken.body().contains("\"field\":\"X-CSRF-Token\""), noToken.body());
        HttpResponse<String> foreign = b.raw(b.request("/api/calls").header("Content-Type", "application/json")
                .header("Origin", "http://evil.example").POST(HttpRequest.BodyPublishers.ofString(call)));
        assertEquals(403, foreign.statusCode());
        assertTrue(foreign.body().contains("\"field\":\"Origin\""), foreign.body());
        HttpResponse<String> crossSite = b.raw(b.request("/api/calls").header("Content-Type", "application/json")
                .header("Sec-Fetch-Site", "cross-site").POST(HttpRequest.BodyPublishers.ofString(call)));
        assertEquals(403, crossSite.statusCode());
        // The classic forged form post: text/plain, which needs no CORS preflight.
        HttpResponse<String> textPlain = java.net.http.HttpClient.newHttpClient().send(BoxApi.request(running.box(),
                "/api/calls").header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(call))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(415, textPlain.statusCode(), textPlain.body());
        assertTrue(textPlain.body().contains("\"field\":\"Content-Type\""), textPlain.body());
        HttpResponse<String> tokenFromElsewhere = java.net.http.HttpClient.newHttpClient().send(BoxApi.request(
                running.box(), "/api/guard/settings").header("Content-Type", "application/json").header("Origin",
                "http://evil.example").PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":false}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, tokenFromElsewhere.statusCode());
        assertTrue(running.api().send("GET", "/api/guard/settings", null).body().contains("\"enabled\":true"),
                "nothing of it reached the guard");
        String audit = running.api().send("GET", "/api/audit?actor=wu", null).body();
        assertTrue(audit.contains("refused: a change from a signed-in browser needs"), audit);
    }

    @Test
    void wrongPasswordsLockTheAccountOverHttpWithRetryAfter() throws Exception {
        newAccount("{\"name\":\"guessed\",\"role\":\"admin\"}");
        Browser b = new Browser(running.box().port());
        for (int i = 0; i < LoginThrottle.FREE_FAILURES + 1; i++) {
            HttpResponse<String> r = b.signIn("guessed", "wrong guess " + i);
            assertEquals(401, r.statusCode(), r.body());
            assertTrue(r.body().contains("wrong name or password"), "says no more than that: " + r.body());
        }
        HttpResponse<String> locked = b.signIn("guessed", "wrong guess again");
        assertEquals(429, locked.statusCode(), locked.body());
        assertTrue(locked.headers().firstValue("Retry-After").isPresent());
        assertEquals(401, b.signIn("nobody-by-that-name", "x").statusCode(), "an unknown name fails alike");
        String audit = running.api().send("GET", "/api/audit", null).body();
        assertTrue(audit.contains("sign in as guessed") && audit.contains("\"status\":429"), audit);
    }

    @Test
    void tokensAreShownOnceWorkAndStopWhenRevoked() throws Exception {
        HttpResponse<String> made = running.api().send("POST", "/api/tokens", "{\"name\":\"crm\",\"role\":\"admin\"}");
        assertEquals(201, made.statusCode(), made.body());
        String secret = Json.MAPPER.readTree(made.body()).path("secret").asText();
        secrets.add(secret);
        var http = java.net.http.HttpClient.newHttpClient();
        assertEquals(200, http.send(BoxApi.request(running.box().port(), secret, "/api/calls").build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(403, http.send(BoxApi.request(running.box().port(), secret, "/api/tokens").build(),
                HttpResponse.BodyHandlers.ofString()).statusCode(), "an admin token makes no tokens");
        String listed = running.api().send("GET", "/api/tokens", null).body();
        assertTrue(listed.contains("\"name\":\"crm\"") && !listed.contains(secret), listed);
        assertEquals(200, running.api().send("DELETE", "/api/tokens/crm", null).statusCode());
        HttpResponse<String> revoked = http.send(BoxApi.request(running.box().port(), secret, "/api/calls").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, revoked.statusCode());
        assertEquals(401, http.send(BoxApi.request(running.box().port(), "blt_made-up", "/api/calls").build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void hostileAccountInputIsRefusedByField() throws Exception {
        String[][] bodies = {
            {"{\"name\":\"A B\",\"role\":\"admin\"}", "name"},
            {"{\"name\":\"" + "x".repeat(33) + "\",\"role\":\"admin\"}", "name"},
            {"{\"name\":\"ok\",\"role\":\"root\"}", "role"},
            {"{\"name\":\"ok\"}", "role"},
            {"{\"name\":\"ok\",\"role\":\"agent\"}", "agent"},
            {"{\"name\":\"ok\",\"role\":\"agent\",\"agent\":\"9999\"}", "agent"},
            {"{\"name\":\"ok\",\"role\":\"supervisor\",\"team\":\"1001\"}", "team"},
            {"{\"name\":\"ok\",\"role\":\"admin\",\"masked\":\"yes\"}", "masked"},
            {"[1,2]", "body"},
        };
        for (String[] b : bodies) {
            HttpResponse<String> r = running.api().send("POST", "/api/users", b[0]);
            assertEquals(400, r.statusCode(), b[0] + " → " + r.body());
            assertTrue(r.body().contains("\"field\":\"" + b[1] + "\""), b[0] + " → " + r.body());
        }
        newAccount("{\"name\":\"twice\",\"role\":\"admin\"}");
        assertEquals(409, running.api().send("POST", "/api/users", "{\"name\":\"twice\",\"role\":\"admin\"}").statusCode());
        HttpResponse<String> huge = new Browser(running.box().port()).signIn("x".repeat(100_000), "y");
        assertTrue(huge.statusCode() == 401 || huge.statusCode() == 413, huge.statusCode() + " " + huge.body());
    }
}
