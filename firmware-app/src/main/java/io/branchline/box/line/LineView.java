package io.branchline.box.line;

import io.branchline.hw.modem.LineSnapshot;

/**
 * A line as the API and the CLI show it: flat, named for people, with the signal both in dBm and as the
 * 0-5 bars an office admin knows from phones.
 */
public record LineView(String id, String port, String usbPath, int usbInterface, String vendor, String manufacturer,
                       String model, String imei, String iccid, String imsi, String ownNumber, String operator,
                       String registration, Integer signalDbm, int signalBars, String state, String detail,
                       int restarts, String updated, String handset) {

    /** With the desk phone's handset ("on-hook" or "off-hook") when the line has a hook switch. */
    public static LineView of(LineSnapshot s, String handset) {
        var id = s.identity();
        var st = s.status();
        return new LineView(s.id(), s.port(), s.address().usbPath(), s.address().usbInterface(),
                s.profile().label(), id.manufacturer(), id.model(), id.imei(), id.iccid(), id.imsi(), id.ownNumber(),
                st.operator(), st.registration().label(),
                st.signal().dbm().isPresent() ? st.signal().dbm().getAsInt() : null, st.signal().bars(),
                st.state().label(), st.detail(), s.restarts(), s.updated().toString(), handset);
    }
}
