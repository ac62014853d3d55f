package io.branchline.box.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;

/**
 * The box's own CLI token: made anew at every start and written to {@code cli-token} in the data folder,
 * readable only by the box's user (and root), so that {@code branchline lines} on the box works without a
 * password while nobody else on the machine or the LAN can use it. It acts as an installer.
 */
public final class LocalToken {
    public static final String FILE = "cli-token";

    private final String secret;

    private LocalToken(String secret) {
        this.secret = secret;
    }

    public static LocalToken write(Path dataDir) {
        String secret = "blc_" + Sessions.random();
        Path file = dataDir.resolve(FILE);
        Path tmp = dataDir.resolve(FILE + ".new");
        try {
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp); // not a POSIX file system (a test on another OS)
            }
            Files.writeString(tmp, secret + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the CLI's token " + file + ": " + e.getMessage(), e);
        }
        return new LocalToken(secret);
    }

    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(secret.getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }

    /** The secret, for the box's own in-process clients (tests, the benchmarks). */
    public String secret() {
        return secret;
    }
}
