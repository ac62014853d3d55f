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
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new StoreException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
        }
        Path file = dataDir.resolve("branchline.db");
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
        cfg.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        cfg.setBusyTimeout(5000);
        cfg.enforceForeignKeys(true);
        SQLiteDataSource ds = new SQLiteDataSource(cfg);
        ds.setUrl("jdbc:sqlite:" + file);
        try {
            var result = Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
            if (result.migrationsExecuted > 0) {
                log.info("event=schema-migrated file={} applied={} version={}", file, result.migrationsExecuted,
                        result.targetSchemaVersion);
            }
            return new Database(file, ds.getConnection());
        } catch (SQLException | RuntimeException e) {
            throw new StoreException("cannot open database " + file + ": " + e.getMessage(), e);
        }
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
