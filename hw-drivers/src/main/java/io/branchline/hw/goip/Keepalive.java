package io.branchline.hw.goip;

/**
 * What a GoIP line says of itself every 30 s ({@code req:…}): its SIM's number as set on the device, signal
 * in AT+CSQ units (0-31, 99 unknown), whether it is logged in to the GSM network, the module's and SIM's
 * identities, the operator, and whether the line is disabled on the device.
 */
public record Keepalive(long count, String goipId, String number, int csq, boolean gsmLogin, boolean voipLogin,
                        String imei, String imsi, String iccid, String operator, boolean disabled) {

    public static Keepalive of(GoipPacket p) {
        long count;
        try {
            count = Long.parseLong(p.counter());
        } catch (NumberFormatException e) {
            count = -1;
        }
        int csq = 99;
        try {
            csq = Integer.parseInt(p.field("signal"));
            if (csq < 0 || csq > 31) {
                csq = 99;
            }
        } catch (NumberFormatException e) {
            // empty or garbled: unknown, as AT+CSQ's 99
        }
        return new Keepalive(count, p.goipId(), digitsOrEmpty(p.field("num")), csq,
                p.field("gsm_status").equalsIgnoreCase("LOGIN"), p.field("voip_status").equalsIgnoreCase("LOGIN"),
                digitsOrEmpty(p.field("imei")), digitsOrEmpty(p.field("imsi")), digitsOrEmpty(p.field("iccid")),
                printable(p.field("pro")), p.field("disable_status").equals("1"));
    }

    /** A number or identity of digits (and a leading +), or "" for anything else a device may put there. */
    private static String digitsOrEmpty(String v) {
        return v.matches("\\+?[0-9A-Fa-f]{1,24}") && !v.matches("0+") ? v : "";
    }

    private static String printable(String v) {
        String s = v.replaceAll("\\p{Cntrl}", "").strip();
        return s.length() > 40 ? s.substring(0, 40) : s;
    }
}
