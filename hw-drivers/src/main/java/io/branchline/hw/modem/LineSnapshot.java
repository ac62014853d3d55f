package io.branchline.hw.modem;

import java.time.Instant;

/**
 * Everything known about one modem line at one moment; immutable, safe to hand to the API.
 *
 * @param port      the tty it was last opened on ("" before the first contact)
 * @param restarts  how many times the box has restarted this modem for not answering
 */
public record LineSnapshot(String id, ModemAddress address, String port, VendorProfile profile,
                           ModemIdentity identity, ModemStatus status, Instant updated, int restarts) {

    /** The same line and modem with a new radio status. */
    public LineSnapshot with(ModemStatus newStatus, Instant at) {
        return new LineSnapshot(id, address, port, profile, identity, newStatus, at, restarts);
    }

    /** The same line with another SIM (or the same one read again) and its status. */
    public LineSnapshot with(ModemIdentity newIdentity, ModemStatus newStatus, Instant at) {
        return new LineSnapshot(id, address, port, profile, newIdentity, newStatus, at, restarts);
    }

    /** The same line, now on {@code newPort}, with a new status. */
    public LineSnapshot on(String newPort, ModemStatus newStatus, Instant at) {
        return new LineSnapshot(id, address, newPort, profile, identity, newStatus, at, restarts);
    }
}
