package io.branchline.box.groupcall;

/** A group-call task refused, naming the field; {@code missing} when there is no such task. */
public final class GroupTaskException extends RuntimeException {
    private final String field;
    private final boolean missing;

    GroupTaskException(String field, String message) {
        this(field, message, false);
    }

    GroupTaskException(String field, String message, boolean missing) {
        super(message);
        this.field = field;
        this.missing = missing;
    }

    public String field() {
        return field;
    }

    public boolean missing() {
        return missing;
    }
}
