package io.branchline.box.line;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.web.Json;
import io.branchline.hw.goip.GoipLine;
import io.branchline.hw.line.Line;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/lines/{id}/goip}: the GoIP's control commands for one of its ports, sent with retries
 * (each asks or sets, so a repeat does what the first did).
 * <pre>
 * curl -X POST -d '{"command":"reboot-module"}' http://127.0.0.1:8080/api/lines/goip-1/goip
 * curl -X POST -d '{"command":"set-number","value":"13800000201"}' http://127.0.0.1:8080/api/lines/goip-1/goip
 * </pre>
 * Commands: get-number, set-number (value), drop-call, reboot-module, reboot-device, enable, disable,
 * out-call-interval (value: seconds).
 */
final class GoipControl {
    private static final Logger log = LoggerFactory.getLogger(GoipControl.class);
    static final List<String> COMMANDS = List.of("get-number", "set-number", "drop-call", "reboot-module",
            "reboot-device", "enable", "disable", "out-call-interval");

    private GoipControl() {
    }

    static void handle(Line line, ServerRequest req, ServerResponse res) {
        if (!(line instanceof GoipLine goip)) {
            Json.error(res, Status.CONFLICT_409, "id", "line " + line.id() + " is not a GoIP port");
            return;
        }
        JsonNode body = Json.bodyOrNull(req);
        if (body == null || !body.isObject()) {
            Json.error(res, Status.BAD_REQUEST_400, null, "the body must be JSON: {\"command\": \"reboot-module\"}");
            return;
        }
        String command = body.path("command").isTextual() ? body.get("command").asText() : "";
        if (!COMMANDS.contains(command)) {
            Json.error(res, Status.BAD_REQUEST_400, "command", "one of " + String.join(", ", COMMANDS));
            return;
        }
        JsonNode v = body.path("value");
        String value = v.isTextual() || v.isIntegralNumber() ? v.asText() : "";
        if (value.length() > 20) {
            Json.error(res, Status.BAD_REQUEST_400, "value", "at most 20 characters");
            return;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("line", line.id());
        out.put("command", command);
        try {
            String answer = switch (command) {
                case "get-number" -> goip.gsmNumber();
                case "set-number" -> {
                    goip.gsmNumber(value);
                    yield "ok";
                }
                case "drop-call" -> ok(goip::dropCall);
                case "reboot-module" -> ok(goip::rebootModule);
                case "reboot-device" -> ok(goip::rebootDevice);
                case "enable" -> ok(() -> goip.enable(true));
                case "disable" -> ok(() -> goip.enable(false));
                default -> {
                    int seconds;
                    try {
                        seconds = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("value: the seconds between calls, 0 to 3600");
                    }
                    try {
                        goip.outCallInterval(seconds);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("value: the seconds between calls, 0 to 3600");
                    }
                    yield "ok";
                }
            };
            log.info("line={} event=goip-command command={}", line.id(), command);
            out.put("answer", answer.replaceAll("\\p{Cntrl}", " "));
            Json.ok(res, out);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            int colon = m.indexOf(':');
            Json.error(res, Status.BAD_REQUEST_400, "value", colon > 0 ? "value" + m.substring(colon) : m);
        } catch (GoipLine.CommandFailed e) {
            log.warn("line={} event=goip-command-failed command={} why=\"{}\"", line.id(), command, e.getMessage());
            Json.error(res, e.unanswered() ? Status.GATEWAY_TIMEOUT_504 : Status.BAD_GATEWAY_502, null,
                    e.getMessage());
        }
    }

    private interface Step {
        void run() throws GoipLine.CommandFailed;
    }

    private static String ok(Step s) throws GoipLine.CommandFailed {
        s.run();
        return "ok";
    }
}
