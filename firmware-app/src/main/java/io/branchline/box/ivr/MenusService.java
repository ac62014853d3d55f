package io.branchline.box.ivr;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.access.AccessFilter;
import io.branchline.box.config.ConfigException;
import io.branchline.box.config.ConfigLoader;
import io.branchline.box.store.StoredText;
import io.branchline.box.web.Json;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;

/**
 * {@code /api/switchboard/menus}: the switchboard's voice menus. PUT saves a menu under its id (new or in
 * place of the old) once every menu with it passes the checks; a refusal names the field or key.
 * <pre>
 * curl -X PUT -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"name":"总机",
 *      "prompt":"PROMPT_ID","keys":{"1":{"type":"agent","target":"1001"},"0":{"type":"distribute"}},
 *      "fallback":{"type":"distribute"}}' http://127.0.0.1:8080/api/switchboard/menus/main
 * </pre>
 */
public final class MenusService implements HttpService {
    private final Menus menus;

    public MenusService(Menus menus) {
        this.menus = menus;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (req, res) -> Json.ok(res, menus.list()))
                .get("/{id}", (req, res) -> {
                    String id = req.path().pathParameters().get("id");
                    menus.find(id).ifPresentOrElse(s -> Json.ok(res, s), () -> Json.error(res, Status.NOT_FOUND_404, "id",
                            "no menu \"" + StoredText.printable(id) + "\""));
                })
                .put("/{id}", this::save)
                .delete("/{id}", this::delete);
    }

    private void save(ServerRequest req, ServerResponse res) {
        JsonNode b = Json.bodyOrNull(req);
        if (b == null || !b.isObject()) {
            Json.error(res, Status.BAD_REQUEST_400, "body", "must be a JSON object: the menu");
            return;
        }
        try {
            Menu m = ConfigLoader.section(b, Menu.class).withId(req.path().pathParameters().get("id"));
            Json.ok(res, menus.save(m, AccessFilter.viewer(req).actor()));
        } catch (ConfigException e) {
            Json.error(res, Status.BAD_REQUEST_400, e.field().orElse("body"), e.reason());
        } catch (MenuException e) {
            Json.error(res, Status.BAD_REQUEST_400, e.field(), e.getMessage());
        }
    }

    private void delete(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        try {
            menus.delete(id);
            Json.ok(res, Map.of("deleted", id));
        } catch (MenuException e) {
            Json.error(res, e.missing() ? Status.NOT_FOUND_404 : Status.CONFLICT_409, e.field(), e.getMessage());
        }
    }
}
