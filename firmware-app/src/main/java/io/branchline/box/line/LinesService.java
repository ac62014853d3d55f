package io.branchline.box.line;

import io.branchline.box.web.Json;
import io.branchline.hw.at.AtCommand;
import io.branchline.hw.at.AtCommands;
import io.branchline.hw.at.AtException;
import io.branchline.hw.at.AtResponse;
import io.branchline.hw.at.InvalidAtArgumentException;
import io.branchline.hw.line.Line;
import io.branchline.hw.serial.WireLog;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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
 * curl http://127.0.0.1:8080/api/lines/sim-1/wire               # the raw bytes of its port, both ways
 * curl -X POST -d '{"command":"AT+CSQ"}' http://127.0.0.1:8080/api/lines/sim-1/at   # only with debug.raw-at
 * curl -X POST -d '{"command":"reboot-module"}' http://127.0.0.1:8080/api/lines/goip-1/goip   # see GoipControl
 * </pre>
 */
public final class LinesService implements HttpService {
    private final LineRegistry registry;
    private final boolean rawAtEnabled;

    public LinesService(LineRegistry registry, boolean rawAtEnabled) {
        this.registry = registry;
        this.rawAtEnabled = rawAtEnabled;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .get("/{id}", this::one)
                .post("/{id}/poll", this::poll)
                .get("/{id}/wire", this::wire)
                .post("/{id}/at", this::rawAt)
                .post("/{id}/goip", (req, res) -> line(req, res).ifPresent(l -> GoipControl.handle(l, req, res)));
    }

    private Optional<Line> line(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        Optional<Line> l = registry.line(id);
        if (l.isEmpty()) {
            Json.error(res, Status.NOT_FOUND_404, "id", "no line \"" + id + "\"");
        }
        return l;
    }

    /** The wire log, one chunk a line: {@code <epoch-millis> <in|out> "<C-escaped bytes>"} (WireLog.read replays it). */
    private void wire(ServerRequest req, ServerResponse res) {
        line(req, res).ifPresent(l -> {
            StringBuilder sb = new StringBuilder();
            for (WireLog.Chunk c : l.wireLog().chunks()) {
                sb.append(c.line()).append('\n');
            }
            Json.text(res, sb.toString());
        });
    }

    /** An installer's raw AT command: refused unless the box runs with debug.raw-at (or --debug-raw-at). */
    private void rawAt(ServerRequest req, ServerResponse res) {
        Optional<Line> line = line(req, res);
        if (line.isEmpty()) {
            return;
        }
        if (!rawAtEnabled) {
            Json.error(res, Status.FORBIDDEN_403, "command",
                    "raw AT is off; start the box with --debug-raw-at (or debug.raw-at: true) to use it");
            return;
        }
        var body = Json.bodyOrNull(req);
        if (body == null || !body.isObject()) {
            Json.error(res, Status.BAD_REQUEST_400, null, "the body must be JSON: {\"command\": \"AT...\"}");
            return;
        }
        String text = body.path("command").isTextual() ? body.get("command").asText() : null;
        AtCommand cmd;
        try {
            cmd = AtCommands.raw(text, true);
        } catch (InvalidAtArgumentException e) {
            Json.error(res, Status.BAD_REQUEST_400, e.field(), e.getMessage());
            return;
        }
        var engine = line.get().engine();
        if (engine.isEmpty()) {
            Json.error(res, Status.CONFLICT_409, "id", "line " + line.get().id() + " is down: "
                    + line.get().snapshot().status().detail());
            return;
        }
        try {
            AtResponse r = engine.get().execute(cmd);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("command", cmd.text());
            out.put("lines", r.lines());
            out.put("result", r.result().toString());
            Json.ok(res, out);
        } catch (AtException e) {
            Json.error(res, Status.GATEWAY_TIMEOUT_504, null, e.getMessage());
        }
    }

    private void list(ServerRequest req, ServerResponse res) {
        Json.ok(res, registry.views());
    }

    private void one(ServerRequest req, ServerResponse res) {
        line(req, res).ifPresent(l -> Json.ok(res, registry.view(l)));
    }

    private void poll(ServerRequest req, ServerResponse res) {
        line(req, res).ifPresent(l -> {
            l.pollNow();
            Json.send(res, Status.ACCEPTED_202, registry.view(l));
        });
    }
}
