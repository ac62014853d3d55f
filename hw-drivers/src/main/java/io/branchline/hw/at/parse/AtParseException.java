package io.branchline.hw.at.parse;

import io.branchline.hw.at.AtException;

/** A response that does not have the shape its command promises. */
public class AtParseException extends AtException {
    public AtParseException(String message) {
        super(message);
    }
}
