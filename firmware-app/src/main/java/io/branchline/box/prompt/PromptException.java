package io.branchline.box.prompt;

/** An upload or a choice of opening message refused, naming the field at fault; nothing was changed. */
public final class PromptException extends RuntimeException {
    private final String field;
    private final boolean conflict;

    private PromptException(String field, String message, boolean conflict) {
        super(message);
        this.field = field;
        this.conflict = conflict;
    }

    public static PromptException invalid(String field, String message) {
        return new PromptException(field, message, false);
    }

    /** The request is fine but the box's state refuses it (a sixth prompt, an unknown id). */
    public static PromptException conflict(String field, String message) {
        return new PromptException(field, message, true);
    }

    public String field() {
        return field;
    }

    public boolean conflict() {
        return conflict;
    }
}
