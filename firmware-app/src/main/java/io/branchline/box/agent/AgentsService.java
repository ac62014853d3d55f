package io.branchline.box.agent;

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
 * </pre>
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
        rules.get("/", (req, res) -> Json.ok(res, views()));
    }

    /** The agents as the API and the CRM's heartbeat show them. */
    public List<Map<String, Object>> views() {
        return agents.stream().map(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", a.id());
            m.put("name", a.name());
            m.put("crmUserId", a.crmUserId());
            m.put("line", a.line());
            m.put("secondLine", a.secondLine());
            m.put("state", seats.of(a.id()));
            return m;
        }).toList();
    }
}
