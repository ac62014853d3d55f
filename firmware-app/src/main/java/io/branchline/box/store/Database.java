package io.branchline.box.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteCommitListener;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteUpdateListener;

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
        Path file = dataDir.resolve(FILE);
        String newest = Migrations.newest();
        if (Files.isRegularFile(file) && !newest.isEmpty() && schemaVersionOf(file).equals(newest)) {
            // Already at this build's newest version (every start but the first after an upgrade).
            try {
                return new Database(file, dataSource(file).getConnection());
            } catch (SQLException e) {
                throw new StoreException("cannot open database " + file + ": " + e.getMessage(), e);
            }
        }
        return open(dataDir, "classpath:" + Migrations.FOLDER);
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
            MigrationTool.with(flyway -> {
                boolean upgrade;
                try {
                    upgrade = flyway.pending(dataSource(file), locations) > 0 && Files.exists(file)
                            && Files.size(file) > 0 && !flyway.current(dataSource(file), locations).isEmpty();
                    if (upgrade) {
                        migrateACopy(flyway, file, locations);
                    } else {
                        migrated(file, flyway.migrate(dataSource(file), locations));
                    }
                } catch (SQLException | java.io.IOException e) {
                    throw new StoreException("cannot open database " + file + ": " + e.getMessage(), e);
                }
                return null;
            });
            return new Database(file, dataSource(file).getConnection());
        } catch (SQLException | RuntimeException e) {
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

    private static void migrated(Path file, SchemaMigrator.Result result) {
        if (result.applied() > 0) {
            log.info("event=schema-migrated file={} applied={} version={}", file, result.applied(), result.version());
        }
    }

    /**
     * The upgrade: the write-ahead log folded into the file, a consistent copy made by SQLite, the migrations run
     * on the copy, and the copy moved over the file in one rename. Until that rename the file is untouched.
     */
    private static void migrateACopy(SchemaMigrator flyway, Path file, String... locations)
            throws SQLException, java.io.IOException {
        Path copy = file.resolveSibling(FILE + ".migrating");
        Files.deleteIfExists(copy);
        try (Connection c = dataSource(file).getConnection(); var st = c.createStatement()) {
            st.execute("PRAGMA wal_checkpoint(TRUNCATE)"); // the -wal left empty, so it belongs to no file
            st.execute("VACUUM INTO '" + copy.toAbsolutePath().toString().replace("'", "''") + "'");
        }
        String before = flyway.current(dataSource(file), locations);
        try {
            migrated(file, flyway.migrate(dataSource(copy), locations));
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

    /**
     * Runs {@code listener} each time a transaction that inserted rows into {@code table} commits, whoever
     * wrote them: the outbox's sender waits on this instead of asking the table twice a second. The listener
     * runs in the committing thread while the commit completes, so it must only signal (a reader it wakes
     * waits for {@link #with}'s lock and so sees the rows).
     */
    public void afterInsertsInto(String table, Runnable listener) {
        SQLiteConnection sqlite;
        try {
            sqlite = connection.unwrap(SQLiteConnection.class);
        } catch (SQLException e) {
            throw new StoreException("database " + file + " cannot report commits: " + e.getMessage(), e);
        }
        AtomicBoolean inserted = new AtomicBoolean();
        sqlite.addUpdateListener((type, database, changed, rowId) -> {
            if (type == SQLiteUpdateListener.Type.INSERT && changed.equalsIgnoreCase(table)) {
                inserted.set(true);
            }
        });
        sqlite.addCommitListener(new SQLiteCommitListener() {
            @Override
            public void onCommit() {
                if (inserted.getAndSet(false)) {
                    listener.run();
                }
            }

            @Override
            public void onRollback() {
                inserted.set(false);
            }
        });
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
        vacuumInto(connection, file, target);
    }

    /**
     * The same consistent copy of the database file {@code source}, from another process than the box's (the
     * CLI's backup): SQLite's locking keeps it whole while the box goes on writing.
     */
    public static void copyFile(Path source, Path target) {
        try (Connection c = plain(source)) {
            vacuumInto(c, source, target);
        } catch (SQLException e) {
            throw new StoreException("cannot read database " + source + ": " + e.getMessage(), e);
        }
    }

    private static void vacuumInto(Connection c, Path source, Path target) {
        try (var st = c.createStatement()) {
            st.execute("VACUUM INTO '" + target.toAbsolutePath().toString().replace("'", "''") + "'");
        } catch (SQLException e) {
            throw new StoreException("cannot copy database " + source + " to " + target + ": " + e.getMessage(), e);
        }
    }

    /** SQLite's {@code PRAGMA integrity_check} of a database file: "ok", or what is wrong. */
    public static String integrityOf(Path f) {
        try (Connection c = plain(f); var st = c.createStatement(); var rs = st.executeQuery("PRAGMA integrity_check")) {
            StringBuilder b = new StringBuilder();
            while (rs.next() && b.length() < 500) {
                b.append(b.length() == 0 ? "" : "; ").append(rs.getString(1));
            }
            return b.toString();
        } catch (SQLException e) {
            return "not a database: " + e.getMessage();
        }
    }

    /** The schema version a database file was migrated to ("" for none). */
    public static String schemaVersionOf(Path f) {
        try (Connection c = plain(f); var st = c.createStatement(); var rs = st.executeQuery(
                "SELECT version FROM flyway_schema_history WHERE success = 1 AND version IS NOT NULL"
                        + " ORDER BY installed_rank DESC LIMIT 1")) {
            return rs.next() ? rs.getString(1) : "";
        } catch (SQLException e) {
            return "";
        }
    }

    /** Whether schema {@code version} is later than {@code than} (numbers, as Flyway compares them). */
    public static boolean newerSchema(String version, String than) {
        return Migrations.newer(version, than);
    }

    /** The newest schema version this build's migrations reach. */
    public static String newestSchemaVersion() {
        return Migrations.newest();
    }

    /**
     * A connection of its own, not read-only: SQLite cannot open a WAL database read-only while its -wal and
     * -shm files are missing (a stopped box), and these only read anyway.
     */
    private static Connection plain(Path f) throws SQLException {
        if (!Files.isRegularFile(f)) {
            throw new SQLException("no such file");
        }
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setBusyTimeout(10_000);
        return cfg.createConnection("jdbc:sqlite:" + f);
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
