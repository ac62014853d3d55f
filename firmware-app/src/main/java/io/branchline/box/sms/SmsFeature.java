package io.branchline.box.sms;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.line.LineRegistry;
import io.branchline.box.sync.Events;
import io.branchline.box.sync.Outbox;
import io.branchline.box.web.Json;
import io.helidon.webserver.http.HttpRouting;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Text messages the SIMs receive (短信): each is kept in the outbox (and so sent to the CRM) before the SIM's
 * copy is deleted; {@code GET /api/sms} lists the newest 100.
 */
public final class SmsFeature {
    private static final int LATEST = 100;

    private final Outbox outbox;

    private SmsFeature(Outbox outbox) {
        this.outbox = outbox;
    }

    public static SmsFeature start(LineRegistry lines, Events events, Outbox outbox) {
        lines.all().forEach(l -> l.sms().onSms(events::sms));
        return new SmsFeature(outbox);
    }

    public void routes(HttpRouting.Builder r) {
        r.get("/api/sms", (req, res) -> Json.ok(res, latest()));
    }

    private List<JsonNode> latest() {
        return outbox.latest("sms", LATEST).stream().map(row -> {
            try {
                return Json.MAPPER.readTree(row.payload()).get("sms");
            } catch (IOException e) {
                return null;
            }
        }).filter(Objects::nonNull).toList();
    }
}
