package io.branchline.box.store.flyway;

import io.branchline.box.store.SchemaMigrator;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Flyway behind {@link SchemaMigrator}. Defined by {@code MigrationTool}'s own class loader, never by the
 * application's: Flyway's classes (about 400, and the metadata they keep) are then dropped with that loader
 * once the migrations have run.
 */
public final class FlywayMigrator implements SchemaMigrator {
    private Flyway flyway(DataSource db, String... locations) {
        // Flyway looks for its plugins and for the migrations through this loader (not the thread's).
        return Flyway.configure(FlywayMigrator.class.getClassLoader()).dataSource(db).locations(locations).load();
    }

    @Override
    public String current(DataSource db, String... locations) {
        MigrationInfo current = flyway(db, locations).info().current();
        return current == null || current.getVersion() == null ? "" : current.getVersion().getVersion();
    }

    @Override
    public int pending(DataSource db, String... locations) {
        return flyway(db, locations).info().pending().length;
    }

    @Override
    public Result migrate(DataSource db, String... locations) {
        MigrateResult r = flyway(db, locations).migrate();
        return new Result(r.migrationsExecuted, r.targetSchemaVersion == null ? "" : r.targetSchemaVersion);
    }
}
