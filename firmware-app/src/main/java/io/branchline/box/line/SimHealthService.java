package io.branchline.box.line;

import io.branchline.box.store.SavedSettings;
import io.branchline.box.store.StoredText;
import io.branchline.box.web.Json;
import io.branchline.box.web.SettingsRoutes;
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
        return SettingsRoutes.load(saved, SCOPE, SimHealth.Settings.class, SimHealth.Settings.DEFAULT);
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
        SettingsRoutes.serve(r, "/api/settings/sim-protection", saved, SCOPE, SimHealth.Settings.class,
                SimHealth.Settings.DEFAULT, SimHealth.Settings::check);
    }
}
