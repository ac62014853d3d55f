package io.branchline.hw.line;

import io.branchline.hw.at.DialString;

/**
 * Unconditional forwarding of the voice calls to a line's SIM, the network's service the call-forward dial
 * plan stands on (the SIM forwards to the customer; another line dials the SIM). A modem sets it with
 * 27.007 {@code +CCFC}, a GoIP port with its {@code CF} command; each confirms as far as it can.
 */
public interface CallForwarding {
    /** How a registration went. */
    enum Outcome {
        REGISTERED,
        /** The SIM cannot forward at all (an LTE/IMS SIM without a CS network): try another. */
        UNSUPPORTED,
        FAILED
    }

    record Result(Outcome outcome, String detail) {
    }

    /** Registers forwarding of every voice call to {@code target}, and checks it where the line can. */
    Result register(DialString target);

    /** Erases it; true once the line confirmed that none is left. */
    boolean erase();
}
