package io.branchline.box.guard;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.web.Json;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;

/**
 * {@code /api/guard}: the call guard's switches and an admin's approval of a force-dialled number (the lists
 * are under {@code /api/guard/blacklist} and {@code /api/guard/risk}).
 * <pre>
 * curl http://127.0.0.1:8080/api/guard/settings
 * curl -X PUT -d '{"enabled":true,"forcedDialApproval":true}' http://127.0.0.1:8080/api/guard/settings
 * curl -X POST -d '{"number":"13900000005"}' http://127.0.0.1:8080/api/guard/approvals
 * </pre>
 */
public final class GuardService implements HttpService {
    private final CallGuard guard;

    /** The guard's routes: its switches and approvals, the blacklist and the risk numbers. */
    public static void routes(io.helidon.webserver.http.HttpRouting.Builder r, CallGuard guard) {
        r.register("/api/guard", new GuardService(guard))
                .register("/api/guard/blacklist", new NumberListService(guard.blacklist()))
                .register("/api/guard/risk", new NumberListService(guard.risk()));
    }

    public GuardService(CallGuard guard) {
        this.guard = guard;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/settings", (req, res) -> Json.ok(res, guard.settings()))
                .put("/settings", this::settings)
                .post("/approvals", this::approve);
    }

    private void settings(ServerRequest req, ServerResponse res) {
        JsonNode b = Json.bodyOrNull(req);
        for (String field : new String[] {"enabled", "forcedDialApproval"}) {
            if (b == null || (b.has(field) && !b.get(field).isBoolean())) {
                Json.error(res, Status.BAD_REQUEST_400, field, "must be true or false");
                return;
            }
        }
        Json.ok(res, guard.set(b.has("enabled") ? b.get("enabled").asBoolean() : null,
                b.has("forcedDialApproval") ? b.get("forcedDialApproval").asBoolean() : null));
    }

    private void approve(ServerRequest req, ServerResponse res) {
        JsonNode b = Json.bodyOrNull(req);
        try {
            String number = b == null || !b.path("number").isTextual() ? "" : b.get("number").asText();
            guard.approve(number, "admin");
            Json.ok(res, Map.of("number", NumberList.normalise(number), "forcedSinceApproval",
                    guard.forcedSinceApproval(number)));
        } catch (IllegalArgumentException e) {
            Json.error(res, Status.BAD_REQUEST_400, "number", e.getMessage());
        }
    }
}
