package io.branchline.hw.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.hw.at.parse.AtParseException;
import io.branchline.hw.emulator.EmulatedSms;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class StatusReportTest {
    private static final ZonedDateTime AT = ZonedDateTime.of(2026, 12, 4, 10, 0, 0, 0, ZoneOffset.ofHours(8));

    @Test
    void aDeliveredReportWithTheCentresAddressFirst() {
        String pdu = EmulatedSms.statusReport("+8613800100500", 17, "13900000005", 0, AT, AT.plusSeconds(3));
        int tpdu = pdu.length() / 2 - 1 - Integer.parseInt(pdu.substring(0, 2), 16);
        StatusReport r = StatusReport.decode(pdu, tpdu);
        assertEquals(17, r.reference());
        assertEquals("13900000005", r.recipient());
        assertTrue(r.delivered());
        assertFalse(r.failed());
        assertEquals("2026-12-04T02:00:03Z", r.dischargedAt());
        assertEquals("delivered", r.describe());
    }

    @Test
    void aModemThatLeavesOutTheCentreIsReadByTheLengthItAnnounced() {
        String full = EmulatedSms.statusReport("+8613800100500", 200, "+8613900000004", 0x41, AT, AT);
        int sca = 1 + Integer.parseInt(full.substring(0, 2), 16);
        String tpduOnly = full.substring(sca * 2);
        StatusReport r = StatusReport.decode(tpduOnly, tpduOnly.length() / 2);
        assertEquals(200, r.reference());
        assertEquals("+8613900000004", r.recipient());
        assertTrue(r.failed());
        assertTrue(r.describe().startsWith("failed"), r.describe());
    }

    @Test
    void somethingElseOrTooShortIsRefused() {
        assertThrows(AtParseException.class, () -> StatusReport.decode("00", 0));
        assertThrows(AtParseException.class, () -> StatusReport.decode("0006", 1));
        assertThrows(AtParseException.class, () -> StatusReport.decode("0004" + "00".repeat(20), 21),
                "an SMS-DELIVER is not a report");
        assertThrows(AtParseException.class, () -> StatusReport.decode("zz", 1));
        String full = EmulatedSms.statusReport("+8613800100500", 1, "13900000005", 0, AT, AT);
        assertThrows(AtParseException.class, () -> StatusReport.decode(full.substring(0, full.length() - 4), -1));
    }
}
