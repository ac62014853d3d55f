package io.branchline.hw.sms;

import io.branchline.hw.at.parse.Gsm7;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An SMS to send, as the SMS-SUBMIT PDUs (23.040 9.2.2.2) that AT+CMGS takes in PDU mode: the default
 * GSM-7 alphabet when every character has a place in it, UCS2 (UTF-16, so emoji survive as surrogate pairs)
 * otherwise; a text longer than one message is split into parts with a concatenation header (8-bit
 * reference), never inside an escape pair or a surrogate pair. The SMSC is the SIM's own ("00"), the
 * validity 24 hours, and a status report is asked for when wanted.
 *
 * @param hex        the PDU as AT+CMGS expects it, SMSC octet first
 * @param tpduLength the octets after the SMSC part, the number AT+CMGS=<length> announces
 */
public record SubmitPdu(String hex, int tpduLength, int part, int parts) {
    /** Ten parts: 1,530 GSM-7 characters or 670 UCS2 ones, more than any office text needs. */
    public static final int MAX_PARTS = 10;
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{1,20}");
    private static final int GSM7_SINGLE = 160;
    private static final int GSM7_PART = 153;
    private static final int UCS2_SINGLE = 70;
    private static final int UCS2_PART = 67;
    private static final int VALIDITY_24H = 0xA7; // relative: (167 - 143) * 30 min + 12 h

    /** How a text will go: its alphabet and how many parts. */
    public record Plan(boolean ucs2, int parts, int units) {
    }

    /** The plan for {@code text} without building PDUs (for the API to say "3 parts, UCS2" up front). */
    public static Plan plan(String text) {
        checkText(text);
        int[] septets = Gsm7.encode(text);
        if (septets != null) {
            return new Plan(false, gsm7Chunks(septets).size(), septets.length);
        }
        char[] units = text.toCharArray();
        return new Plan(true, ucs2Chunks(units).size(), units.length);
    }

    /**
     * The PDUs for {@code text} to {@code number}; {@code reference} (0-255) ties the parts of one long
     * message together, so two long messages in flight to one phone need different ones.
     */
    public static List<SubmitPdu> encode(String number, String text, int reference, boolean statusReport) {
        if (number == null || !NUMBER.matcher(number).matches()) {
            throw new IllegalArgumentException("number: must be 1 to 20 digits, with an optional leading +");
        }
        if (reference < 0 || reference > 255) {
            throw new IllegalArgumentException("reference: must be 0 to 255");
        }
        checkText(text);
        int[] septets = Gsm7.encode(text);
        List<SubmitPdu> out = new ArrayList<>();
        if (septets != null) {
            List<int[]> chunks = gsm7Chunks(septets);
            for (int i = 0; i < chunks.size(); i++) {
                out.add(gsm7(number, chunks.get(i), reference, i + 1, chunks.size(), statusReport));
            }
        } else {
            List<char[]> chunks = ucs2Chunks(text.toCharArray());
            for (int i = 0; i < chunks.size(); i++) {
                out.add(ucs2(number, chunks.get(i), reference, i + 1, chunks.size(), statusReport));
            }
        }
        return out;
    }

    private static void checkText(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("text: must not be empty");
        }
        if (text.length() > MAX_PARTS * GSM7_PART) {
            throw new IllegalArgumentException("text: at most " + MAX_PARTS * GSM7_PART + " characters");
        }
    }

    private static List<int[]> gsm7Chunks(int[] septets) {
        if (septets.length <= GSM7_SINGLE) {
            return List.of(septets);
        }
        List<int[]> chunks = new ArrayList<>();
        int from = 0;
        while (from < septets.length) {
            int to = Math.min(septets.length, from + GSM7_PART);
            if (to < septets.length && septets[to - 1] == 0x1B) {
                // Gsm7.encode makes a 0x1B only as the first half of an escape pair: both go in one part.
                to--;
            }
            chunks.add(Arrays.copyOfRange(septets, from, to));
            from = to;
        }
        return limit(chunks);
    }

    private static List<char[]> ucs2Chunks(char[] units) {
        if (units.length <= UCS2_SINGLE) {
            return List.of(units);
        }
        List<char[]> chunks = new ArrayList<>();
        int from = 0;
        while (from < units.length) {
            int to = Math.min(units.length, from + UCS2_PART);
            if (to < units.length && Character.isHighSurrogate(units[to - 1])) {
                to--; // both halves of an emoji in one part
            }
            chunks.add(Arrays.copyOfRange(units, from, to));
            from = to;
        }
        return limit(chunks);
    }

    private static <T> List<T> limit(List<T> chunks) {
        if (chunks.size() > MAX_PARTS) {
            throw new IllegalArgumentException("text: " + chunks.size() + " parts; at most " + MAX_PARTS);
        }
        return chunks;
    }

    private static SubmitPdu gsm7(String number, int[] septets, int ref, int part, int parts, boolean report) {
        byte[] header = parts > 1 ? concatHeader(ref, part, parts) : new byte[0];
        int headerSeptets = (header.length * 8 + 6) / 7;
        int fill = headerSeptets * 7 - header.length * 8;
        byte[] packed = Gsm7.pack(septets, fill);
        byte[] ud = new byte[header.length + packed.length];
        System.arraycopy(header, 0, ud, 0, header.length);
        System.arraycopy(packed, 0, ud, header.length, packed.length);
        return build(number, 0x00, headerSeptets + septets.length, ud, header.length > 0, report, part, parts);
    }

    private static SubmitPdu ucs2(String number, char[] units, int ref, int part, int parts, boolean report) {
        byte[] header = parts > 1 ? concatHeader(ref, part, parts) : new byte[0];
        byte[] text = new String(units).getBytes(StandardCharsets.UTF_16BE);
        byte[] ud = new byte[header.length + text.length];
        System.arraycopy(header, 0, ud, 0, header.length);
        System.arraycopy(text, 0, ud, header.length, text.length);
        return build(number, 0x08, ud.length, ud, header.length > 0, report, part, parts);
    }

    /** 23.040 9.2.3.24.1: IEI 00, length 3, reference, parts, this part. */
    private static byte[] concatHeader(int ref, int part, int parts) {
        return new byte[] {5, 0x00, 3, (byte) ref, (byte) parts, (byte) part};
    }

    private static SubmitPdu build(String number, int dcs, int udl, byte[] ud, boolean udhi, boolean report,
                                   int part, int parts) {
        boolean international = number.startsWith("+");
        String digits = international ? number.substring(1) : number;
        StringBuilder tpdu = new StringBuilder();
        int first = 0x01 | 0x10 | (report ? 0x20 : 0) | (udhi ? 0x40 : 0); // SUBMIT, relative validity
        tpdu.append(octet(first)).append("00"); // message reference: the modem sets it
        tpdu.append(octet(digits.length())).append(international ? "91" : "81").append(semiOctets(digits));
        tpdu.append("00").append(octet(dcs)).append(octet(VALIDITY_24H)).append(octet(udl));
        tpdu.append(HexFormat.of().withUpperCase().formatHex(ud));
        return new SubmitPdu("00" + tpdu, tpdu.length() / 2, part, parts);
    }

    private static String octet(int v) {
        return String.format("%02X", v & 0xff);
    }

    private static String semiOctets(String digits) {
        String d = digits.length() % 2 == 0 ? digits : digits + "F";
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < d.length(); i += 2) {
            out.append(d.charAt(i + 1)).append(d.charAt(i));
        }
        return out.toString();
    }
}
