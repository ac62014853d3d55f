package io.branchline.box.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;

/**
 * The one JSON mapper of the box, and the way handlers answer with JSON. Every answer passes through what
 * the access filter set for the request on this thread ({@link #viewFor}): that is where customer numbers
 * are masked for a masked viewer, for every route at once.
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final ThreadLocal<AnswerView> VIEW = new ThreadLocal<>();

    private Json() {
    }

    /**
     * What the request on this thread may see of every answer (null: all of it); set by the access filter
     * before each request's handler runs, and left for the error handlers after it.
     */
    public static void viewFor(AnswerView view) {
        VIEW.set(view);
    }

    /** A text answer (a modem's wire log), through the same view as the JSON ones. */
    public static void text(ServerResponse res, String body) {
        text(res, "text/plain; charset=utf-8", body);
    }

    /** A text answer of another type (a CSV export), through the same view. */
    public static void text(ServerResponse res, String contentType, String body) {
        AnswerView view = VIEW.get();
        res.header(HeaderNames.CONTENT_TYPE, contentType);
        res.send(view == null ? body : view.text(body));
    }

    /**
     * The request's JSON body, or null when it is empty or not JSON (each handler says what it wanted); one
     * over {@link RequestBody#JSON_LIMIT} is refused with 413 before it is read whole.
     */
    public static com.fasterxml.jackson.databind.JsonNode bodyOrNull(io.helidon.webserver.http.ServerRequest req) {
        byte[] body = RequestBody.bytes(req, RequestBody.JSON_LIMIT, "body", "");
        if (body.length == 0) {
            return null;
        }
        try {
            return MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    public static void send(ServerResponse res, Status status, Object body) {
        try {
            var view = VIEW.get();
            byte[] bytes = view == null ? MAPPER.writeValueAsBytes(body)
                    : MAPPER.writeValueAsBytes(view.json(MAPPER.valueToTree(body)));
            res.status(status);
            res.header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
            res.send(bytes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON for " + body.getClass().getSimpleName(), e);
        }
    }

    /** {@code body} as JSON text, as the request on this thread may see it (a live event, written by hand). */
    public static String viewed(Object body) {
        AnswerView view = VIEW.get();
        try {
            return view == null ? MAPPER.writeValueAsString(body) : MAPPER.writeValueAsString(view.json(
                    MAPPER.valueToTree(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON for " + body.getClass().getSimpleName(), e);
        }
    }

    public static void ok(ServerResponse res, Object body) {
        send(res, Status.OK_200, body);
    }

    /** An error body that names what was wrong: {"error": "...", "field": "..."}. */
    public static void error(ServerResponse res, Status status, String field, String message) {
        send(res, status, field == null ? Map.of("error", message) : Map.of("error", message, "field", field));
    }
}
