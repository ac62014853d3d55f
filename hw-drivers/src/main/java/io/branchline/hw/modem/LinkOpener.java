package io.branchline.hw.modem;

import io.branchline.hw.serial.JSerialCommLink;
import io.branchline.hw.serial.SerialLink;

/** Opens a found port. The real one uses jSerialComm; the emulated bus hands out its own links. */
@FunctionalInterface
public interface LinkOpener {
    SerialLink open(PortCandidate candidate);

    /** Real ports at 115200 baud, 8N1 (USB modems ignore the rate; UART modems autobaud from "AT"). */
    static LinkOpener jSerialComm() {
        return c -> JSerialCommLink.open(c.devicePath(), 115200);
    }
}
