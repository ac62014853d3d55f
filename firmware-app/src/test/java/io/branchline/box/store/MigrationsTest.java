package io.branchline.box.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled migrations as the box reads them without Flyway, against what Flyway itself finds. */
class MigrationsTest {
    @TempDir
    Path dir;

    @Test
    void theNewestVersionIsTheOneFlywayFindsAndEveryFileIsCounted() throws Exception {
        var all = Flyway.configure().dataSource("jdbc:sqlite::memory:", null, null)
                .locations("classpath:db/migration").load().info().all();
        assertEquals(all[all.length - 1].getVersion().getVersion(), Migrations.newest());
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            assertEquals(files.count(), Migrations.versions().size(), "every V<n>__*.sql in the folder");
        }
    }

    @Test
    void aDatabaseAtTheNewestVersionOpensWithoutMigratingAndAnOlderOneIsUpgraded() {
        Database.open(dir).close(); // first start: migrated by Flyway
        assertEquals(Migrations.newest(), Database.schemaVersionOf(dir.resolve(Database.FILE)));
        try (Database again = Database.open(dir)) {
            assertEquals(0, (int) again.with(dsl -> dsl.fetchCount(io.branchline.box.store.schema.Tables.OUTBOX)));
        }
        // A box one version behind: the newest migration's row removed and its effect undone, as before it ran.
        try (Database db = Database.open(dir)) {
            db.with(dsl -> {
                dsl.execute("DELETE FROM flyway_schema_history WHERE version = '" + Migrations.newest() + "'");
                dsl.execute("DROP TABLE sms_out_part");
                dsl.execute("DROP TABLE sms_out");
                return null;
            });
        }
        assertTrue(!Database.schemaVersionOf(dir.resolve(Database.FILE)).equals(Migrations.newest()));
        try (Database upgraded = Database.open(dir)) {
            assertEquals(Migrations.newest(), Database.schemaVersionOf(dir.resolve(Database.FILE)));
            assertEquals(2, (int) upgraded.with(dsl -> dsl.fetchCount(dsl.selectFrom("sqlite_master")
                    .where("name in ('sms_out', 'sms_out_part')"))), "the missing migration ran again");
        }
    }
}
