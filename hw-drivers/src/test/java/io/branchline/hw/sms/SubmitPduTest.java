package io.branchline.hw.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.hw.emulator.EmulatedSms;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SMS-SUBMIT PDUs as 23.040 and 23.038 lay them out, read back by the emulated network's own decoder (which
 * reads gammu's PDUs too, GammuPeerTest) and checked against the textbook example.
 */
class SubmitPduTest {
    private static String reassembled(List<SubmitPdu> pdus) {
        return pdus.stream().map(p -> EmulatedSms.submitted(p.hex()))
                .sorted(Comparator.comparingInt(EmulatedSms.Submitted::part))
                .map(EmulatedSms.Submitted::text).collect(Collectors.joining());
    }

    @Test
    void theTextbookHelloHelloExample() {
        // "hellohello" to +46708251358 (the classic SMS-SUBMIT example): the same octets but for the
        // validity period, which this box sets to 24 hours (A7) where the example has 4 days (AA).
        SubmitPdu p = SubmitPdu.encode("+46708251358", "hellohello", 0, false).getFirst();
        assertEquals("0011000B916407281553F80000A70AE8329BFD4697D9EC37", p.hex());
        assertEquals(p.hex().length() / 2 - 1, p.tpduLength());
        assertEquals(1, p.parts());
    }

    @Test
    void chineseAndEmojiGoAsUcs2AndComeBackWhole() {
        String text = "您好，王先生：您的贷款已审批 👍🏻 回复1致电";
        List<SubmitPdu> pdus = SubmitPdu.encode("13900000005", text, 7, true);
        assertEquals(1, pdus.size());
        EmulatedSms.Submitted read = EmulatedSms.submitted(pdus.getFirst().hex());
        assertEquals(text, read.text());
        assertEquals(0x08, read.dcs());
        assertEquals("13900000005", read.destination());
        assertTrue(read.statusReport());
        assertTrue(SubmitPdu.plan(text).ucs2());
    }

    @Test
    void aLongGsm7TextIsSplitInto153SeptetPartsWithOneReference() {
        String text = "x".repeat(161);
        List<SubmitPdu> pdus = SubmitPdu.encode("10086", text, 42, false);
        assertEquals(2, pdus.size());
        for (SubmitPdu p : pdus) {
            EmulatedSms.Submitted read = EmulatedSms.submitted(p.hex());
            assertEquals(42, read.reference());
            assertEquals(2, read.parts());
            assertTrue(read.udhi());
            assertTrue(p.tpduLength() <= 140 + 15, "a part fits one message: " + p.tpduLength());
        }
        assertEquals(153, EmulatedSms.submitted(pdus.get(0).hex()).text().length());
        assertEquals(text, reassembled(pdus));
        assertEquals(160, EmulatedSms.submitted(SubmitPdu.encode("10086", "y".repeat(160), 0, false)
                .getFirst().hex()).text().length(), "160 characters still fit one message");
    }

    @Test
    void anEscapePairIsNeverCutBetweenParts() {
        // 152 letters, then €: its two septets (ESC 0x65) would straddle the 153-septet boundary.
        String text = "a".repeat(152) + "€" + "b".repeat(20);
        List<SubmitPdu> pdus = SubmitPdu.encode("10086", text, 1, false);
        assertEquals(2, pdus.size());
        assertEquals("a".repeat(152), EmulatedSms.submitted(pdus.get(0).hex()).text());
        assertEquals(text, reassembled(pdus));
        assertFalse(SubmitPdu.plan(text).ucs2(), "€ is in the extension table: still GSM-7");
    }

    @Test
    void anEmojiIsNeverCutBetweenParts() {
        String text = "一".repeat(66) + "😀" + "二".repeat(10);
        List<SubmitPdu> pdus = SubmitPdu.encode("10086", text, 1, false);
        assertEquals(2, pdus.size());
        assertEquals("一".repeat(66), EmulatedSms.submitted(pdus.get(0).hex()).text());
        assertEquals(text, reassembled(pdus));
    }

    @Test
    void gsm7SpecialCharactersRoundTrip() {
        String text = "Price: 5€ [min] {max} ~tilde~ back\\slash ^caret| @£$¥ èéùìò ÄÖÑÜ§¿ äöñüà\nline 2";
        assertEquals(text, reassembled(SubmitPdu.encode("+8613800000001", text, 0, false)));
        assertFalse(SubmitPdu.plan(text).ucs2());
    }

    @Test
    void theLongestTextFitsTenPartsAndOneMoreCharacterIsRefused() {
        assertEquals(10, SubmitPdu.encode("10086", "z".repeat(1530), 0, false).size());
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> SubmitPdu.encode("10086", "z".repeat(1531), 0, false));
        assertTrue(tooLong.getMessage().startsWith("text:"), tooLong.getMessage());
        assertEquals(10, SubmitPdu.encode("10086", "字".repeat(670), 0, false).size());
        assertThrows(IllegalArgumentException.class, () -> SubmitPdu.encode("10086", "字".repeat(671), 0, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "*100#", "#31#139", "12a45", "+", "++86139", "123456789012345678901", " 139"})
    void aNumberIsDigitsOnly(String number) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SubmitPdu.encode(number, "hi", 0, false));
        assertTrue(e.getMessage().startsWith("number:"), e.getMessage());
    }

    @Test
    void emptyTextAndBadReferencesAreRefusedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SubmitPdu.encode("10086", "", 0, false))
                .getMessage().startsWith("text:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SubmitPdu.encode("10086", null, 0, false))
                .getMessage().startsWith("text:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SubmitPdu.encode("10086", "a", 256, false))
                .getMessage().startsWith("reference:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SubmitPdu.encode(null, "a", 0, false))
                .getMessage().startsWith("number:"));
    }

    @Test
    void anOddLengthNumberIsPaddedWithF() {
        SubmitPdu p = SubmitPdu.encode("10086", "a", 0, false).getFirst();
        assertTrue(p.hex().startsWith("0011000581" + "0180F6"), p.hex());
    }
}
