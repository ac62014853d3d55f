package io.branchline.box.access;

/** An account, password or token request that cannot be done, naming the field at fault. */
public final class AccessException extends RuntimeException {
    private final String field;
    private final boolean conflict;

    public AccessException(String field, String message) {
        this(field, message, false);
    }

    private AccessException(String field, String message, boolean conflict) {
        super(field + ": " + message);
        this.field = field;
        this.conflict = conflict;
    }

    /** The request is well formed but clashes with what is stored (a name taken, the last installer). */
    public static AccessException conflict(String field, String message) {
        return new AccessException(field, message, true);
    }

    public String field() {
        return field;
    }

    public boolean conflict() {
        return conflict;
    }
}
