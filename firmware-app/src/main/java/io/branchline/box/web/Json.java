package io.branchline.box.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;

/** The one JSON mapper of the box, and the way handlers answer with JSON. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Json() {
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
            byte[] bytes = MAPPER.writeValueAsBytes(body);
            res.status(status);
            res.header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
            res.send(bytes);
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
