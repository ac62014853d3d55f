package io.branchline.box.line;

/**
 * The lines a call needs are not there now (down, busy, not configured, over their call rate). The input
 * was fine; {@link #field()} names the part of the request the lines belong to.
 */
public final class LineUnavailableException extends RuntimeException {
    private final String field;

    public LineUnavailableException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
