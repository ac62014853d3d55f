package io.branchline.box.web;

import io.helidon.http.Status;

/**
 * A request the box answers with a 4xx, thrown where the handler finds it (a body over its limit, an empty
 * body) and answered in the JSON error shape by the server's error handler.
 */
public final class HttpProblem extends RuntimeException {
    private final Status status;
    private final String field;

    public HttpProblem(Status status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public Status status() {
        return status;
    }

    /** The input at fault, or null. */
    public String field() {
        return field;
    }
}
