package io.branchline.hw.modem;

/**
 * Who a modem and its SIM are. Empty strings where the modem or SIM could not say (a locked SIM hides
 * its IMSI; most SIMs do not know their own number).
 */
public record ModemIdentity(String manufacturer, String model, String revision, String imei, String imsi,
                            String iccid, String ownNumber) {

    public static ModemIdentity unknown() {
        return new ModemIdentity("", "", "", "", "", "", "");
    }
}
