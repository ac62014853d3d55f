package io.branchline.box.config;

/** The configuration file is missing, unreadable or wrong; the message names the file and the field. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
