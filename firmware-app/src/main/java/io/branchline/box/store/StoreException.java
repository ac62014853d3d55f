package io.branchline.box.store;

/** The database could not be opened, migrated, read or written. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
