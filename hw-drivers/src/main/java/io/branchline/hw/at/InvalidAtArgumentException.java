package io.branchline.hw.at;

/** A value refused before any byte reached the modem. {@link #field()} names what the user typed. */
public class InvalidAtArgumentException extends IllegalArgumentException {
    private final String field;

    public InvalidAtArgumentException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
