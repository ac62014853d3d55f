package io.branchline.box.backup;

/** A backup that cannot be made or restored, with what to do about it; nothing stored has changed. */
public final class BackupException extends RuntimeException {
    public BackupException(String message) {
        super(message);
    }
}
