package io.branchline.hw.modem;

import java.util.List;

/** Lists the serial ports present right now: the real USB/UART bus, or the emulated one. */
@FunctionalInterface
public interface PortFinder {
    List<PortCandidate> scan();
}
