package io.branchline.hw.sim;

/**
 * The SIM multiplexer of a desk phone's modem (锦呼话机's five card slots): one slot connected to the modem
 * at a time. Selecting is only wiring; the radio must be off while it happens (see the line's switchSim).
 */
public interface SimMultiplexer {
    int slots();

    /** Connects slot {@code slot} (1-based) to the modem. */
    void select(int slot);

    int selected();
}
