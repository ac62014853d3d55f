package io.branchline.box.line;

import io.branchline.box.store.SeenHardware;
import io.branchline.box.web.Json;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code /api/hardware}: every modem and SIM the box has ever seen, with the line and the first and last
 * time. {@code curl http://127.0.0.1:8080/api/hardware}
 */
public final class SeenService implements HttpService {
    private final SeenHardware seen;

    public SeenService(SeenHardware seen) {
        this.seen = seen;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Json.ok(res, seen.all());
    }
}
