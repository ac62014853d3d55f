package io.branchline.box.call;

/**
 * A call request that cannot be placed as asked; nothing was dialled and nothing stored changed.
 * {@link #field()} names the input at fault; {@link #conflict()} is true when the input is fine but the
 * box is not (a busy or down line): HTTP 409 rather than 400.
 */
public class CallRequestException extends RuntimeException {
    private final String field;
    private final boolean conflict;

    public CallRequestException(String field, String message, boolean conflict) {
        super(field + ": " + message);
        this.field = field;
        this.conflict = conflict;
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
