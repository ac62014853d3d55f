package io.branchline.box.sms;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.line.LineRegistry;
import io.branchline.box.store.StoredText;
import io.branchline.box.web.Json;
import io.branchline.hw.at.parse.Ussd;
import io.branchline.hw.modem.LineDownException;
import io.branchline.hw.line.Line;
import io.branchline.hw.modem.UssdSession;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * USSD on one line (balances, top-up codes, the carrier's menus):
 * <pre>
 * curl -X POST -d '{"line":"sim-1","code":"*100#"}' http://127.0.0.1:8080/api/ussd
 * </pre>
 * The answer holds the network's text decoded (plain, UCS2 hex or packed GSM-7, whatever the modem sent),
 * the raw text and its DCS as they came, and {@code more} when the network waits for a menu choice (send the
 * choice as the next code). A query is never sent twice: 504 says no answer came within 30 s.
 */
public final class UssdService implements HttpService {
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(30);
    private final LineRegistry lines;

    UssdService(LineRegistry lines) {
        this.lines = lines;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::ask);
    }

    private void ask(ServerRequest req, ServerResponse res) {
        JsonNode b = Json.bodyOrNull(req);
        if (b == null || !b.isObject()) {
            Json.error(res, Status.BAD_REQUEST_400, "body", "body: must be a JSON object with line and code");
            return;
        }
        String lineId = b.path("line").isTextual() ? b.get("line").asText() : "";
        Line line = lines.line(lineId).orElse(null);
        if (line == null) {
            Json.error(res, Status.NOT_FOUND_404, "line", "line: no line \"" + StoredText.printable(
                    lineId.length() > 64 ? lineId.substring(0, 64) : lineId) + "\"");
            return;
        }
        String code = b.path("code").isTextual() ? b.get("code").asText() : null;
        try {
            Json.ok(res, view(lineId, line.ussd().ask(code, ANSWER_WITHIN)));
        } catch (IllegalArgumentException e) {
            Json.error(res, Status.BAD_REQUEST_400, "code", e.getMessage());
        } catch (IllegalStateException | LineDownException e) {
            Json.error(res, Status.CONFLICT_409, "line", e.getMessage());
        } catch (UssdSession.Unanswered e) {
            Json.error(res, Status.GATEWAY_TIMEOUT_504, "code", e.getMessage());
        }
    }

    static Map<String, Object> view(String lineId, Ussd u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("line", lineId);
        m.put("text", u.text());
        m.put("more", u.type() == 1);
        m.put("type", u.type());
        m.put("raw", u.raw().orElse(""));
        m.put("dcs", u.dcs().isPresent() ? u.dcs().getAsInt() : null);
        return m;
    }
}
