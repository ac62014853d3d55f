package io.branchline.hw.at.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * An SMS as the modem lists it in PDU mode: +CMGL ({@code <index>,<stat>,[<alpha>],<length>} then the PDU),
 * +CMGR ({@code <stat>,[<alpha>],<length>}, some modems omit alpha) or +CMT ({@code [<alpha>],<length>}).
 * The PDU is the hex that follows the header, rejoined when a URC was spliced into it (the reader takes
 * URCs out, leaving the PDU in pieces).
 *
 * @param index -1 for +CMGR and +CMT
 * @param stat  0 unread, 1 read, 2 unsent, 3 sent; -1 for +CMT
 */
public record StoredSms(int index, int stat, String alpha, int length, String pdu) {

    /** Every message of an AT+CMGL=4 answer, in the modem's order. */
    public static List<StoredSms> parseList(List<String> lines) {
        List<StoredSms> out = new ArrayList<>();
        AtFields header = null;
        StringBuilder pdu = new StringBuilder();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.regionMatches(true, 0, "+CMGL:", 0, 6)) {
                if (header != null) {
                    out.add(listEntry(header, pdu.toString()));
                }
                header = AtFields.of(line, "+CMGL:");
                pdu.setLength(0);
                if (header.size() < 3) {
                    header = null; // the "(0-4)" answer of AT+CMGL=? is not a message
                }
            } else if (header != null) {
                pdu.append(line);
            }
        }
        if (header != null) {
            out.add(listEntry(header, pdu.toString()));
        }
        return out;
    }

    private static StoredSms listEntry(AtFields f, String pdu) {
        // <index>,<stat>,[<alpha>],<length>; Pantech omits alpha: "17,3,35".
        int last = f.size() - 1;
        return new StoredSms(f.requireInt(0, "index"), f.requireInt(1, "stat"), f.size() >= 4 ? f.textOrEmpty(2) : "",
                f.requireInt(last, "length"), pdu);
    }

    /** The answer of AT+CMGR=<index>. */
    public static StoredSms parseRead(List<String> lines) {
        AtFields f = null;
        StringBuilder pdu = new StringBuilder();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.regionMatches(true, 0, "+CMGR:", 0, 6)) {
                f = AtFields.of(line, "+CMGR:");
            } else if (f != null) {
                pdu.append(line);
            }
        }
        if (f == null) {
            throw new AtParseException("no +CMGR line in the answer");
        }
        int last = f.size() - 1;
        return new StoredSms(-1, f.requireInt(0, "stat"), f.size() >= 3 ? f.textOrEmpty(1) : "",
                f.requireInt(last, "length"), pdu.toString());
    }

    /** A +CMT URC: header payload and the PDU line. */
    public static StoredSms parseDelivery(String payload, String pdu) {
        AtFields f = AtFields.split(payload);
        return new StoredSms(-1, -1, f.size() >= 2 ? f.textOrEmpty(0) : "", f.requireInt(f.size() - 1, "length"),
                pdu.strip());
    }

    public OptionalInt indexIfStored() {
        return index >= 0 ? OptionalInt.of(index) : OptionalInt.empty();
    }

    public SmsPdu decode() {
        return SmsPdu.decodeDeliver(pdu);
    }
}
