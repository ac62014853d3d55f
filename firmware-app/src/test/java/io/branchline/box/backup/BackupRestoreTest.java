package io.branchline.box.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.box.cli.CliRun;
import io.branchline.box.store.DataDirLock;
import io.branchline.box.store.Database;
import io.branchline.box.sync.Outbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * branchline backup while the box writes, and branchline restore: every row acknowledged before the backup
 * began comes back, the database passes SQLite's integrity check, and a damaged, altered or foreign file is
 * refused with nothing changed.
 */
class BackupRestoreTest {
    @TempDir
    Path dir;

    private static CliRun.Result cli(String... args) {
        return CliRun.run(args);
    }

    private Path config() throws Exception {
        Path f = dir.resolve("branchline.yaml");
        Files.writeString(f, "box:\n  id: branch-7\nhttp:\n  port: 8080\n");
        return f;
    }

    @Test
    void aBackupTakenWhileTheBoxWritesRestoresEveryAcknowledgedRow() throws Exception {
        Path data = dir.resolve("data");
        Path backup = dir.resolve("b.zip");
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        int ackedBeforeBackup;
        try (DataDirLock box = DataDirLock.take(data); Database db = Database.open(data)) {
            Outbox outbox = new Outbox(db, Clock.systemUTC());
            Thread writer = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 200_000 && !stop.get(); i++) {
                    outbox.add("call", "key-" + i, "{\"n\":" + i + ",\"pad\":\"" + "x".repeat(200) + "\"}");
                    acknowledged.incrementAndGet(); // committed (synchronous=FULL) when add returns
                }
            });
            while (acknowledged.get() < 2_000) {
                Thread.sleep(5);
            }
            ackedBeforeBackup = acknowledged.get();
            CliRun.Result made = cli("backup", "--data-dir", data.toString(), "--config", config().toString(), "--out",
                    backup.toString());
            int ackedAfterBackup = acknowledged.get();
            stop.set(true);
            writer.join();
            assertEquals(0, made.code(), made.err());
            assertTrue(made.out().contains("backup written: " + backup), made.out());
            assertTrue(ackedAfterBackup > ackedBeforeBackup, "the box kept writing during the backup");
            System.out.printf("backup during writes: %d rows acknowledged before it began, %d by its end%n",
                    ackedBeforeBackup, ackedAfterBackup);
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)));

        Path restored = dir.resolve("restored");
        Path newConfig = dir.resolve("restored.yaml");
        CliRun.Result r = cli("restore", "--from", backup.toString(), "--data-dir", restored.toString(), "--config", newConfig.toString(),
                "--with-config");
        assertEquals(0, r.code(), r.err());
        assertEquals("ok", Database.integrityOf(restored.resolve(Database.FILE)));
        try (Database db = Database.open(restored)) {
            int rows = new Outbox(db, Clock.systemUTC()).backlog();
            assertTrue(rows >= ackedBeforeBackup, rows + " rows restored, " + ackedBeforeBackup + " acknowledged before");
            for (int i = 0; i < ackedBeforeBackup; i += 97) {
                String key = "key-" + i;
                assertEquals(1, (int) db.with(dsl -> dsl.fetchCount(dsl.selectFrom("outbox").where("idempotency_key = ?", key))),
                        key);
            }
        }
        assertTrue(Files.readString(newConfig).contains("branch-7"));
    }

    @Test
    void restoreWaitsForTheBoxToStopAndKeepsTheDatabaseItReplaces() throws Exception {
        Path data = dir.resolve("data");
        try (Database db = Database.open(data)) {
            new Outbox(db, Clock.systemUTC()).add("call", "old-1", "{}");
        }
        Path backup = dir.resolve("b.zip");
        assertEquals(0, cli("backup", "--data-dir", data.toString(), "--config", dir.resolve("none.yaml").toString(),
                "--out", backup.toString()).code());
        try (Database db = Database.open(data)) {
            new Outbox(db, Clock.systemUTC()).add("call", "after-backup", "{}");
        }
        try (DataDirLock running = DataDirLock.take(data)) {
            CliRun.Result refused = cli("restore", "--from", backup.toString(), "--data-dir", data.toString());
            assertEquals(1, refused.code());
            assertTrue(refused.err().contains("another box is using the data folder")
                    && refused.err().contains("stop the box first") && refused.err().contains("nothing was changed"),
                    refused.err());
        }
        CliRun.Result r = cli("restore", "--from", backup.toString(), "--data-dir", data.toString());
        assertEquals(0, r.code(), r.err());
        try (Database db = Database.open(data)) {
            assertEquals(1, new Outbox(db, Clock.systemUTC()).backlog(), "as the backup had it");
        }
        Path kept;
        try (var list = Files.list(data)) {
            kept = list.filter(p -> p.getFileName().toString().startsWith("before-restore-")).findFirst().orElseThrow();
        }
        try (Database db = Database.open(kept)) {
            assertEquals(2, new Outbox(db, Clock.systemUTC()).backlog(), "the replaced database, whole");
        }
        CliRun.Result noConfig = cli("restore", "--from", backup.toString(), "--data-dir", data.toString(), "--with-config");
        assertEquals(1, noConfig.code());
        assertTrue(noConfig.err().contains("--with-config: this backup holds no configuration"), noConfig.err());
    }

    @Test
    void aDamagedAlteredOrForeignFileIsRefusedWithNothingChanged() throws Exception {
        Path data = dir.resolve("data");
        try (Database db = Database.open(data)) {
            new Outbox(db, Clock.systemUTC()).add("call", "k", "{}");
        }
        Path good = dir.resolve("good.zip");
        assertEquals(0, cli("backup", "--data-dir", data.toString(), "--config", config().toString(), "--out",
                good.toString()).code());
        String before = BackupArchive.sha256(data.resolve(Database.FILE));

        Path altered = rewrite(good, "altered.zip", (name, body) -> {
            if (name.equals("branchline.db")) {
                body[body.length - 100] ^= 1;
            }
            return body;
        });
        assertRefused(altered, data, "branchline.db does not match its SHA-256 in the manifest");
        Path slip = rewrite(good, "slip.zip", (name, body) -> body, "../../etc/cron.d/x");
        assertRefused(slip, data, "holds ../../etc/cron.d/x, which no backup of the box holds");
        Path noManifest = dir.resolve("nomanifest.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(noManifest))) {
            z.putNextEntry(new ZipEntry("branchline.db"));
            z.write(Files.readAllBytes(data.resolve(Database.FILE)));
        }
        assertRefused(noManifest, data, "no manifest.json");
        Path text = Files.writeString(dir.resolve("notes.zip"), "not a zip at all");
        assertRefused(text, data, "no manifest.json");
        assertRefused(dir.resolve("missing.zip"), data, "no backup file at");
        Path bad = rewrite(good, "badconfig.zip", (name, body) -> name.equals("branchline.yaml")
                ? "http:\n  idle-minutes: 0\n".getBytes(StandardCharsets.UTF_8) : body);
        Path fixed = fixSums(bad);
        CliRun.Result r = cli("restore", "--from", fixed.toString(), "--data-dir", data.toString(), "--config", dir.resolve("c.yaml").toString(),
                "--with-config");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("http.idle-minutes") && r.err().contains("nothing was changed"), r.err());
        assertEquals(before, BackupArchive.sha256(data.resolve(Database.FILE)), "the database untouched throughout");
        assertFalse(Files.exists(dir.resolve("c.yaml")));
        try (var list = Files.list(data)) {
            assertTrue(list.noneMatch(p -> p.getFileName().toString().startsWith(".restore-")
                    || p.getFileName().toString().startsWith("before-restore-")), "nothing left behind");
        }
    }

    @Test
    void aBackupFromANewerBoxIsRefusedAndOneFromThisBoxRestores() throws Exception {
        Path data = dir.resolve("newer");
        try (Database db = Database.open(data)) {
            // As a later version leaves it: one more migration recorded than this build knows.
            db.with(dsl -> dsl.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type,"
                    + " script, checksum, installed_by, installed_on, execution_time, success) SELECT"
                    + " max(installed_rank) + 1, '999', 'from the future', 'SQL', 'V999__future.sql', 0, '', '', 0, 1"
                    + " FROM flyway_schema_history"));
        }
        Path backup = dir.resolve("newer.zip");
        assertEquals(0, cli("backup", "--data-dir", data.toString(), "--out", backup.toString()).code());
        Path target = dir.resolve("target");
        CliRun.Result r = cli("restore", "--from", backup.toString(), "--data-dir", target.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("made by a newer box (schema 999; this one knows up to " + Database.newestSchemaVersion()),
                r.err());
        assertFalse(Files.exists(target.resolve(Database.FILE)), "nothing restored");
        assertTrue(Restorer.newer("999", "18") && !Restorer.newer("9", "18") && !Restorer.newer("18", "18")
                && Restorer.newer("not-a-version", "18"), "versions compare as numbers, not text");
    }

    @Test
    void backupRefusesAMissingDatabaseAndAnExistingTarget() throws Exception {
        CliRun.Result none = cli("backup", "--data-dir", dir.resolve("nothing").toString(), "--out", dir.resolve("x.zip").toString());
        assertEquals(1, none.code());
        assertTrue(none.err().contains("no database at"), none.err());
        Path data = dir.resolve("data");
        Database.open(data).close();
        Path exists = Files.writeString(dir.resolve("exists.zip"), "keep me");
        CliRun.Result r = cli("backup", "--data-dir", data.toString(), "--out", exists.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--out: " + exists + " exists"), r.err());
        assertEquals("keep me", Files.readString(exists));
        assertEquals(2, cli("restore").code(), "no file named");
    }

    private void assertRefused(Path archive, Path data, String why) {
        CliRun.Result r = cli("restore", "--from", archive.toString(), "--data-dir", data.toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.err().contains(why) && r.err().contains("nothing was changed"), r.err());
    }

    interface Edit {
        byte[] apply(String name, byte[] body);
    }

    private Path rewrite(Path from, String to, Edit edit, String... extra) throws Exception {
        Path out = dir.resolve(to);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(from));
             ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(out))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                z.putNextEntry(new ZipEntry(e.getName()));
                z.write(edit.apply(e.getName(), in.readAllBytes()));
            }
            for (String name : extra) {
                z.putNextEntry(new ZipEntry(name));
                z.write(new byte[] {1});
            }
        }
        return out;
    }

    /** The same archive with its manifest's sums recomputed: a well-formed backup whose contents are bad. */
    private Path fixSums(Path from) throws Exception {
        java.util.Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(from))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                files.put(e.getName(), in.readAllBytes());
            }
        }
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var manifest = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(files.get("manifest.json"));
        var sums = (com.fasterxml.jackson.databind.node.ObjectNode) manifest.get("sha256");
        for (String name : new String[] {"branchline.db", "branchline.yaml"}) {
            sums.put(name, java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(files.get(name))));
        }
        files.put("manifest.json", mapper.writeValueAsBytes(manifest));
        Path out = dir.resolve("fixed-" + from.getFileName());
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(out))) {
            for (var f : files.entrySet()) {
                z.putNextEntry(new ZipEntry(f.getKey()));
                z.write(f.getValue());
            }
        }
        return out;
    }
}
