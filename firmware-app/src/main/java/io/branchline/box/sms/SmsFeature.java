package io.branchline.box.sms;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.guard.CallGuard;
import io.branchline.box.line.LineRegistry;
import io.branchline.box.store.Database;
import io.branchline.box.sync.Events;
import io.branchline.box.sync.Outbox;
import io.branchline.box.sync.SyncFeature;
import io.branchline.box.web.Json;
import io.helidon.webserver.http.HttpRouting;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Text messages (短信) and USSD. Received: each is kept in the outbox (and so sent to the CRM) before the SIM's
 * copy is deleted; {@code GET /api/sms} lists the newest 100. Sent: {@code POST /api/sms}, the CLI and the
 * CRM's {@code sms.send} queue a message that {@link SmsSending} sends; {@code GET /api/sms/sent} shows
 * them. USSD: {@code POST /api/ussd} on one line.
 */
public final class SmsFeature implements AutoCloseable {
    private static final int LATEST = 100;

    private final Outbox outbox;
    private final SentMessages sent;
    private final SmsSending sending;
    private final LineRegistry lines;

    private SmsFeature(Outbox outbox, SentMessages sent, SmsSending sending, LineRegistry lines) {
        this.outbox = outbox;
        this.sent = sent;
        this.sending = sending;
        this.lines = lines;
    }

    public static SmsFeature start(LineRegistry lines, Events events, Outbox outbox, Database db, CallGuard guard,
                                   Clock clock) {
        lines.all().forEach(l -> l.sms().onSms(events::sms));
        SentMessages sent = new SentMessages(db, clock);
        return new SmsFeature(outbox, sent, new SmsSending(sent, lines, guard, clock, events::smsOut), lines);
    }

    /** The CRM's {@code sms.send}: the same fields as the API; its answer is the message as queued. */
    public void commands(SyncFeature sync) {
        sync.take("sms.send", args -> SmsService.send(sending, args, "crm"));
    }

    public SmsSending sending() {
        return sending;
    }

    public void routes(HttpRouting.Builder r) {
        r.get("/api/sms", (req, res) -> Json.ok(res, latest()));
        r.post("/api/sms", (req, res) -> SmsService.post(sending, req, res));
        r.register("/api/sms/sent", new SmsService(sent, sending));
        r.register("/api/ussd", new UssdService(lines));
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

    @Override
    public void close() {
        sending.close();
    }
}
