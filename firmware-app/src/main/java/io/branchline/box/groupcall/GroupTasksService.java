package io.branchline.box.groupcall;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.access.AccessFilter;
import io.branchline.box.access.Role;
import io.branchline.box.access.Viewer;
import io.branchline.box.config.ConfigException;
import io.branchline.box.config.ConfigLoader;
import io.branchline.box.number.NumberSheet;
import io.branchline.box.web.HttpProblem;
import io.branchline.box.web.Json;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /api/group-tasks}: the group-call tasks (群呼助手) with their figures; create (settings and numbers,
 * as a list or a CSV of name, number, customer id), change, delete, add numbers, start, pause, and join or
 * leave (an agent themself, an admin anyone). An agent sees the tasks they are one of the agents of.
 * <pre>
 * curl -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"name":"十二月回访",
 *      "concurrency":10,"intervalSeconds":10,"ratio":1,"agents":["1001","1002"],
 *      "csv":"name,number,customer id\n张三,13912345671,C1\n李四,13912345675,C2"}' http://127.0.0.1:8080/api/group-tasks
 * curl -X POST ... http://127.0.0.1:8080/api/group-tasks/ID/start
 * curl -X POST ... -d '{"agent":"1001"}' http://127.0.0.1:8080/api/group-tasks/ID/join
 * </pre>
 */
final class GroupTasksService implements HttpService {
    /** The task settings a body may carry besides the numbers. */
    private static final java.util.Set<String> NOT_SETTINGS = java.util.Set.of("numbers", "csv");

    private final GroupDialer dialer;

    GroupTasksService(GroupDialer dialer) {
        this.dialer = dialer;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (req, res) -> {
            Viewer v = AccessFilter.viewer(req);
            Json.ok(res, dialer.tasks().list().stream().filter(s -> sees(v, s)).map(this::view).toList());
        });
        rules.post("/", (req, res) -> answer(res, () -> {
            JsonNode b = object(req);
            NumberSheet.Read numbers = numbers(b);
            GroupTasks.Stored s = dialer.tasks().create(task(b), numbers, AccessFilter.viewer(req).actor());
            Map<String, Object> out = view(s);
            out.put("refused", numbers.bad());
            Json.send(res, Status.CREATED_201, out);
        }));
        rules.get("/{id}", (req, res) -> answer(res, () -> Json.ok(res, view(seen(req)))));
        rules.put("/{id}", (req, res) -> answer(res, () -> Json.ok(res, view(dialer.tasks().update(id(req),
                task(object(req)))))));
        rules.delete("/{id}", (req, res) -> answer(res, () -> {
            dialer.delete(id(req));
            Json.ok(res, Map.of("deleted", id(req)));
        }));
        rules.post("/{id}/numbers", (req, res) -> answer(res, () -> {
            NumberSheet.Read r = dialer.tasks().addNumbers(id(req), numbers(object(req)));
            Json.ok(res, Map.of("added", r.rows().size(), "refused", r.bad()));
        }));
        rules.get("/{id}/numbers", (req, res) -> answer(res, () -> {
            int page = page(req);
            Json.ok(res, Map.of("page", page, "numbers", dialer.tasks().numbers(id(req), page)));
        }));
        rules.post("/{id}/start", (req, res) -> answer(res, () -> Json.ok(res, view(dialer.start(id(req))))));
        rules.post("/{id}/pause", (req, res) -> answer(res, () -> Json.ok(res, view(dialer.pause(id(req))))));
        rules.post("/{id}/join", (req, res) -> answer(res, () -> Json.ok(res, view(dialer.join(id(req),
                agent(req))))));
        rules.post("/{id}/leave", (req, res) -> answer(res, () -> Json.ok(res, view(dialer.leave(id(req),
                agent(req))))));
    }

    /** An agent sees the tasks they may join; a supervisor those of their team; admins all. */
    private static boolean sees(Viewer v, GroupTasks.Stored s) {
        return v.scope().all() || s.task().agents().stream().anyMatch(v::sees);
    }

    private GroupTasks.Stored seen(ServerRequest req) {
        GroupTasks.Stored s = dialer.tasks().require(id(req));
        if (!sees(AccessFilter.viewer(req), s)) {
            throw new GroupTaskException("id", "no group-call task \"" + id(req) + "\"", true);
        }
        return s;
    }

    /** The agent a join or leave is for: the body's; an agent only themself. */
    private String agent(ServerRequest req) {
        seen(req);
        Viewer v = AccessFilter.viewer(req);
        JsonNode b = Json.bodyOrNull(req);
        String agent = b != null && b.hasNonNull("agent") ? b.get("agent").asText("") : "";
        if (agent.isEmpty() && v.role() == Role.AGENT && v.scope().agents().size() == 1) {
            agent = v.scope().agents().iterator().next();
        }
        if (agent.isEmpty()) {
            throw new GroupTaskException("agent", "name the agent who joins or leaves");
        }
        if (!v.sees(agent)) {
            throw new HttpProblem(Status.FORBIDDEN_403, "agent", "you may not join or take out agent " + agent);
        }
        return agent;
    }

    Map<String, Object> view(GroupTasks.Stored s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("task", s.task());
        out.put("state", s.state());
        out.put("joined", s.joined());
        out.put("createdBy", s.createdBy());
        out.put("createdAt", s.createdAt());
        out.put("figures", dialer.tasks().figures(s.task().id()));
        dialer.live(s.task().id()).ifPresent(l -> out.put("live", l));
        return out;
    }

    private static JsonNode object(ServerRequest req) {
        JsonNode b = Json.bodyOrNull(req);
        if (b == null || !b.isObject()) {
            throw new GroupTaskException("body", "must be a JSON object");
        }
        return b;
    }

    private static GroupTask task(JsonNode b) {
        com.fasterxml.jackson.databind.node.ObjectNode settings = b.deepCopy();
        NOT_SETTINGS.forEach(settings::remove);
        try {
            return ConfigLoader.section(settings, GroupTask.class);
        } catch (ConfigException e) {
            throw new GroupTaskException(e.field().orElse("body"), e.reason());
        }
    }

    /** The body's numbers: {@code csv} (text) or {@code numbers} (a list of {number, name, customerId}). */
    static NumberSheet.Read numbers(JsonNode b) {
        try {
            return NumberSheet.fromJson(b);
        } catch (io.branchline.box.number.InvalidNumberException e) {
            throw new GroupTaskException(e.field(), e.reason());
        }
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }

    private static int page(ServerRequest req) {
        return io.branchline.box.web.PageNumber.of(req)
                .orElseThrow(() -> new GroupTaskException("page", "must be a page number from 1"));
    }

    private static void answer(ServerResponse res, Runnable work) {
        try {
            work.run();
        } catch (GroupTaskException e) {
            Json.error(res, e.missing() ? Status.NOT_FOUND_404 : e.field().equals("state") ? Status.CONFLICT_409
                    : Status.BAD_REQUEST_400, e.field(), e.getMessage());
        } catch (HttpProblem e) {
            Json.error(res, e.status(), e.field(), e.getMessage());
        }
    }
}
