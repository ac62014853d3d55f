package io.branchline.box.ivr;

/** A menu the switchboard will not keep, with the field (or key) that is wrong; or a menu not there. */
public final class MenuException extends RuntimeException {
    private final String field;
    private final boolean missing;

    private MenuException(String field, String message, boolean missing) {
        super(message);
        this.field = field;
        this.missing = missing;
    }

    public static MenuException invalid(String field, String message) {
        return new MenuException(field, message, false);
    }

    public static MenuException missing(String message) {
        return new MenuException("id", message, true);
    }

    public String field() {
        return field;
    }

    public boolean missing() {
        return missing;
    }
}
