package io.branchline.box.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.branchline.box.Version;
import io.branchline.box.store.Database;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A backup of the box (branchline backup): one zip, mode 0600 since it holds every customer number and the
 * box's CRM token, with the database as SQLite copied it consistently while the box ran
 * ({@code VACUUM INTO}, one read transaction: what was committed when it began, nothing half-written), the
 * configuration file, and a manifest with each file's SHA-256 and the schema version. Reading one back checks
 * everything before anything is restored: only the three names, each under its size limit, the sums, and
 * SQLite's own integrity check.
 */
public final class BackupArchive {
    static final String MANIFEST = "manifest.json";
    static final String DATABASE = "branchline.db";
    static final String CONFIG = "branchline.yaml";
    static final String FORMAT = "branchline-backup/1";
    /** Larger than any box's database (years of calls are a few hundred MB); a bound, not a goal. */
    static final long MAX_DATABASE_BYTES = 16L << 30;
    static final long MAX_SMALL_BYTES = 1L << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a backup holds, as its manifest says. */
    public record Contents(String boxVersion, String schemaVersion, String createdAt, long databaseBytes,
                           boolean hasConfig) {
    }

    private BackupArchive() {
    }

    /** Writes the backup of the database in {@code dataDir} (and {@code config}, when it exists) to {@code out}. */
    public static Contents make(Path dataDir, Path config, Path out, Clock clock) throws IOException {
        Path dbFile = dataDir.resolve(Database.FILE);
        if (!Files.isRegularFile(dbFile)) {
            throw new BackupException("no database at " + dbFile + " (--data-dir names the box's data folder)");
        }
        if (Files.exists(out)) {
            throw new BackupException("--out: " + out + " exists; name a new file");
        }
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path copy = Files.createTempFile(parent, ".branchline-db-", ".tmp");
        Files.delete(copy); // VACUUM INTO wants a file that does not exist
        Path partial = parent.resolve("." + out.getFileName() + ".partial");
        try {
            Database.copyFile(dbFile, copy);
            String schema = Database.schemaVersionOf(copy);
            Map<String, String> sums = new LinkedHashMap<>();
            sums.put(DATABASE, sha256(copy));
            boolean withConfig = config != null && Files.isRegularFile(config);
            if (withConfig) {
                sums.put(CONFIG, sha256(config));
            }
            ObjectNode manifest = JSON.createObjectNode();
            manifest.put("format", FORMAT);
            manifest.put("boxVersion", Version.current());
            manifest.put("schemaVersion", schema);
            manifest.put("createdAt", clock.instant().toString());
            manifest.put("databaseBytes", Files.size(copy));
            ObjectNode files = manifest.putObject("sha256");
            sums.forEach(files::put);
            Files.deleteIfExists(partial);
            Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(partial))) {
                put(zip, MANIFEST, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
                putFile(zip, DATABASE, copy);
                if (withConfig) {
                    putFile(zip, CONFIG, config);
                }
            }
            try (var ch = java.nio.channels.FileChannel.open(partial, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true); // on disk before it has its name: a power cut leaves no half backup under it
            }
            Files.move(partial, out, StandardCopyOption.ATOMIC_MOVE);
            return new Contents(Version.current(), schema, manifest.get("createdAt").asText(), Files.size(copy), withConfig);
        } finally {
            Files.deleteIfExists(copy);
            Files.deleteIfExists(partial);
        }
    }

    /**
     * Unpacks and checks {@code archive} into {@code folder} (database, and configuration when there is one);
     * throws {@link BackupException} naming what is wrong, leaving nothing restored.
     */
    static Contents unpack(Path archive, Path folder) throws IOException {
        if (!Files.isRegularFile(archive)) {
            throw new BackupException("no backup file at " + archive);
        }
        Map<String, String> sums = new LinkedHashMap<>();
        byte[] manifestBytes = null;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
            ZipEntry e;
            java.util.Set<String> seen = new java.util.HashSet<>();
            while ((e = zip.getNextEntry()) != null) {
                String name = e.getName();
                if (!seen.add(name)) {
                    throw new BackupException(archive + ": " + name + " twice: not a backup made by branchline backup");
                }
                switch (name) {
                    case MANIFEST -> manifestBytes = bounded(zip, MAX_SMALL_BYTES, name);
                    case DATABASE, CONFIG -> sums.put(name, copyBounded(zip, folder.resolve(name),
                            name.equals(DATABASE) ? MAX_DATABASE_BYTES : MAX_SMALL_BYTES));
                    default -> throw new BackupException(archive + ": holds " + printable(name)
                            + ", which no backup of the box holds");
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new BackupException(archive + ": not a readable backup (" + e.getMessage() + ")");
        }
        if (manifestBytes == null) {
            throw new BackupException(archive + ": no manifest.json: not a backup made by branchline backup");
        }
        JsonNode m;
        try {
            m = JSON.readTree(manifestBytes);
        } catch (IOException e) {
            throw new BackupException(archive + ": manifest.json is not JSON");
        }
        if (m == null || !FORMAT.equals(m.path("format").asText())) {
            throw new BackupException(archive + ": manifest.json format: expected " + FORMAT);
        }
        if (!sums.containsKey(DATABASE)) {
            throw new BackupException(archive + ": no database in the backup");
        }
        for (Map.Entry<String, String> s : sums.entrySet()) {
            String expected = m.path("sha256").path(s.getKey()).asText("");
            if (!expected.equalsIgnoreCase(s.getValue())) {
                throw new BackupException(archive + ": " + s.getKey() + " does not match its SHA-256 in the manifest"
                        + " (damaged or altered)");
            }
        }
        Path db = folder.resolve(DATABASE);
        String integrity = Database.integrityOf(db);
        if (!integrity.equals("ok")) {
            throw new BackupException(archive + ": the database fails SQLite's integrity check: " + integrity);
        }
        String schema = Database.schemaVersionOf(db);
        return new Contents(m.path("boxVersion").asText(""), schema, m.path("createdAt").asText(""), Files.size(db),
                sums.containsKey(CONFIG));
    }

    private static String printable(String name) {
        String s = name.replaceAll("[^\\x20-\\x7e]", "?");
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    private static byte[] bounded(InputStream in, long max, String name) throws IOException {
        byte[] b = in.readNBytes((int) max + 1);
        if (b.length > max) {
            throw new BackupException(name + ": larger than " + (max >> 10) + " KB, which no backup's " + name + " is");
        }
        return b;
    }

    private static String copyBounded(InputStream in, Path to, long max) throws IOException {
        MessageDigest sha = sha();
        long total = 0;
        byte[] buf = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(to)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > max) {
                    throw new BackupException(to.getFileName() + ": larger than " + (max >> 20) + " MB");
                }
                sha.update(buf, 0, n);
                out.write(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void put(ZipOutputStream zip, String name, byte[] body) throws IOException {
        ZipEntry e = new ZipEntry(name);
        zip.putNextEntry(e);
        zip.write(body);
        zip.closeEntry();
    }

    private static void putFile(ZipOutputStream zip, String name, Path file) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        Files.copy(file, zip);
        zip.closeEntry();
    }

    static String sha256(Path f) throws IOException {
        MessageDigest sha = sha();
        try (InputStream in = new DigestInputStream(Files.newInputStream(f), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
