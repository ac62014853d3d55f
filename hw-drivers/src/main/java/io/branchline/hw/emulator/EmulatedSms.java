package io.branchline.hw.emulator;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.HexFormat;

/**
 * Builds the SMS-DELIVER PDUs (23.040 9.2.2.1) the emulated network hands to a modem: UCS2 text, so that
 * Chinese arrives as it was typed, from a sender in international or national form.
 */
public final class EmulatedSms {
    private EmulatedSms() {
    }

    /** The PDU hex of one message (at most 70 characters), as AT+CMGR shows it after the SMSC octet. */
    public static String deliver(String sender, String text, ZonedDateTime at) {
        byte[] ud = text.getBytes(StandardCharsets.UTF_16BE);
        if (ud.length > 140) {
            throw new IllegalArgumentException("text: at most 70 characters in one UCS2 message");
        }
        boolean international = sender.startsWith("+");
        String digits = sender.replaceAll("[^0-9]", "");
        StringBuilder pdu = new StringBuilder("00"); // no SMSC address
        pdu.append("04"); // SMS-DELIVER, no more messages waiting
        pdu.append(String.format("%02X", digits.length())).append(international ? "91" : "81").append(swapped(digits));
        pdu.append("00").append("08"); // protocol: plain; data coding: UCS2
        // The zone in quarter hours, east of UTC (the emulated network is in China, +08:00: 32).
        pdu.append(stamp(at));
        pdu.append(String.format("%02X", ud.length)).append(HexFormat.of().withUpperCase().formatHex(ud));
        return pdu.toString();
    }

    /**
     * An SMS-SUBMIT as the network reads it (23.040 9.2.2.2): the destination, whether a status report is
     * wanted, the data coding, and the user data as sent (header included), with its text decoded for tests.
     */
    public record Submitted(String destination, boolean statusReport, int dcs, boolean udhi, int udl, byte[] ud,
                            String text, int reference, int part, int parts) {
    }

    /** Reads the PDU a host gave AT+CMGS (SMSC part first); throws IllegalArgumentException if it is none. */
    public static Submitted submitted(String hex) {
        byte[] b = HexFormat.of().parseHex(hex);
        int i = 1 + (b[0] & 0xff);
        need(b, i + 3);
        int first = b[i] & 0xff;
        if ((first & 0x03) != 0x01) {
            throw new IllegalArgumentException("not an SMS-SUBMIT");
        }
        int vpf = (first >> 3) & 0x03;
        boolean srr = (first & 0x20) != 0;
        boolean udhi = (first & 0x40) != 0;
        int digits = b[i + 2] & 0xff;
        if (digits == 0 || digits > 20) {
            throw new IllegalArgumentException("destination length " + digits);
        }
        int toa = b[i + 3] & 0xff;
        int octets = (digits + 1) / 2;
        need(b, i + 4 + octets);
        StringBuilder dest = new StringBuilder(((toa >> 4) & 0x07) == 1 ? "+" : "");
        for (int k = 0; k < octets; k++) {
            int v = b[i + 4 + k] & 0xff;
            dest.append((char) ('0' + (v & 0x0f)));
            if ((v >> 4) != 0x0f) {
                dest.append((char) ('0' + (v >> 4)));
            }
        }
        i += 4 + octets;
        need(b, i + 2);
        int dcs = b[i + 1] & 0xff;
        i += 2 + (vpf == 2 ? 1 : vpf == 0 ? 0 : 7);
        need(b, i + 1);
        int udl = b[i] & 0xff;
        byte[] ud = java.util.Arrays.copyOfRange(b, i + 1, b.length);
        int headerOctets = udhi ? 1 + (ud.length > 0 ? ud[0] & 0xff : 0) : 0;
        int ref = 0;
        int part = 1;
        int parts = 1;
        for (int k = 1; k + 1 < headerOctets; k += 2 + (ud[k + 1] & 0xff)) {
            if (ud[k] == 0x00 && ud[k + 1] == 3 && k + 4 < headerOctets) { // 8-bit reference
                ref = ud[k + 2] & 0xff;
                parts = ud[k + 3] & 0xff;
                part = ud[k + 4] & 0xff;
            } else if (ud[k] == 0x08 && ud[k + 1] == 4 && k + 5 < headerOctets) { // 16-bit reference
                ref = ((ud[k + 2] & 0xff) << 8) | (ud[k + 3] & 0xff);
                parts = ud[k + 4] & 0xff;
                part = ud[k + 5] & 0xff;
            }
        }
        boolean ucs2 = (dcs & 0x0C) == 0x08;
        String text;
        if (ucs2) {
            if (udl > ud.length || headerOctets > udl) {
                throw new IllegalArgumentException("user data shorter than its length");
            }
            text = new String(ud, headerOctets, udl - headerOctets, StandardCharsets.UTF_16BE);
        } else {
            int headerSeptets = (headerOctets * 8 + 6) / 7;
            if ((udl * 7 + 7) / 8 > ud.length || headerSeptets > udl) {
                throw new IllegalArgumentException("user data shorter than its length");
            }
            int[] septets = io.branchline.hw.at.parse.Gsm7.unpack(ud, 0, udl, 0);
            text = io.branchline.hw.at.parse.Gsm7.decode(java.util.Arrays.copyOfRange(septets, headerSeptets, udl));
        }
        return new Submitted(dest.toString(), srr, dcs, udhi, udl, ud, text, ref, part, parts);
    }

    private static void need(byte[] b, int length) {
        if (b.length < length) {
            throw new IllegalArgumentException("PDU ends early");
        }
    }

    /** The SMS-DELIVER a submitted message arrives as, from {@code sender}, user data and coding kept. */
    public static String deliverAsSent(String sender, Submitted m, ZonedDateTime at) {
        boolean international = sender.startsWith("+");
        String digits = sender.replaceAll("[^0-9]", "");
        StringBuilder pdu = new StringBuilder("00");
        pdu.append(String.format("%02X", 0x04 | (m.udhi() ? 0x40 : 0)));
        pdu.append(String.format("%02X", digits.length())).append(international ? "91" : "81").append(swapped(digits));
        pdu.append("00").append(String.format("%02X", m.dcs())).append(stamp(at));
        pdu.append(String.format("%02X", m.udl())).append(HexFormat.of().withUpperCase().formatHex(m.ud()));
        return pdu.toString();
    }

    /**
     * The SMS-STATUS-REPORT (23.040 9.2.2.3) for message reference {@code mr} to {@code recipient}, with the
     * centre's address first as 27.005 shows it in +CDS: status 0 delivered, 0x41 refused for good.
     */
    public static String statusReport(String smsc, int mr, String recipient, int status, ZonedDateTime sent,
                                      ZonedDateTime done) {
        String centre = smsc.replaceAll("[^0-9]", "");
        String sca = String.format("%02X", 1 + (centre.length() + 1) / 2) + "91" + swapped(centre);
        boolean international = recipient.startsWith("+");
        String digits = recipient.replaceAll("[^0-9]", "");
        return sca + "06" + String.format("%02X", mr & 0xff) + String.format("%02X", digits.length())
                + (international ? "91" : "81") + swapped(digits) + stamp(sent) + stamp(done)
                + String.format("%02X", status);
    }

    private static String stamp(ZonedDateTime at) {
        return swapped(String.format("%02d%02d%02d%02d%02d%02d", at.getYear() % 100, at.getMonthValue(),
                at.getDayOfMonth(), at.getHour(), at.getMinute(), at.getSecond()))
                + swapped(String.format("%02d", Math.max(0, at.getOffset().getTotalSeconds() / 900)));
    }

    /** Semi-octets, low nibble first, padded with F. */
    private static String swapped(String digits) {
        String d = digits.length() % 2 == 0 ? digits : digits + "F";
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < d.length(); i += 2) {
            out.append(d.charAt(i + 1)).append(d.charAt(i));
        }
        return out.toString();
    }
}
