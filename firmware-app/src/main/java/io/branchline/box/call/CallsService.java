package io.branchline.box.call;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.access.AccessFilter;
import io.branchline.box.access.Viewer;
import io.branchline.box.store.TimeText;
import io.branchline.box.web.Json;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.List;

/**
 * {@code /api/calls}: click-to-call, hang-up, call state, the call records and the daily figures.
 * <pre>
 * curl -X POST -d '{"agent":"1001","number":"13900000005"}' http://127.0.0.1:8080/api/calls
 * curl http://127.0.0.1:8080/api/calls/ID
 * curl -X DELETE http://127.0.0.1:8080/api/calls/ID
 * curl 'http://127.0.0.1:8080/api/calls?active=true'
 * curl 'http://127.0.0.1:8080/api/calls?from=2026-11-22&to=2026-11-23&agent=1001&result=connected&page=1'
 * curl 'http://127.0.0.1:8080/api/calls/figures?date=2026-11-22&by=agent'
 * curl -o call.wav http://127.0.0.1:8080/api/calls/ID/recording      (Range requests welcome)
 * curl -X POST http://127.0.0.1:8080/api/calls/ID/takeover           (the agent takes over: F2)
 * </pre>
 * (each with the CLI's token or a session: {@code -H "Authorization: Bearer $(cat DATA/cli-token)"}). Every
 * answer holds only the calls of the agents the viewer sees (an agent their own, a supervisor their team's);
 * another's call is "no call", as if it did not exist. {@code "redial": CALL_ID} in place of a number calls
 * that call's customer again, so that an agent who sees numbers masked can still call back.
 */
public final class CallsService implements HttpService {
    private static final List<String> RESULTS = List.of("connected", "not-connected", "normal", "cancelled", "cut",
            "busy", "no_answer", "rejected", "no_carrier", "failed", "missed", "refused",
            "abandoned");

    private final CallControl calls;
    private final Clock clock;

    private final InboundCalls inbound;

    private final io.branchline.box.agent.SeatStates seats;

    public CallsService(CallControl calls, InboundCalls inbound, io.branchline.box.agent.SeatStates seats, Clock clock) {
        this.inbound = inbound;
        this.seats = seats;
        this.calls = calls;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::start)
                .get("/", this::list)
                .get("/figures", this::figures)
                .get("/export", this::export)
                .get("/{id}", this::one)
                .get("/{id}/recording", this::recording)
                .post("/{id}/takeover", this::takeover)
                .post("/{id}/answer", this::answer)
                .delete("/{id}", this::hangUp);
    }

    /** The call's recording, a stereo WAV (left: agent, right: customer), with range requests for seeking. */
    private void recording(ServerRequest req, ServerResponse res) throws IOException {
        String id = req.path().pathParameters().get("id");
        Viewer viewer = AccessFilter.viewer(req);
        Optional<CallView> call = calls.records().find(id).filter(c -> viewer.sees(c.agent()));
        if (call.isEmpty()) {
            boolean live = calls.get(id).filter(c -> viewer.sees(c.agent())).isPresent();
            Json.error(res, Status.NOT_FOUND_404, "id", live ? "call " + id + " has not ended yet; its recording"
                    + " is available once it has" : "no call " + id);
            return;
        }
        if (!call.get().connected()) {
            Json.error(res, Status.NOT_FOUND_404, "id", "call " + id + " was not answered, so nothing was recorded");
            return;
        }
        var stored = calls.media().recordings().find(id).filter(r -> r.present() && java.nio.file.Files.exists(r.file()));
        if (stored.isEmpty() || !call.get().hasRecording()) {
            String why = calls.media().recordings().find(id).filter(r -> r.state().equals("deleted"))
                    .map(r -> "its recording was removed by the disk quota or retention after the CRM received it")
                    .orElse("it has no recording: " + call.get().detail());
            Json.error(res, Status.NOT_FOUND_404, "id", "call " + id + " was answered, but " + why);
            return;
        }
        res.header(io.helidon.http.HeaderNames.CONTENT_DISPOSITION, "inline; filename=\"" + id + ".wav\"");
        io.branchline.box.web.FileResponse.send(req, res, stored.get().file(), "audio/wav");
    }

    /** An inbound call that rings is answered: the agent's side joins as if the handset were lifted. */
    private void answer(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        Viewer viewer = AccessFilter.viewer(req);
        // A call offered to several agents at once is visible to each of them while it rings.
        Optional<CallView> call = visible(req, id).or(() -> calls.get(id)
                .filter(c -> inbound.offeredTo(id).stream().anyMatch(viewer::sees)));
        if (call.isEmpty()) {
            Json.error(res, Status.NOT_FOUND_404, "id", "no active call " + id);
        } else if (!inbound.answer(id, viewer::sees)) {
            Json.error(res, Status.CONFLICT_409, "id", "call " + id + " is not an inbound call that rings now");
        } else {
            Json.ok(res, calls.get(id).orElse(call.get()));
        }
    }

    private void takeover(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        Optional<CallMedia.Takeover> t = visible(req, id).isPresent() ? calls.takeover(id) : Optional.empty();
        if (t.isEmpty()) {
            Json.error(res, Status.NOT_FOUND_404, "id", "no active call " + id);
            return;
        }
        switch (t.get().kind()) {
            case TAKEN_OVER -> Json.ok(res, Map.of("call", id, "atMs", t.get().atMs(),
                    "takeover", "the agent's voice now reaches the customer"));
            case ALREADY_JOINED -> Json.ok(res, Map.of("call", id, "atMs", t.get().atMs(),
                    "takeover", "no opening message was playing; the voices are joined"));
            case NO_MEDIA -> Json.error(res, Status.CONFLICT_409, "id", "call " + id + " is not connected yet, or"
                    + " its voice could not be opened");
        }
    }

    private void start(ServerRequest req, ServerResponse res) {
        JsonNode body = Json.bodyOrNull(req);
        if (body == null || !body.isObject()) {
            Json.error(res, Status.BAD_REQUEST_400, null, "the body must be JSON: {\"agent\": ..., \"number\": ...}");
            return;
        }
        try {
            CallRequest request = CallRequest.fromJson(redial(req, body));
            if (!AccessFilter.viewer(req).sees(request.agent())) {
                throw CallRequestException.invalid("agent", "you may place calls as the agents you see (an agent as"
                        + " themself), not as \"" + io.branchline.box.store.StoredText.printable(
                        String.valueOf(request.agent())) + "\"");
            }
            Json.send(res, Status.CREATED_201, calls.start(request));
        } catch (CallRequestException e) {
            Json.error(res, e.conflict() ? Status.CONFLICT_409 : Status.BAD_REQUEST_400, e.field(), e.getMessage());
        }
    }

    /**
     * {@code POST /api/lines/{id}/test-call {"number": ...}}: a test call from exactly that line, as it is
     * set now (its SIM, its prefix), for the installer checking a SIM or a modem.
     */
    void testCall(ServerRequest req, ServerResponse res) {
        JsonNode body = Json.bodyOrNull(req);
        if (body == null || !body.isObject() || !body.path("number").isTextual()) {
            Json.error(res, Status.BAD_REQUEST_400, "number", "the body must be JSON: {\"number\": \"13800138000\"}");
            return;
        }
        String line = req.path().pathParameters().get("id");
        try {
            Json.send(res, Status.CREATED_201, calls.testCall(line, body.get("number").asText()));
        } catch (CallRequestException e) {
            Status status = e.field() != null && e.field().equals("line") ? Status.NOT_FOUND_404
                    : e.conflict() ? Status.CONFLICT_409 : Status.BAD_REQUEST_400;
            Json.error(res, status, e.field(), e.getMessage());
        }
    }

    /**
     * The body with {@code redial}'s customer number in place of a number: the number never leaves the
     * box, so an agent who sees it masked calls it all the same.
     */
    private JsonNode redial(ServerRequest req, JsonNode body) {
        if (!body.has("redial")) {
            return body;
        }
        if (body.has("number") || !body.get("redial").isTextual()) {
            throw CallRequestException.invalid("redial", "give the id of an earlier call, instead of a number");
        }
        String id = body.get("redial").asText();
        CallView earlier = visible(req, id).orElseThrow(() -> CallRequestException.invalid("redial", "no call \""
                + io.branchline.box.store.StoredText.printable(id) + "\" to call again"));
        com.fasterxml.jackson.databind.node.ObjectNode copy = ((com.fasterxml.jackson.databind.node.ObjectNode) body)
                .deepCopy();
        copy.remove("redial");
        copy.put("number", earlier.numberGiven());
        if (!copy.has("customerId") && earlier.customerId() != null) {
            copy.put("customerId", earlier.customerId());
        }
        return copy;
    }

    /** The call, live or recorded, when the viewer may see it. */
    private Optional<CallView> visible(ServerRequest req, String id) {
        Viewer viewer = AccessFilter.viewer(req);
        return calls.get(id).or(() -> calls.records().find(id)).filter(c -> viewer.sees(c.agent()));
    }

    private void one(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        visible(req, id).ifPresentOrElse(v -> Json.ok(res, v),
                () -> Json.error(res, Status.NOT_FOUND_404, "id", "no call \"" + id + "\""));
    }

    private void hangUp(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        if (visible(req, id).isEmpty()) {
            Json.error(res, Status.NOT_FOUND_404, "id", "no call \"" + id + "\"");
        } else if (calls.hangUp(id)) {
            Json.send(res, Status.ACCEPTED_202, calls.get(id).orElseThrow());
        } else if (calls.get(id).isPresent()) {
            Json.error(res, Status.CONFLICT_409, "id", "call " + id + " has already ended");
        } else {
            Json.error(res, Status.NOT_FOUND_404, "id", "no call \"" + id + "\"");
        }
    }

    /** The most rows one export holds: 200 pages of records. */
    static final int EXPORT_PAGES = 200;

    /**
     * The records as CSV (UTF-8 with a byte-order mark, so that Excel reads the Chinese), with the list's
     * filters, newest first, at most {@link #EXPORT_PAGES} pages; a cell a spreadsheet would run as a formula
     * is quoted as text (OWASP's CSV injection advice). Masked numbers stay masked: it goes out through the
     * same view as every answer.
     */
    private void export(ServerRequest req, ServerResponse res) {
        try {
            StringBuilder csv = new StringBuilder("\uFEFFid,started,agent,line,sim_number,customer,mode,state,answered,"
                    + "ended,wait_ms,talk_ms,end_cause,recording\r\n");
            for (int page = 1; page <= EXPORT_PAGES; page++) {
                List<CallView> rows = calls.records().list(filter(req, AccessFilter.viewer(req), page));
                for (CallView c : rows) {
                    csv.append(String.join(",", cell(c.id()), cell(c.startedAt()), cell(c.agent()), cell(c.line()),
                            cell(c.simNumber()), cell(c.numberGiven()), cell(c.mode()), cell(c.state()),
                            cell(c.answeredAt()), cell(c.endedAt()), String.valueOf(c.waitMs()),
                            String.valueOf(c.talkMs()), cell(c.endCause()), c.hasRecording() ? "yes" : "no"))
                            .append("\r\n");
                }
                if (rows.size() < CallRecords.PAGE_SIZE) {
                    break;
                }
            }
            res.header(io.helidon.http.HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"calls-"
                    + LocalDate.now(clock) + ".csv\"");
            Json.text(res, "text/csv; charset=utf-8", csv.toString());
        } catch (CallRequestException e) {
            Json.error(res, Status.BAD_REQUEST_400, e.field(), e.getMessage());
        }
    }

    private static String cell(String v) {
        if (v == null) {
            return "";
        }
        String s = !v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
        return s.matches(".*[\",\r\n].*") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** The list's filters from the query, within the viewer's scope. */
    private CallRecords.Filter filter(ServerRequest req, Viewer viewer, int page) {
        Optional<String> result = param(req, "result");
        if (result.isPresent() && !RESULTS.contains(result.get())) {
            throw CallRequestException.invalid("result", "must be one of " + RESULTS);
        }
        Optional<String> direction = param(req, "direction");
        if (direction.isPresent() && !List.of(CallView.OUT, CallView.IN).contains(direction.get())) {
            throw CallRequestException.invalid("direction", "must be out or in");
        }
        return new CallRecords.Filter(param(req, "from").map(d -> instant("from", d)),
                param(req, "to").map(d -> instant("to", d)), param(req, "agent"), param(req, "number"), result,
                page, scope(viewer), direction);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Viewer viewer = AccessFilter.viewer(req);
        if (param(req, "active").map(Boolean::parseBoolean).orElse(false)) {
            Json.ok(res, calls.active(viewer));
            return;
        }
        try {
            int page = param(req, "page").map(p -> parsePage(p)).orElse(1);
            Json.ok(res, calls.records().list(filter(req, viewer, page)));
        } catch (CallRequestException e) {
            Json.error(res, Status.BAD_REQUEST_400, e.field(), e.getMessage());
        }
    }

    /** The longest range of days the figures cover in one answer. */
    static final int MAX_DAYS = 92;

    /**
     * The sales briefing (销售简报) for a day, or the days from {@code date} to {@code until}: rows per agent or
     * per SIM, and for each hour of the day (the box's time zone) the calls and those answered, for the
     * page's chart.
     */
    private void figures(ServerRequest req, ServerResponse res) {
        try {
            LocalDate day = param(req, "date").map(d -> date("date", d)).orElse(LocalDate.now(clock));
            LocalDate last = param(req, "until").map(d -> date("until", d)).orElse(day);
            if (last.isBefore(day) || last.isAfter(day.plusDays(MAX_DAYS - 1))) {
                throw CallRequestException.invalid("until", "must be from date to " + MAX_DAYS + " days after it");
            }
            String by = param(req, "by").orElse("agent");
            if (!by.equals("agent") && !by.equals("sim")) {
                throw CallRequestException.invalid("by", "must be agent or sim");
            }
            String from = TimeText.of(day.atStartOfDay(clock.getZone()).toInstant());
            String to = TimeText.of(last.plusDays(1).atStartOfDay(clock.getZone()).toInstant());
            Optional<java.util.Set<String>> scope = scope(AccessFilter.viewer(req));
            int[] hourCalls = new int[24];
            int[] hourAnswered = new int[24];
            for (CallRecords.Start s : calls.records().starts(from, to, scope)) {
                int h = Instant.parse(s.startedAt()).atZone(clock.getZone()).getHour();
                hourCalls[h]++;
                hourAnswered[h] += s.answered() ? 1 : 0;
            }
            List<Map<String, Integer>> hours = new java.util.ArrayList<>();
            for (int h = 0; h < 24; h++) {
                hours.add(Map.of("hour", h, "calls", hourCalls[h], "connected", hourAnswered[h]));
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("date", day.toString());
            out.put("until", last.toString());
            out.put("by", by);
            out.put("rows", calls.records().figures(from, to, by.equals("sim"), scope));
            out.put("hours", hours);
            // Per agent, the time in each seat state (示闲 / 示忙 / 小休中) within the range, in milliseconds.
            out.put("seatTimes", seats.times(from, to, scope));
            Json.ok(res, out);
        } catch (CallRequestException e) {
            Json.error(res, Status.BAD_REQUEST_400, e.field(), e.getMessage());
        }
    }

    /** The agents whose records the viewer sees; empty for all. */
    private static Optional<java.util.Set<String>> scope(Viewer v) {
        return v.scope().all() ? Optional.empty() : Optional.of(v.scope().agents());
    }

    private static Optional<String> param(ServerRequest req, String name) {
        return req.query().first(name).asOptional().filter(v -> !v.isEmpty());
    }

    private static int parsePage(String p) {
        try {
            int n = Integer.parseInt(p);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the error
        }
        throw CallRequestException.invalid("page", "must be a whole number from 1");
    }

    /** A day (YYYY-MM-DD, the box's time zone) or an ISO instant, as the stored UTC text to compare with. */
    private String instant(String field, String value) {
        try {
            Instant at = value.length() == 10 ? date(field, value).atStartOfDay(clock.getZone()).toInstant()
                    : Instant.parse(value);
            if (at.isBefore(Instant.EPOCH) || at.isAfter(Instant.parse("9998-12-31T00:00:00Z"))) {
                throw CallRequestException.invalid(field, "must be between 1970 and 9998");
            }
            return TimeText.of(at);
        } catch (java.time.DateTimeException | ArithmeticException e) {
            throw CallRequestException.invalid(field, "must be a day (2026-11-22) or an instant (2026-11-22T08:00:00Z)");
        }
    }

    /** A day between 1970 and 9998: the records' times are stored as text with four-digit years. */
    private static LocalDate date(String field, String value) {
        try {
            LocalDate d = LocalDate.parse(value);
            if (d.getYear() < 1970 || d.getYear() > 9998) {
                throw CallRequestException.invalid(field, "must be a day between 1970 and 9998");
            }
            return d;
        } catch (java.time.DateTimeException e) {
            throw CallRequestException.invalid(field, "must be a day like 2026-11-22");
        }
    }

}
