package io.branchline.box.web;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Request bodies read with a cap while they arrive, so that a chunked upload without a length cannot fill
 * the box's memory: over the cap is HTTP 413, whatever the body claimed to be.
 */
public final class RequestBody {
    /** The cap of JSON bodies: 10,000 numbers for the guard's lists fit. */
    public static final int JSON_LIMIT = 1 << 20;

    private RequestBody() {
    }

    /** The body, at most {@code limit} bytes; empty when there is none. {@code field} names it in a 413. */
    public static byte[] bytes(ServerRequest req, int limit, String field, String what) {
        if (req.headers().contentLength().orElse(0) > limit) {
            throw tooLarge(limit, field, what);
        }
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] body = in.readNBytes(limit);
            if (body.length == limit && in.read() >= 0) {
                throw tooLarge(limit, field, what);
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpProblem tooLarge(int limit, String field, String what) {
        return new HttpProblem(Status.REQUEST_ENTITY_TOO_LARGE_413, field, "is larger than "
                + (limit >= 1 << 20 ? (limit >> 20) + " MB" : (limit >> 10) + " KB") + (what.isEmpty() ? "" : "; " + what));
    }
}
