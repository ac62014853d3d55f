package io.branchline.box.line;

import io.branchline.box.web.Json;
import io.branchline.hw.line.Line;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/sims}: the SIM each line is on, its slot, prefix and counters (calls today, calls in the
 * rotation window), the rotation policy and the slots that failed a switch; and the call-rate warnings.
 * <pre>
 * curl http://127.0.0.1:8080/api/sims
 * curl http://127.0.0.1:8080/api/sims/warnings
 * </pre>
 */
public final class SimsService implements HttpService {
    /** One line's SIM as the API shows it. */
    public record SimView(String line, int slot, String iccid, String number, String prefix, int callsToday,
                          int callsInWindow, long windowMinutes, String rotation, List<Integer> rotationSlots,
                          Set<Integer> failedSlots) {
    }

    private final LineRegistry lines;
    private final Map<String, LineSims> sims;
    private final CallCounts counts;
    private final FrequentCallWarnings warnings;
    private final Clock clock;

    public SimsService(LineRegistry lines, Map<String, LineSims> sims, CallCounts counts,
                       FrequentCallWarnings warnings, Clock clock) {
        this.lines = lines;
        this.sims = sims;
        this.counts = counts;
        this.warnings = warnings;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list).get("/warnings", (req, res) -> Json.ok(res, warnings.recent()));
    }

    private void list(ServerRequest req, ServerResponse res) {
        List<SimView> out = new ArrayList<>();
        var today = LocalDate.now(clock).atStartOfDay(clock.getZone()).toInstant();
        for (Line l : lines.all()) {
            LineSims ls = sims.get(l.id());
            var id = l.snapshot().identity();
            if (ls == null || id.iccid().isEmpty()) {
                continue;
            }
            RotationPolicy p = ls.policy();
            out.add(new SimView(l.id(), ls.currentSlot(), id.iccid(), id.ownNumber().isEmpty() ? ls.configuredNumber()
                    : id.ownNumber(), ls.prefix(), counts.since(id.iccid(), today),
                    counts.since(id.iccid(), clock.instant().minus(p.window())), p.window().toMinutes(),
                    p.kind().name().toLowerCase().replace('_', '-'), p.slots(), ls.failedSlots()));
        }
        Json.ok(res, out);
    }
}
