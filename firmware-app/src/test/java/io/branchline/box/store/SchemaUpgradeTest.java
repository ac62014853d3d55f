package io.branchline.box.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.box.sync.Outbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade migrates the schema forward; a migration that fails leaves the database byte for byte as the
 * previous version left it, and that version still opens it with every row.
 */
class SchemaUpgradeTest {
    @TempDir
    Path dir;

    private Path data() {
        return dir.resolve("data");
    }

    private Path migration(String name, String sql) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("next-" + name));
        Files.writeString(folder.resolve(name), sql);
        return folder;
    }

    private void rows(int n) {
        try (Database db = Database.open(data())) {
            Outbox outbox = new Outbox(db, Clock.systemUTC());
            for (int i = 0; i < n; i++) {
                outbox.add("call", "key-" + i, "{\"n\":" + i + "}");
            }
        }
    }

    private String sha256(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }

    @Test
    void aFailedMigrationLeavesTheDatabaseAsItWasAndThePreviousVersionStartsOnIt() throws Exception {
        rows(50);
        Path file = data().resolve(Database.FILE);
        String before = sha256(file);
        // The new version's first step passes, its second fails halfway: nothing of either may stay.
        Path next = migration("V900__add_a_table.sql", "CREATE TABLE new_thing (id INTEGER PRIMARY KEY);");
        Files.writeString(next.resolve("V901__broken.sql"), "INSERT INTO new_thing VALUES (1);\nALTER TABLE no_such_table ADD x INT;");
        StoreException e = assertThrows(StoreException.class,
                () -> Database.open(data(), "classpath:db/migration", "filesystem:" + next));
        assertTrue(e.getMessage().contains("left as it was, and the previous version of the box starts on it"), e.getMessage());
        assertEquals(before, sha256(file), "the database file is untouched");
        assertFalse(Files.exists(data().resolve(Database.FILE + ".migrating")), "the half-migrated copy is gone");
        try (Database db = Database.open(data())) {
            assertEquals(50, new Outbox(db, Clock.systemUTC()).backlog());
            assertEquals(0, (int) db.with(dsl -> dsl.fetchCount(dsl.selectFrom("sqlite_master").where("name = 'new_thing'"))));
        }
    }

    @Test
    void aGoodUpgradeMigratesForwardWithEveryRow() throws Exception {
        rows(20);
        Path next = migration("V900__add_a_table.sql", "CREATE TABLE new_thing (id INTEGER PRIMARY KEY);");
        try (Database db = Database.open(data(), "classpath:db/migration", "filesystem:" + next)) {
            assertEquals(20, new Outbox(db, Clock.systemUTC()).backlog());
            assertEquals(1, (int) db.with(dsl -> dsl.fetchCount(dsl.selectFrom("sqlite_master").where("name = 'new_thing'"))));
            db.with(dsl -> dsl.execute("INSERT INTO new_thing VALUES (7)"));
        }
        assertFalse(Files.exists(data().resolve(Database.FILE + ".migrating")));
        // And it opens again as it is, with nothing pending.
        try (Database db = Database.open(data(), "classpath:db/migration", "filesystem:" + next)) {
            assertEquals(1, (int) db.with(dsl -> dsl.fetchCount(dsl.selectFrom("new_thing"))));
            assertEquals("ok", db.with(dsl -> dsl.fetchValue("PRAGMA integrity_check")).toString());
        }
    }
}
