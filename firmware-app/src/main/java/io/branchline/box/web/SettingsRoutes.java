package io.branchline.box.web;

import io.branchline.box.access.AccessFilter;
import io.branchline.box.config.ConfigException;
import io.branchline.box.config.ConfigLoader;
import io.branchline.box.store.SavedSettings;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import java.util.function.Consumer;

/**
 * A settings record an admin saves over its defaults (the re-dial rules, SIM protection), kept in
 * {@link SavedSettings} under one scope: GET answers what is in use; PUT reads the body strictly as the record,
 * checks it ({@code check} throws IllegalArgumentException "field: reason") and saves it with who did.
 */
public final class SettingsRoutes {
    private SettingsRoutes() {
    }

    /** The saved record, else {@code dflt}. */
    public static <T> T load(SavedSettings saved, String scope, Class<T> type, T dflt) {
        return saved.find(scope).map(s -> Json.MAPPER.convertValue(s.value(), type)).orElse(dflt);
    }

    public static <T> void serve(HttpRouting.Builder r, String path, SavedSettings saved, String scope, Class<T> type,
                                 T dflt, Consumer<T> check) {
        r.get(path, (req, res) -> Json.ok(res, load(saved, scope, type, dflt)));
        r.put(path, (req, res) -> {
            var b = Json.bodyOrNull(req);
            if (b == null || !b.isObject()) {
                Json.error(res, Status.BAD_REQUEST_400, "body", "must be a JSON object");
                return;
            }
            try {
                T s = ConfigLoader.section(b, type);
                check.accept(s);
                saved.save(scope, s, AccessFilter.viewer(req).actor());
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
