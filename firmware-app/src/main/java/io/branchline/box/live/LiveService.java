package io.branchline.box.live;

import io.branchline.box.access.AccessFilter;
import io.branchline.box.access.Role;
import io.branchline.box.access.Viewer;
import io.branchline.box.web.Json;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * {@code GET /api/live}: the dashboard's state as server-sent events. A {@code state} event with the lines
 * (not for agents), the calls up now and the agents, each as the viewer may see them and masked through
 * the same view as every answer, at once and then within moments of every change; a comment every 15 s
 * keeps proxies from closing it. A stream lasts {@link #LIFETIME_MS} (the browser's EventSource then comes
 * back through the door again, so a revoked token or a changed role takes effect), ends when its session
 * does, and at most {@link #MAX_STREAMS} run at once. {@code ?once=true} sends the first event and ends (for
 * scripts and tests).
 */
public final class LiveService implements HttpService {
    public static final int MAX_STREAMS = 32;
    static final long LIFETIME_MS = 5 * 60_000;
    static final long HEARTBEAT_MS = 15_000;
    /** Changes that come together (a call ringing on two lines) go out as one event. */
    static final long GATHER_MS = 30;

    private final Changes changes;
    private final Supplier<List<?>> lines;
    private final Function<Viewer, List<?>> calls;
    private final Function<Viewer, List<?>> agents;
    private final Predicate<ServerRequest> stillSignedIn;
    private final AtomicInteger streams = new AtomicInteger();

    /** {@code calls} and {@code agents}: what a viewer may see of each (their scope). */
    public LiveService(Changes changes, Supplier<List<?>> lines, Function<Viewer, List<?>> calls,
                       Function<Viewer, List<?>> agents, Predicate<ServerRequest> stillSignedIn) {
        this.changes = changes;
        this.lines = lines;
        this.calls = calls;
        this.agents = agents;
        this.stillSignedIn = stillSignedIn;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::stream);
    }

    private void stream(ServerRequest req, ServerResponse res) {
        if (streams.incrementAndGet() > MAX_STREAMS) {
            streams.decrementAndGet();
            Json.error(res, Status.SERVICE_UNAVAILABLE_503, null, "too many live pages open on this box (at most "
                    + MAX_STREAMS + ")");
            return;
        }
        Viewer viewer = AccessFilter.viewer(req);
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        boolean once = req.query().first("once").map(Boolean::parseBoolean).orElse(false);
        long end = System.currentTimeMillis() + LIFETIME_MS;
        try (OutputStream out = res.outputStream()) {
            String last = null;
            long seen = -1;
            while (System.currentTimeMillis() < end && !changes.closed()) {
                if (!stillSignedIn.test(req)) {
                    write(out, "event: signed-out\ndata: {}\n\n");
                    return;
                }
                String now = Json.viewed(state(viewer));
                if (!now.equals(last)) {
                    write(out, "event: state\ndata: " + now + "\n\n");
                    last = now;
                    if (once) {
                        return;
                    }
                } else {
                    write(out, ": still here\n\n");
                }
                long v = changes.after(seen, HEARTBEAT_MS);
                if (v != seen) {
                    Thread.sleep(GATHER_MS);
                    seen = changes.version();
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // the page went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            streams.decrementAndGet();
        }
    }

    private Map<String, Object> state(Viewer v) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("lines", v.role() == Role.AGENT ? List.of() : lines.get());
        s.put("calls", calls.apply(v));
        s.put("agents", agents.apply(v));
        return s;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
