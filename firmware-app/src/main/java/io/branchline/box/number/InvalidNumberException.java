package io.branchline.box.number;

/** Input that is not a phone number; {@link #field()} names it. Nothing was stored or dialled. */
public final class InvalidNumberException extends IllegalArgumentException {
    private final String field;

    public InvalidNumberException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The message without the field's name in front. */
    public String reason() {
        return getMessage().substring(field.length() + 2);
    }
}
