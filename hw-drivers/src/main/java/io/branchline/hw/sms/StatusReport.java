package io.branchline.hw.sms;

import io.branchline.hw.at.parse.AtParseException;
import io.branchline.hw.at.parse.Gsm7;
import io.branchline.hw.at.parse.SmsPdu;

/**
 * An SMS-STATUS-REPORT (23.040 9.2.2.3), as +CDS carries it in PDU mode: which sent message it is about (the
 * message reference +CMGS gave), to whom, and what became of it. 27.005 puts the SMSC address before the
 * TPDU, but not every modem does; the TPDU length +CDS announces tells which, so both are read.
 *
 * @param status TP-ST: 0x00-0x1F done (0 received), 0x20-0x3F the centre still tries, 0x40-0x5F failed for
 *               good, 0x60-0x7F the centre gave up
 */
public record StatusReport(int reference, String recipient, String dischargedAt, int status) {

    public boolean delivered() {
        return status <= 0x1F;
    }

    /** Whether the centre has stopped trying (a permanent error, or a temporary one it gave up on). */
    public boolean failed() {
        return status >= 0x40;
    }

    /** The status in words, for the API and the log. */
    public String describe() {
        if (delivered()) {
            return status == 0 ? "delivered" : "delivered (status " + status + ")";
        }
        if (status < 0x40) {
            return "pending (the centre still tries, status " + status + ")";
        }
        return "failed (status " + status + ")";
    }

    /** The PDU of a +CDS with TPDU length {@code tpduLength} (-1 when unknown: the SMSC part is assumed). */
    public static StatusReport decode(String hex, int tpduLength) {
        byte[] b = Gsm7.hex(hex);
        int pos = 0;
        if (tpduLength < 0 || b.length > tpduLength) {
            pos = 1 + (b.length == 0 ? 0 : b[0] & 0xff); // the SMSC address, skipped
        }
        if (pos + 2 > b.length) {
            throw new AtParseException("status report shorter than its header");
        }
        int first = b[pos] & 0xff;
        if ((first & 0x03) != 0x02) {
            throw new AtParseException("not a status report (message type " + (first & 0x03) + ")");
        }
        int mr = b[pos + 1] & 0xff;
        pos += 2;
        if (pos + 2 > b.length) {
            throw new AtParseException("status report ends in its recipient");
        }
        int digits = b[pos] & 0xff;
        int addressOctets = (digits + 1) / 2;
        if (digits > 20 || pos + 2 + addressOctets + 14 + 1 > b.length) {
            throw new AtParseException("status report shorter than its lengths say");
        }
        String number = SmsPdu.address(java.util.Arrays.copyOfRange(b, pos + 1, pos + 2 + addressOctets), digits);
        pos += 2 + addressOctets;
        byte[] discharge = java.util.Arrays.copyOfRange(b, pos + 7, pos + 14); // after the centre's time stamp
        int status = b[pos + 14] & 0x7f;
        return new StatusReport(mr, number, SmsPdu.timestamp(discharge), status);
    }
}
