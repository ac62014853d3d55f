package io.branchline.hw.sim;

/**
 * How a SIM switch went.
 *
 * @param iccid the card now in the modem (empty when none answered)
 * @param why   why it failed, in words for the installer; empty on success
 */
public record SimSwitchResult(boolean ok, int slot, String iccid, String why) {

    public static SimSwitchResult ok(int slot, String iccid) {
        return new SimSwitchResult(true, slot, iccid, "");
    }

    public static SimSwitchResult failed(int slot, String iccid, String why) {
        return new SimSwitchResult(false, slot, iccid, why);
    }
}
