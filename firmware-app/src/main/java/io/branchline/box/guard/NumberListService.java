package io.branchline.box.guard;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.web.Json;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/guard/blacklist} and {@code /api/guard/risk}: the numbers the box will not dial, and the risk
 * numbers the guard intercepts.
 * <pre>
 * curl http://127.0.0.1:8080/api/guard/blacklist
 * curl -X POST -d '{"numbers":["13900000005"],"reason":"投诉"}' http://127.0.0.1:8080/api/guard/blacklist
 * curl -X DELETE http://127.0.0.1:8080/api/guard/risk/13900000005
 * </pre>
 */
public final class NumberListService implements HttpService {
    private final NumberList blacklist;

    public NumberListService(NumberList list) {
        this.blacklist = list;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (req, res) -> Json.ok(res, blacklist.list()))
                .post("/", this::add)
                .delete("/{number}", (req, res) -> {
                    String n = req.path().pathParameters().get("number");
                    try {
                        Json.ok(res, Map.of("removed", blacklist.remove(List.of(n))));
                    } catch (IllegalArgumentException e) {
                        Json.error(res, Status.BAD_REQUEST_400, "number", e.getMessage());
                    }
                });
    }

    private void add(ServerRequest req, ServerResponse res) {
        JsonNode body = Json.bodyOrNull(req);
        if (body == null || !body.path("numbers").isArray()) {
            Json.error(res, Status.BAD_REQUEST_400, "numbers", "send {\"numbers\": [\"139...\"], \"reason\": \"...\"}");
            return;
        }
        List<String> numbers = new ArrayList<>();
        body.path("numbers").forEach(n -> numbers.add(n.isTextual() ? n.asText() : null));
        try {
            int n = blacklist.add(numbers, body.path("reason").asText(""), "admin");
            Json.send(res, Status.CREATED_201, Map.of("added", n));
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage();
            Json.error(res, Status.BAD_REQUEST_400, msg.substring(0, msg.indexOf(':')), msg);
        }
    }
}
