package io.branchline.box.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;

/**
 * Files an installer's command (run as root) makes in the data folder go to the folder's owner, whom the package
 * makes the box's user: a database restored or an account added by root must not become a file the box
 * cannot open.
 */
public final class DataDirOwner {
    private DataDirOwner() {
    }

    /** Everything under {@code data} to the folder's owner and group, as far as this process may give it. */
    public static void give(Path data) throws IOException {
        PosixFileAttributeView folder = Files.getFileAttributeView(data, PosixFileAttributeView.class);
        UserPrincipal owner = folder.getOwner();
        GroupPrincipal group = folder.readAttributes().group();
        try (var all = Files.walk(data)) {
            for (Path p : all.toList()) {
                PosixFileAttributeView v = Files.getFileAttributeView(p, PosixFileAttributeView.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (!v.getOwner().equals(owner)) {
                    try {
                        v.setOwner(owner);
                        v.setGroup(group);
                    } catch (IOException e) {
                        return; // not root: everything here is the writer's, who owns the folder anyway
                    }
                }
            }
        }
    }
}
