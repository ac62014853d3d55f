package io.branchline.box.pacing;

import java.time.Duration;

/** How many numbers a dialing task sends now; asked once every {@link #every()}. */
public interface Pacer {
    int toDial(PaceView now);

    /** How often the task asks. */
    Duration every();

    /** The pacing mode's name, as a task stores it. */
    String mode();
}
