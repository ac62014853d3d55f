package io.branchline.box.store;

import javax.sql.DataSource;

/**
 * What the box asks of its migration tool (Flyway): the version a database is at, how many migrations are
 * still to run, and running them. Only JDK types cross it, so that the tool can live in a class loader of its
 * own and be unloaded once the schema is current (see {@link MigrationTool}).
 */
public interface SchemaMigrator {
    /** The result of a migration: how many ran, and the version reached ("" when none ran). */
    record Result(int applied, String version) {
    }

    /** The version the database is at, "" for an empty one. */
    String current(DataSource db, String... locations);

    int pending(DataSource db, String... locations);

    Result migrate(DataSource db, String... locations);
}
