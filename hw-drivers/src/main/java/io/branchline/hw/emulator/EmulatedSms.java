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
        pdu.append(swapped(String.format("%02d%02d%02d%02d%02d%02d", at.getYear() % 100, at.getMonthValue(),
                at.getDayOfMonth(), at.getHour(), at.getMinute(), at.getSecond())));
        // The zone in quarter hours, east of UTC (the emulated network is in China, +08:00: 32).
        pdu.append(swapped(String.format("%02d", Math.max(0, at.getOffset().getTotalSeconds() / 900))));
        pdu.append(String.format("%02X", ud.length)).append(HexFormat.of().withUpperCase().formatHex(ud));
        return pdu.toString();
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
