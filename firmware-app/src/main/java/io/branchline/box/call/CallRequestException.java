package io.branchline.box.call;

/**
 * A call request that cannot be placed as asked; nothing was dialled and nothing stored changed.
 * {@link #field()} names the input at fault; {@link #conflict()} is true when the input is fine but the
 * box is not (a busy or down line): HTTP 409 rather than 400.
 */
public class CallRequestException extends RuntimeException {
    private final String field;
    private final boolean conflict;
    private final boolean refused;

    public CallRequestException(String field, String message, boolean conflict) {
        this(field, message, conflict, false);
    }

    private CallRequestException(String field, String message, boolean conflict, boolean refused) {
        super(field + ": " + message);
        this.field = field;
        this.conflict = conflict;
        this.refused = refused;
    }

    /**
     * The call guard refused the number (blacklist, risk number, forced dials to approve): HTTP 409 like a
     * busy line, but a CRM must not retry it as it would a busy line.
     */
    public static CallRequestException refused(String field, String message) {
        return new CallRequestException(field, message, true, true);
    }

    /** Whether the call guard refused it (see {@link #refused(String, String)}). */
    public boolean refusedByGuard() {
        return refused;
    }

    public static CallRequestException invalid(String field, String message) {
        return new CallRequestException(field, message, false);
    }

    public static CallRequestException conflict(String field, String message) {
        return new CallRequestException(field, message, true);
    }

    public String field() {
        return field;
    }

    public boolean conflict() {
        return conflict;
    }
}
