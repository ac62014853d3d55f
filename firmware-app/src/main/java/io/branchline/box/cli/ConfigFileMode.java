package io.branchline.box.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The owner, group and mode of the configuration file, which holds the box token. A rewritten file keeps
 * what the installer (or the package) set, so that the service's user can still read it, but is never
 * readable by others; a new one is 0600 for whoever writes it.
 */
final class ConfigFileMode {
    private ConfigFileMode() {
    }

    /** Gives {@code target} the owner, group and mode of {@code original} (others' bits dropped), or 0600. */
    static void keep(Path original, Path target) throws IOException {
        if (!Files.exists(original)) {
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
            return;
        }
        PosixFileAttributes a = Files.readAttributes(original, PosixFileAttributes.class);
        Set<PosixFilePermission> mode = EnumSet.noneOf(PosixFilePermission.class);
        mode.addAll(a.permissions());
        mode.removeAll(EnumSet.of(PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_EXECUTE));
        mode.add(PosixFilePermission.OWNER_READ);
        mode.add(PosixFilePermission.OWNER_WRITE);
        Files.setPosixFilePermissions(target, mode);
        PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        try {
            view.setOwner(a.owner());
            view.setGroup(a.group());
        } catch (IOException e) {
            // Not root: the file stays the writer's, which is who could write the original anyway.
        }
    }

    static String describe(Path file) throws IOException {
        PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class);
        return "owner " + a.owner().getName() + ":" + a.group().getName() + ", mode "
                + PosixFilePermissions.toString(a.permissions());
    }
}
