package io.branchline.box.sync;

import io.branchline.box.web.Json;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code /api/sync}: which CRM server the box uses, the backlog, the oldest unsent item, the last success;
 * and switching by hand.
 * <pre>
 * curl http://127.0.0.1:8080/api/sync
 * curl -X POST http://127.0.0.1:8080/api/sync/use/public
 * </pre>
 */
public final class SyncService implements HttpService {
    private final OutboxSender sender;
    private final CommandPoller commands;

    public SyncService(OutboxSender sender, CommandPoller commands) {
        this.sender = sender;
        this.commands = commands;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (req, res) -> Json.ok(res, sender.status().withCommandError(commands.lastError()))).post("/use/{endpoint}", this::use);
    }

    private void use(ServerRequest req, ServerResponse res) {
        String name = req.path().pathParameters().get("endpoint");
        if (sender.endpoints().use(name).isEmpty()) {
            Json.error(res, Status.BAD_REQUEST_400, "endpoint", "no CRM server called \"" + name
                    + "\" is configured (private or public)");
            return;
        }
        Json.ok(res, sender.status().withCommandError(commands.lastError()));
    }
}
