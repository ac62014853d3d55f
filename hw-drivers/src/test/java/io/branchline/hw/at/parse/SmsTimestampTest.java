package io.branchline.hw.at.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** TS 23.040 9.2.3.11: the service centre time stamp is the sender's local time with its zone. */
class SmsTimestampTest {
    @Test
    void aMessageSentAtNineInChinaIsOneFifteenUtc() {
        // 26-11-22 09:15:30, zone +32 quarter hours (+08:00), semi-octets swapped
        byte[] scts = {0x62, 0x11, 0x22, (byte) 0x90, 0x51, 0x03, 0x23};
        assertEquals("2026-11-22T01:15:30Z", SmsPdu.timestamp(scts));
    }

    @Test
    void theSignBitMakesTheZoneWestOfGreenwich() {
        // zone -20 quarter hours (-05:00): digit 2 with the sign bit (0x8) in the first semi-octet
        byte[] scts = {0x62, 0x11, 0x22, (byte) 0x90, 0x51, 0x03, 0x0A};
        assertEquals("2026-11-22T14:15:30Z", SmsPdu.timestamp(scts));
    }

    @Test
    void aStampThatIsNoDateIsKeptWithItsOffset() {
        byte[] scts = {0x62, 0x31, 0x22, (byte) 0x90, 0x51, 0x03, 0x23}; // month 13
        assertEquals("2026-13-22T09:15:30+08:00", SmsPdu.timestamp(scts));
    }
}
