package io.branchline.box.number;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One subscriber, many spellings: every form a customer's number arrives in reads as the same number. */
class PhoneNumberTest {

    @ParameterizedTest
    @ValueSource(strings = {"13900000005", "+8613900000005", "+86 139-0000-0005", "008613900000005",
            "8613900000005", "013900000005", "+86013900000005", "1795113900000005", "12593 13900000005",
            "17911-139-0000-0005", "(139) 0000 0005", "139.0000.0005"})
    void everyFormOfOneMobileIsTheSameSubscriber(String form) {
        PhoneNumber n = PhoneNumber.parse("number", form);
        assertEquals("13900000005", n.subscriber());
        assertEquals("13900000005", n.dialable());
        assertEquals(PhoneNumber.Kind.MOBILE, n.kind());
    }

    @ParameterizedTest
    @CsvSource({"0755-12345678,075512345678", "+86 755 12345678,075512345678", "+86 0755 12345678,075512345678",
            "010 12345678,01012345678", "+86 10 12345678,01012345678", "0086 21 87654321,02187654321",
            "17951 0755 12345678,075512345678"})
    void fixedLinesKeepTheirAreaCodeWithTheTrunkZero(String form, String subscriber) {
        PhoneNumber n = PhoneNumber.parse("number", form);
        assertEquals(subscriber, n.subscriber());
        assertEquals(PhoneNumber.Kind.FIXED_LINE, n.kind());
    }

    @Test
    void internationalAndLocalNumbers() {
        assertEquals("+85291234567", PhoneNumber.parse("number", "+852 9123 4567").dialable());
        assertEquals("+85291234567", PhoneNumber.parse("number", "00852 9123 4567").subscriber());
        assertEquals(PhoneNumber.Kind.LOCAL, PhoneNumber.parse("number", "87654321").kind());
        assertEquals("12", PhoneNumber.parse("number", "0755-12345678 ext 12").extension());
        assertEquals("3", PhoneNumber.parse("number", "075512345678转3").extension());
        assertEquals("+6834002", PhoneNumber.parse("number", "+683 4002").dialable(), "Niue: the shortest in use");
    }

    @ParameterizedTest
    @ValueSource(strings = {"**21*13812345678#", "*100#", "#31#13900000005", "*31#13900000005", "+", "#", "*",
            "##002#", "*#06#", "13900000005#", "*13900000005"})
    void serviceCodesAreNotPhoneNumbers(String code) {
        InvalidNumberException e = assertThrows(InvalidNumberException.class, () -> PhoneNumber.parse("number", code));
        assertEquals("number", e.field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc123", "", "  ", "139000000051390000000513900000005139000000051", "12345",
            "1390000000", "10086", "139 0000 0005\r\nATH", "139\u00000000005", "\u001b[31m13900000005",
            "+0013900000005", "13900000005;", "AT+CHUP", "0", "00", "+86", "+100000", "+63012 9"})
    void whatIsNotANumberIsRefusedNamingTheField(String bad) {
        InvalidNumberException e = assertThrows(InvalidNumberException.class, () -> PhoneNumber.parse("customer", bad));
        assertEquals("customer", e.field());
        assertTrue(e.getMessage().chars().noneMatch(c -> c < 0x20), "the message holds no control characters: "
                + e.getMessage());
    }
}
