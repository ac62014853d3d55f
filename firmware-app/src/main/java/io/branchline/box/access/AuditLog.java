package io.branchline.box.access;

import static io.branchline.box.store.schema.Tables.AUDIT_ENTRY;

import io.branchline.box.store.Database;
import io.branchline.box.store.StoredText;
import io.branchline.box.store.TimeText;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * Every change made through the API: who, when, what, from where and how it ended, newest first. Bodies
 * are not kept (they may hold passwords); the path and the route's meaning say what was done. The newest
 * {@link #KEEP} entries are kept.
 */
public final class AuditLog {
    public static final int KEEP = 100_000;
    public static final int PAGE = 100;

    private final Database db;
    private final Clock clock;
    private long writes;

    public AuditLog(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public record Entry(long seq, String at, String actor, String via, String remote, String method, String path,
                        int status, String what) {
    }

    public void record(Viewer who, String remote, String method, String path, int status, String what) {
        String at = TimeText.of(clock.instant());
        boolean trim;
        synchronized (this) {
            trim = ++writes % 1000 == 0;
        }
        db.with(dsl -> {
            dsl.insertInto(AUDIT_ENTRY).set(AUDIT_ENTRY.AT, at).set(AUDIT_ENTRY.ACTOR, cut(who.actor(), 48))
                    .set(AUDIT_ENTRY.VIA, who.via()).set(AUDIT_ENTRY.REMOTE, cut(remote, 64))
                    .set(AUDIT_ENTRY.METHOD, cut(method, 8)).set(AUDIT_ENTRY.PATH, cut(path, 256))
                    .set(AUDIT_ENTRY.STATUS, status).set(AUDIT_ENTRY.WHAT, cut(what, 256)).execute();
            if (trim) {
                dsl.deleteFrom(AUDIT_ENTRY).where(AUDIT_ENTRY.SEQ.le(DSL.select(DSL.max(AUDIT_ENTRY.SEQ).minus(KEEP))
                        .from(AUDIT_ENTRY))).execute();
            }
            return null;
        });
    }

    /** A page of entries older than {@code before} (all when empty), of one actor when given. */
    public List<Entry> list(Optional<Integer> before, Optional<String> actor) {
        Condition w = DSL.trueCondition();
        if (before.isPresent()) {
            w = w.and(AUDIT_ENTRY.SEQ.lt(before.get()));
        }
        if (actor.isPresent()) {
            w = w.and(AUDIT_ENTRY.ACTOR.eq(actor.get()));
        }
        Condition where = w;
        return db.with(dsl -> dsl.selectFrom(AUDIT_ENTRY).where(where).orderBy(AUDIT_ENTRY.SEQ.desc()).limit(PAGE)
                .fetch(r -> new Entry(r.getSeq(), r.getAt(), r.getActor(), r.getVia(), r.getRemote(), r.getMethod(),
                        r.getPath(), r.getStatus(), r.getWhat())));
    }

    /** Printable and bounded: a path or name an attacker chose is stored, never acted on. */
    private static String cut(String s, int max) {
        String p = StoredText.printable(s == null ? "" : s);
        return p.length() <= max ? p : p.substring(0, max - 1) + "…";
    }
}
