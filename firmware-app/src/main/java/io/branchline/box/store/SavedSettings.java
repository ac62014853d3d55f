package io.branchline.box.store;

import static io.branchline.box.store.schema.Tables.SAVED_SETTING;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.Optional;

/**
 * Settings changed from the admin page or the API, kept over the configuration file's: one JSON value per
 * scope ({@code line:desk-1001}, {@code crm}). The file stays what the installer wrote; removing a scope
 * here returns to it.
 */
public final class SavedSettings {
    /** A saved value and who saved it when. */
    public record Saved(JsonNode value, String changedBy, String changedAt) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The column's size: a setting that does not fit is refused, never cut. */
    public static final int MAX_CHARS = 8000;

    private final Database db;
    private final Clock clock;

    public SavedSettings(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Optional<Saved> find(String scope) {
        return db.with(dsl -> dsl.selectFrom(SAVED_SETTING).where(SAVED_SETTING.SCOPE.eq(scope)).fetchOptional())
                .map(r -> new Saved(read(r.getValue()), r.getChangedBy(), r.getChangedAt()));
    }

    /** Every saved value whose scope starts with {@code prefix} ({@code queue:}), by scope in order. */
    public java.util.SortedMap<String, Saved> list(String prefix) {
        java.util.SortedMap<String, Saved> out = new java.util.TreeMap<>();
        db.with(dsl -> dsl.selectFrom(SAVED_SETTING).where(SAVED_SETTING.SCOPE.startsWith(prefix)).fetch())
                .forEach(r -> out.put(r.getScope(), new Saved(read(r.getValue()), r.getChangedBy(), r.getChangedAt())));
        return out;
    }

    /** Saves {@code value} (a record or a tree) for {@code scope}, replacing what was there. */
    public Saved save(String scope, Object value, String by) {
        JsonNode tree = JSON.valueToTree(value);
        String text = tree.toString();
        if (text.length() > MAX_CHARS) {
            throw new IllegalArgumentException("the setting is " + text.length() + " characters; at most " + MAX_CHARS);
        }
        String at = TimeText.of(clock.instant());
        db.with(dsl -> dsl.insertInto(SAVED_SETTING).set(SAVED_SETTING.SCOPE, scope).set(SAVED_SETTING.VALUE, text)
                .set(SAVED_SETTING.CHANGED_BY, by).set(SAVED_SETTING.CHANGED_AT, at)
                .onConflict(SAVED_SETTING.SCOPE).doUpdate().set(SAVED_SETTING.VALUE, text)
                .set(SAVED_SETTING.CHANGED_BY, by).set(SAVED_SETTING.CHANGED_AT, at).execute());
        return new Saved(tree, by, at);
    }

    /** Back to the file's value; whether there was a saved one. */
    public boolean remove(String scope) {
        return db.with(dsl -> dsl.deleteFrom(SAVED_SETTING).where(SAVED_SETTING.SCOPE.eq(scope)).execute()) > 0;
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("saved setting is not JSON", e);
        }
    }
}
