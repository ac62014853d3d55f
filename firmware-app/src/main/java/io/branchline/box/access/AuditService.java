package io.branchline.box.access;

import io.branchline.box.web.Json;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/**
 * {@code /api/audit}: the audit log, newest first, a page of {@link AuditLog#PAGE}; {@code before=SEQ} for
 * the next page, {@code actor=NAME} for one account or token.
 */
public final class AuditService implements HttpService {
    private final AuditLog audit;

    public AuditService(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Optional<String> before = req.query().first("before").asOptional();
        Integer seq = null;
        if (before.isPresent()) {
            try {
                seq = Integer.parseInt(before.get());
            } catch (NumberFormatException e) {
                Json.error(res, Status.BAD_REQUEST_400, "before", "must be an entry's seq (a whole number)");
                return;
            }
        }
        Json.ok(res, audit.list(Optional.ofNullable(seq), req.query().first("actor").asOptional()));
    }
}
