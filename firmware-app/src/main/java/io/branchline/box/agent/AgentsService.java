package io.branchline.box.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.access.AccessFilter;
import io.branchline.box.access.Viewer;
import io.branchline.box.store.StoredText;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.branchline.box.config.BoxConfig;
import io.branchline.box.web.Json;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/agents}: the agents, their desk-phone lines and seat states.
 * <pre>
 * curl http://127.0.0.1:8080/api/agents
 * curl -X PUT -H 'Content-Type: application/json' -d '{"state":"busy"}' http://127.0.0.1:8080/api/agents/1001/state
 * </pre>
 * A viewer sees the agents of their data scope (an agent themself, a supervisor their team) and sets their
 * seat states (示闲 / 示忙 / 小休中).
 */
public final class AgentsService implements HttpService {
    private final List<BoxConfig.Agent> agents;
    private final SeatStates seats;

    public AgentsService(List<BoxConfig.Agent> agents, SeatStates seats) {
        this.agents = List.copyOf(agents);
        this.seats = seats;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (req, res) -> {
            Json.ok(res, views(AccessFilter.viewer(req)));
        }).put("/{id}/state", this::state).get("/{id}/states", this::history);
    }

    private void state(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        if (agents.stream().noneMatch(a -> a.id().equals(id)) || !AccessFilter.viewer(req).sees(id)) {
            Json.error(res, Status.NOT_FOUND_404, "id", "no agent \"" + StoredText.printable(id) + "\"");
            return;
        }
        JsonNode body = Json.bodyOrNull(req);
        String state = body != null && body.path("state").isTextual() ? body.get("state").asText() : null;
        if (state == null || !SeatStates.STATES.contains(state)) {
            Json.error(res, Status.BAD_REQUEST_400, "state", "must be one of " + new java.util.TreeSet<>(
                    SeatStates.STATES));
            return;
        }
        JsonNode reason = body.path("reason");
        if (!reason.isMissingNode() && !reason.isNull() && !reason.isTextual()) {
            Json.error(res, Status.BAD_REQUEST_400, "reason", "must be text");
            return;
        }
        Viewer v = AccessFilter.viewer(req);
        try {
            SeatStates.Change c = seats.set(id, state, reason.isTextual() ? reason.asText() : "", v.actor(), v.via());
            Json.ok(res, Map.of("id", id, "state", state, "reason", c.reason(), "at", c.at()));
        } catch (IllegalArgumentException e) {
            Json.error(res, Status.BAD_REQUEST_400, "reason", e.getMessage());
        }
    }

    /** An agent's newest 100 seat-state changes, newest first: who set which state through what, and why. */
    private void history(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        if (agents.stream().noneMatch(a -> a.id().equals(id)) || !AccessFilter.viewer(req).sees(id)) {
            Json.error(res, Status.NOT_FOUND_404, "id", "no agent \"" + StoredText.printable(id) + "\"");
            return;
        }
        Json.ok(res, seats.history(id, 100));
    }

    /** The agents {@code viewer} may see, as {@link #views()} shows them. */
    public List<Map<String, Object>> views(Viewer viewer) {
        return views().stream().filter(a -> viewer.sees((String) a.get("id"))).toList();
    }

    public List<Map<String, Object>> views() {
        return agents.stream().map(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", a.id());
            m.put("name", a.name());
            m.put("crmUserId", a.crmUserId());
            m.put("line", a.line());
            m.put("secondLine", a.secondLine());
            m.put("state", seats.of(a.id()));
            m.put("reason", seats.reason(a.id()));
            m.put("activity", seats.activity(a.id()));
            return m;
        }).toList();
    }
}
