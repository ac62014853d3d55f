package io.branchline.box.sms;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.web.Json;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import java.util.Set;

/**
 * Sending text messages over the API.
 * <pre>
 * curl -X POST -d '{"number":"13900000005","text":"王先生您好，您的资料已收到","line":"sim-1"}' http://127.0.0.1:8080/api/sms
 * curl http://127.0.0.1:8080/api/sms/sent           # the newest 100, newest first
 * curl http://127.0.0.1:8080/api/sms/sent/ID        # one, with each part's reference and report
 * </pre>
 * Fields: {@code number} (a phone number or a short service number such as 10086), {@code text} (up to
 * 1,530 GSM characters or 670 others, in up to 10 parts), {@code line} (optional: any line that is up, in
 * turn), {@code requestId} (optional: the same id again answers the first message), {@code force} (a risk
 * number, as for a call; a blacklisted number is never sent to).
 */
final class SmsService implements HttpService {
    private static final Set<String> FIELDS = Set.of("number", "text", "line", "requestId", "force");
    private static final int LATEST = 100;

    private final SentMessages sent;
    private final SmsSending sending;

    SmsService(SentMessages sent, SmsSending sending) {
        this.sent = sent;
        this.sending = sending;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (req, res) -> Json.ok(res, Map.of("messages", sent.latest(LATEST))))
                .get("/{id}", (req, res) -> sent.find(req.path().pathParameters().get("id")).ifPresentOrElse(
                        m -> Json.ok(res, m), () -> Json.error(res, Status.NOT_FOUND_404, "id", "no such message")));
    }

    static void post(SmsSending sending, ServerRequest req, ServerResponse res) {
        JsonNode b = Json.bodyOrNull(req);
        if (b == null || !b.isObject()) {
            Json.error(res, Status.BAD_REQUEST_400, "body", "must be a JSON object with number and text");
            return;
        }
        try {
            Json.send(res, Status.ACCEPTED_202, send(sending, b, "api"));
        } catch (SmsSending.Refused e) {
            Json.error(res, Status.FORBIDDEN_403, "number", e.getMessage());
        } catch (IllegalArgumentException e) {
            String m = String.valueOf(e.getMessage());
            int colon = m.indexOf(':');
            Json.error(res, Status.BAD_REQUEST_400, colon > 0 && colon < 20 ? m.substring(0, colon) : "body", m);
        }
    }

    /** A request from the API or the CRM, each field checked by name. */
    static SentMessages.Message send(SmsSending sending, JsonNode b, String source) {
        b.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException(io.branchline.box.store.StoredText.printable(
                        f.length() > 40 ? f.substring(0, 40) : f) + ": not a field of a text message (number, text,"
                        + " line, requestId, force)");
            }
        });
        for (String f : new String[] {"number", "text", "line", "requestId"}) {
            if (b.has(f) && !b.get(f).isTextual() && !b.get(f).isNull()) {
                throw new IllegalArgumentException(f + ": must be text");
            }
        }
        if (b.has("force") && !b.get("force").isBoolean()) {
            throw new IllegalArgumentException("force: must be true or false");
        }
        return sending.submit(new SmsSending.Request(text(b, "number"), text(b, "text"), text(b, "line"),
                text(b, "requestId"), b.path("force").asBoolean(false), source));
    }

    private static String text(JsonNode b, String f) {
        return b.hasNonNull(f) ? b.get(f).asText() : null;
    }
}
