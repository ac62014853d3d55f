package io.branchline.box.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The box's SQLite database in the data directory: WAL mode, {@code synchronous=FULL} so that a committed
 * row survives a power cut, migrations (db/migration/V*.sql, Flyway) applied at start-up.
 *
 * <p>One connection, used by one thread at a time: SQLite serialises writers anyway, and a single
 * connection keeps WAL checkpoints and busy handling simple on a small box.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final Path file;
    private final Connection connection;
    private final DSLContext dsl;

    private Database(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
        this.dsl = DSL.using(connection, SQLDialect.SQLITE, new Settings().withRenderSchema(false));
    }

    public static Database open(Path dataDir) {
        return open(dataDir, "classpath:db/migration");
    }

    /**
     * Opens (and migrates) the database with the migrations found at {@code locations}. An upgrade migrates a
     * copy and puts it in place only once every step has passed: a failed migration leaves the database as
     * the previous version left it, and that version still starts on it.
     */
    static Database open(Path dataDir, String... locations) {
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new StoreException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
        }
        Path file = dataDir.resolve(FILE);
        try {
            Flyway flyway = flyway(file, locations);
            int pending = flyway.info().pending().length;
            if (pending > 0 && Files.exists(file) && Files.size(file) > 0 && flyway.info().current() != null) {
                migrateACopy(file, locations);
            } else {
                migrated(file, flyway.migrate());
            }
            return new Database(file, dataSource(file).getConnection());
        } catch (SQLException | java.io.IOException | RuntimeException e) {
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("cannot open database " + file + ": " + e.getMessage(), e);
        }
    }

    public static final String FILE = "branchline.db";

    private static SQLiteDataSource dataSource(Path file) {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
        cfg.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        cfg.setBusyTimeout(5000);
        cfg.enforceForeignKeys(true);
        SQLiteDataSource ds = new SQLiteDataSource(cfg);
        ds.setUrl("jdbc:sqlite:" + file);
        return ds;
    }

    private static Flyway flyway(Path file, String... locations) {
        return Flyway.configure().dataSource(dataSource(file)).locations(locations).load();
    }

    private static void migrated(Path file, org.flywaydb.core.api.output.MigrateResult result) {
        if (result.migrationsExecuted > 0) {
            log.info("event=schema-migrated file={} applied={} version={}", file, result.migrationsExecuted,
                    result.targetSchemaVersion);
        }
    }

    /**
     * The upgrade: the write-ahead log folded into the file, a consistent copy made by SQLite, the migrations run
     * on the copy, and the copy moved over the file in one rename. Until that rename the file is untouched.
     */
    private static void migrateACopy(Path file, String... locations) throws SQLException, java.io.IOException {
        Path copy = file.resolveSibling(FILE + ".migrating");
        Files.deleteIfExists(copy);
        try (Connection c = dataSource(file).getConnection(); var st = c.createStatement()) {
            st.execute("PRAGMA wal_checkpoint(TRUNCATE)"); // the -wal left empty, so it belongs to no file
            st.execute("VACUUM INTO '" + copy.toAbsolutePath().toString().replace("'", "''") + "'");
        }
        String before = flyway(file, locations).info().current().getVersion().getVersion();
        try {
            migrated(file, flyway(copy, locations).migrate());
        } catch (RuntimeException e) {
            deleteWithJournals(copy);
            log.error("event=schema-migration-failed file={} version={} note=\"the database is as it was; the"
                    + " previous version of the box starts on it\"", file, before);
            throw new StoreException("the schema upgrade from version " + before + " failed (" + e.getMessage()
                    + "); the database is left as it was, and the previous version of the box starts on it", e);
        }
        try (Connection c = dataSource(copy).getConnection(); var st = c.createStatement()) {
            st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        Files.deleteIfExists(copy.resolveSibling(copy.getFileName() + "-wal"));
        Files.deleteIfExists(copy.resolveSibling(copy.getFileName() + "-shm"));
        Files.move(copy, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        // The old file's -wal is empty (checkpointed above) and its -shm is rebuilt: neither speaks for the new one.
        Files.deleteIfExists(file.resolveSibling(FILE + "-wal"));
        Files.deleteIfExists(file.resolveSibling(FILE + "-shm"));
    }

    private static void deleteWithJournals(Path f) throws java.io.IOException {
        Files.deleteIfExists(f);
        Files.deleteIfExists(f.resolveSibling(f.getFileName() + "-wal"));
        Files.deleteIfExists(f.resolveSibling(f.getFileName() + "-shm"));
    }

    public Path file() {
        return file;
    }

    /** Runs {@code work} alone on the connection; writes inside one call commit together. */
    public synchronized <T> T with(Function<DSLContext, T> work) {
        try {
            return dsl.transactionResult(cfg -> work.apply(cfg.dsl()));
        } catch (RuntimeException e) {
            throw new StoreException("database " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A consistent copy of the whole database in {@code target} (which must not exist), made by SQLite
     * itself ({@code VACUUM INTO}) while the box runs: the installer's backup.
     */
    public synchronized void copyTo(Path target) {
        String path = target.toAbsolutePath().toString();
        if (path.contains("'")) {
            throw new StoreException("a backup path with a quote: " + path, null);
        }
        try (var st = connection.createStatement()) {
            st.execute("VACUUM INTO '" + path + "'");
        } catch (SQLException e) {
            throw new StoreException("cannot copy database " + file + " to " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("event=database-close-failed file={} error=\"{}\"", file, e.getMessage());
        }
    }
}
