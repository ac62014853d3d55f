package io.branchline.box.line;

import io.branchline.box.access.AccessFilter;
import io.branchline.box.config.ConfigException;
import io.branchline.box.config.ConfigLoader;
import io.branchline.box.store.SavedSettings;
import io.branchline.box.store.StoredText;
import io.branchline.box.web.Json;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import java.util.Map;

/**
 * SIM protection's routes: {@code GET /api/sims/health} (each SIM's score, why, its calls and talk minutes
 * today, its rest), {@code DELETE /api/sims/{iccid}/rest} (an admin ends a rest early), and
 * {@code /api/settings/sim-protection} (daily caps, the score under which a SIM rests, for how long).
 */
public final class SimHealthService {
    public static final String SCOPE = "sim-protection";

    private SimHealthService() {
    }

    public static SimHealth.Settings settings(SavedSettings saved) {
        return saved.find(SCOPE).map(s -> Json.MAPPER.convertValue(s.value(), SimHealth.Settings.class))
                .orElse(SimHealth.Settings.DEFAULT);
    }

    public static void routes(HttpRouting.Builder r, SimHealth health, LineRegistry lines, Sims sims,
                              SavedSettings saved) {
        r.get("/api/sims/health", (req, res) -> Json.ok(res, health.scores(lines, sims)));
        r.delete("/api/sims/{iccid}/rest", (req, res) -> {
            String iccid = req.path().pathParameters().get("iccid");
            if (health.endRest(iccid)) {
                Json.ok(res, Map.of("ended", iccid));
            } else {
                Json.error(res, Status.NOT_FOUND_404, "iccid", "SIM " + StoredText.printable(iccid) + " is not resting");
            }
        });
        r.get("/api/settings/sim-protection", (req, res) -> Json.ok(res, settings(saved)));
        r.put("/api/settings/sim-protection", (req, res) -> {
            var b = Json.bodyOrNull(req);
            if (b == null || !b.isObject()) {
                Json.error(res, Status.BAD_REQUEST_400, "body", "must be a JSON object");
                return;
            }
            try {
                SimHealth.Settings s = ConfigLoader.section(b, SimHealth.Settings.class);
                s.check();
                saved.save(SCOPE, s, AccessFilter.viewer(req).actor());
                Json.ok(res, s);
            } catch (ConfigException e) {
                Json.error(res, Status.BAD_REQUEST_400, e.field().orElse("body"), e.reason());
            } catch (IllegalArgumentException e) {
                String m = e.getMessage();
                Json.error(res, Status.BAD_REQUEST_400, m.substring(0, Math.max(0, m.indexOf(':'))), m);
            }
        });
    }
}
