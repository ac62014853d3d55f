package io.branchline.hw.modem;

/** Where an outgoing call is, as the modem reports it. */
public enum CallPhase {
    DIALING, ALERTING, ACTIVE, ENDED;

    public String label() {
        return name().toLowerCase();
    }
}
