package io.branchline.box.access;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.web.Json;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;

/**
 * {@code /api/tokens}: API tokens for scripts and the CRM (installer only); the secret is in the answer
 * that makes it, and nowhere else ever.
 */
public final class TokensService implements HttpService {
    private final ApiTokens tokens;

    public TokensService(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (req, res) -> Json.ok(res, tokens.list()))
                .post("/", this::make)
                .delete("/{name}", this::revoke);
    }

    private void make(ServerRequest req, ServerResponse res) {
        UsersService.run(res, () -> {
            JsonNode b = Json.bodyOrNull(req);
            if (b == null || !b.isObject()) {
                throw new AccessException("body", "send {\"name\": ..., \"role\": \"installer\" or \"admin\"}");
            }
            Role role = Role.of("role", b.path("role").asText("admin"));
            ApiTokens.Made m = tokens.make(SessionService.text(b, "name"), role,
                    b.path("masked").isBoolean() ? b.get("masked").asBoolean() : null);
            Json.send(res, Status.CREATED_201, Map.of("token", m.token(), "secret", m.secret()));
        });
    }

    private void revoke(ServerRequest req, ServerResponse res) {
        String name = req.path().pathParameters().get("name");
        if (!tokens.remove(name)) {
            Json.error(res, Status.NOT_FOUND_404, "name", "no token \"" + io.branchline.box.store.StoredText
                    .printable(name) + "\"");
            return;
        }
        Json.ok(res, Map.of("revoked", name));
    }
}
