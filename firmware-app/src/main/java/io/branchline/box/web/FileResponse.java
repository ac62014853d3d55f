package io.branchline.box.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends a file with HTTP range requests (RFC 9110 §14), so that a browser's audio player can seek in a long
 * recording without downloading it first: one range per request, which is what players ask for.
 */
public final class FileResponse {
    private static final Pattern RANGE = Pattern.compile("^bytes=(\\d*)-(\\d*)$");

    private FileResponse() {
    }

    /** A byte position of a Range header; one past any file's size (beyond 2^63) reads as the largest. */
    private static long position(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    public static void send(ServerRequest req, ServerResponse res, Path file, String contentType) throws IOException {
        long size = Files.size(file);
        long from = 0;
        long to = size - 1;
        boolean partial = false;
        var header = req.headers().first(HeaderNames.RANGE);
        if (header.isPresent()) {
            Matcher m = RANGE.matcher(header.get().trim());
            if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
                unsatisfiable(res, size);
                return;
            }
            if (m.group(1).isEmpty()) {
                from = Math.max(0, size - position(m.group(2)));
            } else {
                from = position(m.group(1));
                if (!m.group(2).isEmpty()) {
                    to = Math.min(to, position(m.group(2)));
                }
            }
            if (from >= size || from > to) {
                unsatisfiable(res, size);
                return;
            }
            partial = true;
        }
        long length = to - from + 1;
        res.header(HeaderNames.ACCEPT_RANGES, "bytes");
        res.header(HeaderNames.CONTENT_TYPE, contentType);
        res.header(HeaderNames.CONTENT_LENGTH, String.valueOf(length));
        if (partial) {
            res.status(Status.PARTIAL_CONTENT_206);
            res.header(HeaderNames.CONTENT_RANGE, "bytes " + from + "-" + to + "/" + size);
        }
        try (InputStream in = Files.newInputStream(file); OutputStream out = res.outputStream()) {
            in.skipNBytes(from);
            byte[] buf = new byte[65536];
            long left = length;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    break;
                }
                out.write(buf, 0, n);
                left -= n;
            }
        }
    }

    private static void unsatisfiable(ServerResponse res, long size) {
        res.status(Status.REQUESTED_RANGE_NOT_SATISFIABLE_416);
        res.header(HeaderNames.CONTENT_RANGE, "bytes */" + size);
        res.send();
    }
}
