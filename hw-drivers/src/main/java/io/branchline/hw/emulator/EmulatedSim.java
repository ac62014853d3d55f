package io.branchline.hw.emulator;

/**
 * A SIM card in an emulated modem: its identities, its PIN, and whether it is there, locked or ready.
 * Mutable so that a test can pull the card or lock it while the box runs.
 */
public final class EmulatedSim {
    public enum State { ABSENT, PIN_REQUIRED, READY }

    private final String iccid;
    private final String imsi;
    private final String ownNumber;
    private final String pin;
    private volatile State state;
    private volatile String forwardTo = "";
    private volatile int forwardingRefusal;

    public EmulatedSim(String iccid, String imsi, String ownNumber, String pin, State state) {
        this.iccid = iccid;
        this.imsi = imsi;
        this.ownNumber = ownNumber;
        this.pin = pin;
        this.state = state;
    }

    public static EmulatedSim ready(String iccid, String imsi, String ownNumber) {
        return new EmulatedSim(iccid, imsi, ownNumber, "1234", State.READY);
    }

    public static EmulatedSim locked(String iccid, String imsi, String pin) {
        return new EmulatedSim(iccid, imsi, "", pin, State.PIN_REQUIRED);
    }

    public static EmulatedSim absent() {
        return new EmulatedSim("", "", "", "", State.ABSENT);
    }

    public String iccid() {
        return iccid;
    }

    public String imsi() {
        return imsi;
    }

    /** Empty when the card does not know its number (most prepaid cards). */
    public String ownNumber() {
        return ownNumber;
    }

    public State state() {
        return state;
    }

    public void setState(State s) {
        this.state = s;
    }

    /** The number this SIM forwards every call to (unconditional forwarding), or empty. */
    public String forwardTo() {
        return forwardTo;
    }

    void setForwardTo(String number) {
        this.forwardTo = number;
    }

    /**
     * Makes the network refuse forwarding changes for this SIM with {@code +CME ERROR: code}: 30 or 171 as
     * LTE/IMS SIMs answer; 0 accepts them again.
     */
    public void refuseForwarding(int cmeCode) {
        this.forwardingRefusal = cmeCode;
    }

    int forwardingRefusal() {
        return forwardingRefusal;
    }

    boolean unlock(String code) {
        if (state == State.PIN_REQUIRED && pin.equals(code)) {
            state = State.READY;
            return true;
        }
        return false;
    }
}
