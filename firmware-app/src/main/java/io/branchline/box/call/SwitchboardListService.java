package io.branchline.box.call;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.access.AccessFilter;
import io.branchline.box.access.Viewer;
import io.branchline.box.web.Json;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/switchboard/calls}: the switchboard list ({@code ?unhandled=true&page=N}), and an admin's mark
 * that a call is handled ({@code POST /{id}/handled} with an optional {@code {"note": "…"}}, {@code DELETE}
 * to take it back). {@code /api/switchboard/waiting}: the callers in the queues now.
 */
final class SwitchboardListService implements HttpService {
    private final SwitchboardList list;
    private final InboundCalls inbound;

    SwitchboardListService(SwitchboardList list, InboundCalls inbound) {
        this.list = list;
        this.inbound = inbound;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/calls", this::list)
                .post("/calls/{id}/handled", this::mark)
                .delete("/calls/{id}/handled", this::unmark)
                .get("/waiting", this::waiting);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Viewer viewer = AccessFilter.viewer(req);
        Optional<String> unhandled = req.query().first("unhandled").asOptional();
        if (unhandled.isPresent() && !unhandled.get().matches("true|false")) {
            Json.error(res, Status.BAD_REQUEST_400, "unhandled", "true or false");
            return;
        }
        java.util.OptionalInt asked = io.branchline.box.web.PageNumber.of(req);
        if (asked.isEmpty()) {
            Json.error(res, Status.BAD_REQUEST_400, "page", "a page number from 1");
            return;
        }
        int page = asked.getAsInt();
        Optional<java.util.Set<String>> scope = viewer.scope().all() ? Optional.empty()
                : Optional.of(viewer.scope().agents());
        Json.ok(res, list.list(unhandled.map(Boolean::parseBoolean).orElse(false), page, scope));
    }

    private void mark(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        String note = "";
        if (req.content().hasEntity()) {
            JsonNode b = Json.bodyOrNull(req);
            if (b == null || !b.isObject() || (b.has("note") && !b.get("note").isTextual())) {
                Json.error(res, Status.BAD_REQUEST_400, "note", "the body is {\"note\": \"text\"} or nothing");
                return;
            }
            note = b.path("note").asText("");
        }
        try {
            list.mark(id, AccessFilter.viewer(req).actor(), note).ifPresentOrElse(e -> Json.ok(res, e),
                    () -> Json.error(res, Status.NOT_FOUND_404, "id", "no inbound call \"" + printable(id) + "\""));
        } catch (IllegalArgumentException e) {
            Json.error(res, Status.BAD_REQUEST_400, "note", e.getMessage());
        }
    }

    private void unmark(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        list.unmark(id).ifPresentOrElse(e -> Json.ok(res, e),
                () -> Json.error(res, Status.NOT_FOUND_404, "id", "no inbound call \"" + printable(id) + "\""));
    }

    private void waiting(ServerRequest req, ServerResponse res) {
        Viewer viewer = AccessFilter.viewer(req);
        Map<String, List<CallView>> out = new LinkedHashMap<>();
        inbound.waiting().forEach((q, calls) -> out.put(q, calls.stream()
                .filter(c -> c.agent().isEmpty() || viewer.sees(c.agent())).toList()));
        Json.ok(res, out);
    }

    private static String printable(String id) {
        return io.branchline.box.store.StoredText.printable(id.length() > 40 ? id.substring(0, 40) : id);
    }
}
