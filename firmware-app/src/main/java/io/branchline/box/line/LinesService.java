package io.branchline.box.line;

import io.branchline.box.web.Json;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code /api/lines}: every line with its modem, SIM, signal and state.
 * <pre>
 * curl http://127.0.0.1:8080/api/lines
 * curl http://127.0.0.1:8080/api/lines/sim-1
 * curl -X POST http://127.0.0.1:8080/api/lines/sim-1/poll      # read the modem again now
 * </pre>
 */
public final class LinesService implements HttpService {
    private final LineRegistry registry;

    public LinesService(LineRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .get("/{id}", this::one)
                .post("/{id}/poll", this::poll);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Json.ok(res, registry.snapshots().stream().map(LineView::of).toList());
    }

    private void one(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        registry.line(id).ifPresentOrElse(l -> Json.ok(res, LineView.of(l.snapshot())),
                () -> Json.error(res, Status.NOT_FOUND_404, "id", "no line \"" + id + "\""));
    }

    private void poll(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        registry.line(id).ifPresentOrElse(l -> {
            l.pollNow();
            Json.send(res, Status.ACCEPTED_202, LineView.of(l.snapshot()));
        }, () -> Json.error(res, Status.NOT_FOUND_404, "id", "no line \"" + id + "\""));
    }
}
