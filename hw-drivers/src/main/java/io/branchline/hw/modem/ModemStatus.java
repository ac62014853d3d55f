package io.branchline.hw.modem;

import io.branchline.hw.at.parse.Registration;
import io.branchline.hw.at.parse.Signal;

/**
 * The radio side of a line at one moment.
 *
 * @param detail why the line is not up, in words an installer can act on; empty when up
 */
public record ModemStatus(LineState state, Signal signal, Registration.Status registration, String operator,
                          String detail) {

    public static ModemStatus down(String why) {
        return new ModemStatus(LineState.DOWN, Signal.unknown(), Registration.Status.UNKNOWN, "", why);
    }

    public ModemStatus withSignal(Signal s) {
        return new ModemStatus(state, s, registration, operator, detail);
    }

    /** A registration change reported by URC: the state follows when the SIM is usable. */
    public ModemStatus withRegistration(Registration.Status r) {
        LineState next = state;
        if (state == LineState.UP || state == LineState.NOT_REGISTERED) {
            next = r.registered() ? LineState.UP : LineState.NOT_REGISTERED;
        }
        return new ModemStatus(next, signal, r, r.registered() ? operator : "", next == LineState.UP ? "" : detail);
    }
}
