package io.branchline.box.sync;

import static io.branchline.box.store.schema.Tables.CRM_COMMAND;

import io.branchline.box.store.Database;
import io.branchline.box.store.TimeText;
import java.time.Clock;
import java.util.Optional;

/** The commands the box has executed, durable, so that none runs twice even across a restart. */
public final class CommandLog {
    /** What a command came to: done, rejected (bad type or fields) or failed, with the reason and a JSON result. */
    public record Outcome(String outcome, String reason, String resultJson) {
    }

    private final Database db;
    private final Clock clock;

    public CommandLog(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Optional<Outcome> find(String id) {
        return db.with(dsl -> dsl.selectFrom(CRM_COMMAND).where(CRM_COMMAND.ID.eq(id)).fetchOptional()
                .map(r -> new Outcome(r.getOutcome(), r.getReason(), r.getResult())));
    }

    public void record(String id, String type, Outcome o) {
        db.with(dsl -> dsl.insertInto(CRM_COMMAND).set(CRM_COMMAND.ID, id).set(CRM_COMMAND.TYPE, type)
                .set(CRM_COMMAND.RECEIVED_AT, TimeText.of(clock.instant())).set(CRM_COMMAND.OUTCOME, o.outcome())
                .set(CRM_COMMAND.REASON, o.reason()).set(CRM_COMMAND.RESULT, o.resultJson())
                .onConflictDoNothing().execute());
    }
}
