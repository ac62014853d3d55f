package io.branchline.hw.modem;

/** The line's modem is not open (unplugged, restarting, not found yet): nothing was sent. */
public final class LineDownException extends RuntimeException {
    public LineDownException(String lineId) {
        super("line " + lineId + " is down");
    }
}
