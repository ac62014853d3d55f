package io.branchline.box.listdial;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.access.AccessFilter;
import io.branchline.box.access.Viewer;
import io.branchline.box.number.InvalidNumberException;
import io.branchline.box.number.NumberSheet;
import io.branchline.box.web.Json;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code /api/lists}: the agents' lists (轮呼). An agent works their own list; a supervisor sees their team's;
 * an admin sees and clears anyone's (一键清空).
 * <pre>
 * curl -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
 *      -d '{"csv":"name,number,customer id\n张三,13912345675,C1"}' http://127.0.0.1:8080/api/lists/1001/numbers
 * curl -X POST ... -d '{"autoNextSeconds":5}' http://127.0.0.1:8080/api/lists/1001/start
 * curl -X POST ... -d '{"action":"throw-next"}' http://127.0.0.1:8080/api/lists/1001/next
 * curl -X DELETE ... http://127.0.0.1:8080/api/lists/1001
 * </pre>
 */
final class ListsService implements HttpService {
    private final ListDialer dialer;
    private final Predicate<String> agentExists;

    ListsService(ListDialer dialer, Predicate<String> agentExists) {
        this.dialer = dialer;
        this.agentExists = agentExists;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (req, res) -> {
            Viewer v = AccessFilter.viewer(req);
            Json.ok(res, dialer.lists().agents().stream().filter(v::sees).map(dialer::progress).toList());
        });
        rules.get("/{agent}", (req, res) -> answer(req, res, agent -> {
            int page = page(req);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("progress", dialer.progress(agent));
            out.put("page", page);
            out.put("entries", dialer.lists().entries(agent, page));
            Json.ok(res, out);
        }));
        rules.post("/{agent}/numbers", (req, res) -> answer(req, res, agent -> {
            NumberSheet.Read r = dialer.add(agent, NumberSheet.fromJson(object(req)));
            if (r.rows().isEmpty() && !r.bad().isEmpty()) {
                Json.send(res, Status.BAD_REQUEST_400, Map.of("error", "no good number to add", "field", "numbers",
                        "refused", r.bad()));
                return;
            }
            Json.ok(res, Map.of("added", r.rows().size(), "refused", r.bad(), "progress", dialer.progress(agent)));
        }));
        rules.delete("/{agent}", (req, res) -> answer(req, res, agent ->
                Json.ok(res, Map.of("cleared", dialer.clear(agent)))));
        rules.post("/{agent}/start", (req, res) -> answer(req, res, agent -> {
            JsonNode b = Json.bodyOrNull(req);
            JsonNode n = b == null ? null : b.get("autoNextSeconds");
            if (n != null && !n.isNull() && !n.canConvertToExactIntegral()) {
                throw new IllegalArgumentException("autoNextSeconds: must be a whole number of seconds");
            }
            Json.ok(res, dialer.start(agent, n == null || n.isNull() ? null : n.asInt()));
        }));
        rules.post("/{agent}/pause", (req, res) -> answer(req, res, agent -> Json.ok(res, dialer.pause(agent))));
        rules.post("/{agent}/next", (req, res) -> answer(req, res, agent -> {
            JsonNode b = object(req);
            Json.ok(res, dialer.choose(agent, b.path("action").asText("")));
        }));
    }

    private interface Work {
        void run(String agent);
    }

    /** Runs {@code work} for the path's agent, whom the viewer must see; refusals name the field. */
    private void answer(ServerRequest req, ServerResponse res, Work work) {
        String agent = req.path().pathParameters().get("agent");
        if (!agentExists.test(agent)) {
            Json.error(res, Status.NOT_FOUND_404, "agent", "no agent \"" + io.branchline.box.store.StoredText
                    .printable(agent) + "\"");
            return;
        }
        if (!AccessFilter.viewer(req).sees(agent)) {
            Json.error(res, Status.FORBIDDEN_403, "agent", "this is not your list");
            return;
        }
        try {
            work.run(agent);
        } catch (InvalidNumberException e) {
            Json.error(res, Status.BAD_REQUEST_400, e.field(), e.reason());
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            int colon = m.indexOf(':');
            Json.error(res, m.startsWith("action: a call") ? Status.CONFLICT_409 : Status.BAD_REQUEST_400,
                    colon > 0 ? m.substring(0, colon) : "body", m);
        }
    }

    private static JsonNode object(ServerRequest req) {
        JsonNode b = Json.bodyOrNull(req);
        if (b == null || !b.isObject()) {
            throw new IllegalArgumentException("body: must be a JSON object");
        }
        return b;
    }

    private static int page(ServerRequest req) {
        return io.branchline.box.web.PageNumber.of(req)
                .orElseThrow(() -> new IllegalArgumentException("page: must be a page number from 1"));
    }
}
