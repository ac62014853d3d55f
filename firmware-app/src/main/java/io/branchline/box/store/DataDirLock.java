package io.branchline.box.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The box's hold on its data folder: one box per folder, or a second one would "recover" the first one's
 * live calls as cut and erase its forwarding. An exclusive lock on {@code branchline.lock} (the kernel drops
 * it when the process dies, kill -9 included), with the holder's pid in the file for the error message.
 */
public final class DataDirLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the folder; throws {@link StoreException} naming the holder when another box has it. */
    public static DataDirLock take(Path dataDir) {
        Path file = dataDir.resolve("branchline.lock");
        try {
            Files.createDirectories(dataDir);
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
                ch.close();
                throw new StoreException("another box is using the data folder " + dataDir
                        + (holder.isEmpty() ? "" : " (pid " + holder + ")") + "; stop it, or give this one --data-dir",
                        null);
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(true);
            return new DataDirLock(ch, l);
        } catch (IOException e) {
            throw new StoreException("cannot lock the data folder " + dataDir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the process is going; the kernel drops the lock with it
        }
    }
}
