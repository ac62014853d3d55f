package io.branchline.box.line;

import java.time.Instant;

/** How many calls a SIM made since a moment: what rotation and the call-rate warning count (the call records). */
@FunctionalInterface
public interface CallCounts {
    int since(String simIccid, Instant since);
}
