package io.branchline.box.cli;

/** A command line that cannot be run as given. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
