package io.branchline.box.line;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.access.AccessFilter;
import io.branchline.box.config.ConfigException;
import io.branchline.box.store.StoredText;
import io.branchline.box.web.Json;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/**
 * {@code /api/settings/lines}: each line's dialing settings (prefixes, own numbers, rotation, the
 * frequent-call warning, the desk phone's dial mode and delay), in the configuration file's keys. A change
 * goes through the file's own checks, is kept over the file, and the next call uses it; DELETE returns to
 * the file's settings.
 * <pre>
 * curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8080/api/settings/lines
 * curl -X PUT -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
 *      -d '{"prefix":"17951","rotation":{"policy":"by-count","calls":20}}' \
 *      http://127.0.0.1:8080/api/settings/lines/desk-1001
 * </pre>
 */
public final class LineSettingsService implements HttpService {
    private final DialingSettings settings;

    public LineSettingsService(DialingSettings settings) {
        this.settings = settings;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (req, res) -> Json.ok(res, settings.views()))
                .get("/{line}", (req, res) -> line(req, res).ifPresent(l -> Json.ok(res, settings.find(l).get())))
                .put("/{line}", this::change)
                .delete("/{line}", (req, res) -> line(req, res).ifPresent(l -> Json.ok(res, settings.reset(l,
                        AccessFilter.viewer(req).actor()))));
    }

    private void change(ServerRequest req, ServerResponse res) {
        Optional<String> line = line(req, res);
        if (line.isEmpty()) {
            return;
        }
        JsonNode b = Json.bodyOrNull(req);
        if (b == null || !b.isObject()) {
            Json.error(res, Status.BAD_REQUEST_400, "body", "must be a JSON object of the line's settings");
            return;
        }
        try {
            Json.ok(res, settings.change(line.get(), b, AccessFilter.viewer(req).actor()));
        } catch (ConfigException e) {
            Json.error(res, Status.BAD_REQUEST_400, e.field().orElse("body"), e.reason());
        } catch (IllegalArgumentException e) {
            Json.error(res, Status.REQUEST_ENTITY_TOO_LARGE_413, "body", e.getMessage());
        }
    }

    private Optional<String> line(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("line");
        if (settings.find(id).isEmpty()) {
            Json.error(res, Status.NOT_FOUND_404, "line", "no line \"" + StoredText.printable(id) + "\"");
            return Optional.empty();
        }
        return Optional.of(id);
    }
}
