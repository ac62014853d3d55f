package io.branchline.box.config;

import java.util.Optional;

/**
 * The configuration file is missing, unreadable or wrong; the message names the file and the field. A
 * check that can say which key of a section was wrong also keeps it apart ({@link #field()}), so that the
 * same check serves the admin page's settings, where the field is all the page needs.
 */
public class ConfigException extends RuntimeException {
    private final String field;
    private final String reason;

    public ConfigException(String message) {
        super(message);
        this.field = null;
        this.reason = message;
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
        this.field = null;
        this.reason = message;
    }

    /** @param at where the section is ({@code "branchline.yaml: modems[2]"}); {@code field} the key within it */
    public ConfigException(String at, String field, String reason) {
        super(at + (at.isEmpty() ? "" : ".") + field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    /** The key within its section ({@code rotation.policy}), when the check knew it. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** What was wrong, without the file and the field. */
    public String reason() {
        return reason;
    }
}
