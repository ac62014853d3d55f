package io.branchline.box.backup;

import io.branchline.box.config.ConfigLoader;
import io.branchline.box.store.DataDirLock;
import io.branchline.box.store.Database;
import io.branchline.box.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * branchline restore: puts a checked backup in place of the box's database (and, when asked, its
 * configuration). Only while the box is stopped (it holds the data folder); the database it replaces is kept
 * beside it in {@code before-restore-<time>/}, so that a restore is never the end of anything. A backup from
 * an older version is fine (the next start migrates it forward); one from a newer schema is refused.
 */
public final class Restorer {
    /** What was restored, and where the replaced files went. */
    public record Outcome(BackupArchive.Contents contents, Path keptAt, boolean configRestored) {
    }

    private Restorer() {
    }

    public static Outcome restore(Path archive, Path dataDir, Path config, boolean withConfig, Clock clock)
            throws IOException {
        DataDirLock lock;
        try {
            lock = DataDirLock.take(dataDir);
        } catch (StoreException e) {
            throw new BackupException(e.getMessage() + " (stop the box first: sudo systemctl stop branchline)");
        }
        try (lock) {
            Path staging = Files.createTempDirectory(dataDir, ".restore-");
            try {
                BackupArchive.Contents c = BackupArchive.unpack(archive, staging);
                String newest = Database.newestSchemaVersion();
                if (!c.schemaVersion().isEmpty() && newer(c.schemaVersion(), newest)) {
                    throw new BackupException(archive + ": made by a newer box (schema " + c.schemaVersion()
                            + "; this one knows up to " + newest + "): restore it with that version");
                }
                Path stagedConfig = staging.resolve(BackupArchive.CONFIG);
                if (withConfig) {
                    if (!c.hasConfig()) {
                        throw new BackupException("--with-config: this backup holds no configuration");
                    }
                    ConfigLoader.load(stagedConfig); // refused here, naming the field, before anything moves
                }
                String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(clock.instant());
                Path kept = dataDir.resolve("before-restore-" + stamp);
                Files.createDirectories(kept);
                for (String suffix : new String[] {"", "-wal", "-shm"}) {
                    Path f = dataDir.resolve(Database.FILE + suffix);
                    if (Files.exists(f)) {
                        Files.move(f, kept.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                    }
                }
                try {
                    Files.move(staging.resolve(BackupArchive.DATABASE), dataDir.resolve(Database.FILE),
                            StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    putBack(kept, dataDir); // never a folder without its database
                    throw e;
                }
                io.branchline.box.store.DataDirOwner.give(dataDir); // the box's, not root's, when root restores
                if (withConfig) {
                    if (Files.exists(config)) {
                        Files.copy(config, kept.resolve(config.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                    }
                    Path tmp = config.resolveSibling("." + config.getFileName() + ".restoring");
                    Files.copy(stagedConfig, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
                    if (Files.exists(config)) {
                        Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(config));
                    }
                    Files.move(tmp, config, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
                return new Outcome(c, kept, withConfig);
            } finally {
                try (var left = Files.list(staging)) {
                    for (Path p : left.toList()) {
                        Files.deleteIfExists(p);
                    }
                }
                Files.deleteIfExists(staging);
            }
        }
    }

    private static void putBack(Path kept, Path dataDir) throws IOException {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Path f = kept.resolve(Database.FILE + suffix);
            if (Files.exists(f)) {
                Files.move(f, dataDir.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    /** A version this box cannot read is newer than any it knows. */
    static boolean newer(String version, String than) {
        return io.branchline.box.store.Database.newerSchema(version, than);
    }
}
