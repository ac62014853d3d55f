package io.branchline.box.ivr;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.access.AccessFilter;
import io.branchline.box.config.ConfigException;
import io.branchline.box.config.ConfigLoader;
import io.branchline.box.store.StoredText;
import io.branchline.box.web.Json;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code /api/switchboard}: its voice menus ({@code /menus/{id}}), its queues ({@code /queues/{id}}) and the
 * office hours ({@code /hours}). PUT saves an item under its id (new or in place of the old) once it passes
 * every check with the rest; a refusal names the field or key. DELETE refuses what something still points to.
 * <pre>
 * curl -X PUT -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"name":"总机",
 *      "prompt":"PROMPT_ID","keys":{"1":{"type":"queue","target":"loans"},"0":{"type":"distribute"}},
 *      "fallback":{"type":"distribute"}}' http://127.0.0.1:8080/api/switchboard/menus/main
 * curl -X PUT ... -d '{"name":"贷款","strategy":"longest-idle","maxWaitSeconds":90,"announceEvery":30,
 *      "overflow":{"type":"hangup"}}' http://127.0.0.1:8080/api/switchboard/queues/loans
 * curl -X PUT ... -d '{"enabled":true,"weekly":{"mon":["09:00-12:00","13:30-18:00"]},
 *      "holidays":["2026-10-01..2026-10-07"],"workdays":["2026-10-11"],"closedMenu":"closed"}'
 *      http://127.0.0.1:8080/api/switchboard/hours
 * </pre>
 */
public final class SwitchboardService {
    private SwitchboardService() {
    }

    public static void routes(HttpRouting.Builder r, Switchboard sb) {
        Menus menus = sb.menus();
        Queues queues = sb.queues();
        r.register("/api/switchboard/menus", new Items<>("menu", Menu.class, Menu::withId, menus::list,
                id -> menus.find(id).map(Object.class::cast), menus::save, menus::delete));
        r.register("/api/switchboard/queues", new Items<>("queue", Queue.class, Queue::withId, queues::list,
                id -> queues.find(id).map(Object.class::cast), queues::save, queues::delete));
        r.get("/api/switchboard/hours", (req, res) -> Json.ok(res, hours(sb)));
        r.put("/api/switchboard/hours", (req, res) -> saving(req, res, OfficeHours.class, h -> {
            sb.saveHours(h, AccessFilter.viewer(req).actor());
            Json.ok(res, hours(sb));
        }));
    }

    private static Map<String, Object> hours(Switchboard sb) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("hours", sb.hours());
        out.put("openNow", sb.openNow());
        sb.savedHours().ifPresent(s -> {
            out.put("changedBy", s.changedBy());
            out.put("changedAt", s.changedAt());
        });
        return out;
    }

    /** Parses the body strictly as {@code type}, then hands it on; a refusal names the field. */
    private static <T> void saving(ServerRequest req, ServerResponse res, Class<T> type, Consumer<T> then) {
        JsonNode b = Json.bodyOrNull(req);
        if (b == null || !b.isObject()) {
            Json.error(res, Status.BAD_REQUEST_400, "body", "must be a JSON object");
            return;
        }
        try {
            then.accept(ConfigLoader.section(b, type));
        } catch (ConfigException e) {
            Json.error(res, Status.BAD_REQUEST_400, e.field().orElse("body"), e.reason());
        } catch (MenuException e) {
            Json.error(res, Status.BAD_REQUEST_400, e.field(), e.getMessage());
        }
    }

    /** One kind of switchboard item kept by id: list, one, save, delete. */
    private record Items<T>(String what, Class<T> type, BiFunction<T, String, T> withId,
                            java.util.function.Supplier<List<?>> list, Function<String, Optional<Object>> find,
                            BiFunction<T, String, Object> save, Consumer<String> delete) implements HttpService {
        @Override
        public void routing(HttpRules rules) {
            rules.get("/", (req, res) -> Json.ok(res, list.get()))
                    .get("/{id}", (req, res) -> {
                        String id = req.path().pathParameters().get("id");
                        find.apply(id).ifPresentOrElse(s -> Json.ok(res, s), () -> Json.error(res,
                                Status.NOT_FOUND_404, "id", "no " + what + " \"" + StoredText.printable(id) + "\""));
                    })
                    .put("/{id}", (req, res) -> saving(req, res, type, item -> Json.ok(res,
                            save.apply(withId.apply(item, req.path().pathParameters().get("id")),
                                    AccessFilter.viewer(req).actor()))))
                    .delete("/{id}", (req, res) -> {
                        String id = req.path().pathParameters().get("id");
                        try {
                            delete.accept(id);
                            Json.ok(res, Map.of("deleted", id));
                        } catch (MenuException e) {
                            Json.error(res, e.missing() ? Status.NOT_FOUND_404 : Status.CONFLICT_409, e.field(),
                                    e.getMessage());
                        }
                    });
        }
    }
}
