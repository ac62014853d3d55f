package io.branchline.box.web;

import io.helidon.webserver.http.ServerRequest;
import java.util.OptionalInt;

/** The {@code page} of a listing request: 1 when not given; empty when it is not a page number (refused). */
public final class PageNumber {
    public static final int MAX = 100_000;

    private PageNumber() {
    }

    public static OptionalInt of(ServerRequest req) {
        try {
            int n = Integer.parseInt(req.query().first("page").orElse("1"));
            return n >= 1 && n <= MAX ? OptionalInt.of(n) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
