package io.branchline.hw.modem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PIN a line enters when its SIM asks for one: once per card. A card that refuses it is left locked and
 * says so, since the third wrong PIN would lock it for good (PUK).
 */
final class SimPin {
    private static final Logger log = LoggerFactory.getLogger(SimPin.class);

    private volatile String pin = "";
    /** The ICCID of the card that refused the configured PIN: never offered it again. */
    private volatile String refusedBy = "";

    void set(String pin) {
        this.pin = pin;
    }

    /** Enters the PIN if the SIM wants one and this card has not refused it; true if it opened. */
    boolean unlock(ModemDriver driver, String lineId, ModemIdentity identity, ModemStatus status) {
        if (status.state() != LineState.PIN_NEEDED || pin.isEmpty() || identity.iccid().equals(refusedBy)) {
            return false;
        }
        if (driver.enterPin(pin)) {
            log.info("line={} event=sim-unlocked iccid={}", lineId, identity.iccid());
            return true;
        }
        refusedBy = identity.iccid();
        return false;
    }

    /** The status, saying why the card stays locked when it refused the PIN. */
    ModemStatus explain(ModemIdentity identity, ModemStatus status) {
        if (status.state() != LineState.PIN_NEEDED || refusedBy.isEmpty() || !identity.iccid().equals(refusedBy)) {
            return status;
        }
        return new ModemStatus(status.state(), status.signal(), status.registration(), status.operator(),
                "the SIM refused the configured PIN; not tried again (a third wrong PIN locks the card)");
    }
}
