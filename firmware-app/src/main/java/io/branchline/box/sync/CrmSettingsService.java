package io.branchline.box.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.access.AccessFilter;
import io.branchline.box.config.BoxConfig;
import io.branchline.box.config.ConfigException;
import io.branchline.box.config.ConfigLoader;
import io.branchline.box.store.SavedSettings;
import io.branchline.box.web.Json;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/settings/crm}: the CRM servers, token and failover limits, saved over the file's and used from
 * the next start; the answer says what the running sync uses and whether a restart is needed. The token is
 * never shown, only whether one is set. A PUT gives the whole section (what it leaves out is the default),
 * except the token, which stays when none is given.
 * <pre>
 * curl -X PUT -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
 *      -d '{"private-url":"https://crm.branch.example/crm","box-token":"..."}' \
 *      http://127.0.0.1:8080/api/settings/crm
 * </pre>
 */
public final class CrmSettingsService implements HttpService {
    private static final Logger log = LoggerFactory.getLogger(CrmSettingsService.class);

    private final SavedSettings saved;
    private final BoxConfig.Crm file;
    private final BoxConfig.Crm inUse;
    private final boolean stubs;

    /** @param stubs whether the running sync talks to simulate mode's stand-in CRM servers */
    public CrmSettingsService(SavedSettings saved, BoxConfig.Crm file, BoxConfig.Crm inUse, boolean stubs) {
        this.saved = saved;
        this.file = file;
        this.inUse = inUse;
        this.stubs = stubs;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (req, res) -> Json.ok(res, view()))
                .put("/", this::change)
                .delete("/", (req, res) -> {
                    saved.remove(CrmSettings.SCOPE);
                    log.info("event=crm-settings-reset by={}", AccessFilter.viewer(req).actor());
                    Json.ok(res, view());
                });
    }

    private void change(ServerRequest req, ServerResponse res) {
        JsonNode b = Json.bodyOrNull(req);
        if (b == null || !b.isObject()) {
            Json.error(res, Status.BAD_REQUEST_400, "body", "must be a JSON object of the CRM settings");
            return;
        }
        BoxConfig.Crm next;
        try {
            next = ConfigLoader.section(b, CrmSettings.class).onto(CrmSettings.atStart(file, saved));
        } catch (ConfigException e) {
            Json.error(res, Status.BAD_REQUEST_400, e.field().orElse("body"), e.reason());
            return;
        }
        String by = AccessFilter.viewer(req).actor();
        saved.save(CrmSettings.SCOPE, new CrmSettings(next.privateUrl(), next.publicUrl(), next.boxToken(),
                next.caFile(), next.failuresBeforeFailover(), next.failoverWindowSeconds(), next.returnHour()), by);
        log.info("event=crm-settings-saved by={} private={} public={}", by, next.privateUrl(), next.publicUrl());
        Json.ok(res, view());
    }

    private Map<String, Object> view() {
        Optional<SavedSettings.Saved> s = saved.find(CrmSettings.SCOPE);
        BoxConfig.Crm now = CrmSettings.atStart(file, saved);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("settings", CrmSettings.shown(now));
        out.put("boxTokenSet", !now.boxToken().isEmpty());
        out.put("from", s.isPresent() ? "page" : "file");
        out.put("changedBy", s.map(SavedSettings.Saved::changedBy).orElse(""));
        out.put("changedAt", s.map(SavedSettings.Saved::changedAt).orElse(""));
        out.put("inUse", stubs ? Map.of("simulated", true) : CrmSettings.shown(inUse));
        out.put("restartNeeded", !now.equals(inUse) && !(stubs && !now.configured()));
        return out;
    }
}
