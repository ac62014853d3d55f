package io.branchline.box.number;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of number normalisation: every form of one subscriber reads as that subscriber (so the call
 * guard's lists cannot be bypassed by spelling), and no service code ever passes.
 */
class PhoneNumberPropertyTest {

    @Property(tries = 2000)
    void everyFormOfAMobileIsItsSubscriber(@ForAll("mobiles") String mobile, @ForAll("mobileForms") Form form) {
        assertEquals(mobile, PhoneNumber.parse("number", form.spell(mobile)).subscriber());
    }

    @Property(tries = 1000)
    void everyFormOfAFixedLineIsItsSubscriber(@ForAll("fixedLines") String areaAndLocal, @ForAll("fixedForms") Form form) {
        assertEquals("0" + areaAndLocal, PhoneNumber.parse("number", form.spell(areaAndLocal)).subscriber());
    }

    @Property(tries = 2000)
    void noServiceCodePasses(@ForAll("serviceCodes") String code) {
        assertThrows(InvalidNumberException.class, () -> PhoneNumber.parse("number", code));
    }

    @Property(tries = 2000)
    void whatPassesIsDialableDigits(@ForAll("anyText") String text) {
        try {
            String d = PhoneNumber.parse("number", text).dialable();
            assertEquals(true, d.matches("\\+?[0-9]{7,16}"), d);
        } catch (InvalidNumberException expected) {
            // refused: fine
        }
    }

    /** A way of writing a number down. */
    interface Form {
        String spell(String number);
    }

    @Provide
    Arbitrary<String> mobiles() {
        return Combinators.combine(Arbitraries.integers().between(3, 9), Arbitraries.strings().numeric().ofLength(9))
                .as((second, rest) -> "1" + second + rest);
    }

    @Provide
    Arbitrary<String> fixedLines() {
        // area codes 10, 2x, 3xx-9xx; local numbers of 7 or 8 digits from 2-9
        Arbitrary<String> area = Arbitraries.oneOf(Arbitraries.just("10"),
                Arbitraries.strings().numeric().ofLength(1).map(d -> "2" + d),
                Combinators.combine(Arbitraries.integers().between(3, 9), Arbitraries.strings().numeric().ofLength(2))
                        .as((a, b) -> a + b));
        Arbitrary<String> local = Combinators.combine(Arbitraries.integers().between(2, 9),
                Arbitraries.strings().numeric().ofMinLength(6).ofMaxLength(7)).as((a, b) -> a + b);
        return Combinators.combine(area, local).as((a, l) -> a + l);
    }

    @Provide
    Arbitrary<Form> mobileForms() {
        return Arbitraries.of(
                n -> n, n -> "+86" + n, n -> "+86 " + n.substring(0, 3) + "-" + n.substring(3, 7) + "-" + n.substring(7),
                n -> "0086" + n, n -> "86" + n, n -> "0" + n, n -> "+860" + n, n -> "17951" + n, n -> "12593 " + n,
                n -> "17911-" + n, n -> " " + n + " ", n -> "(" + n.substring(0, 3) + ") " + n.substring(3),
                n -> "0086 0" + n, n -> "17909" + n);
    }

    @Provide
    Arbitrary<Form> fixedForms() {
        return Arbitraries.of(n -> "0" + n, n -> "+86" + n, n -> "+86 0" + n, n -> "0086" + n, n -> "17951 0" + n,
                n -> "0" + n.substring(0, 2) + "-" + n.substring(2));
    }

    @Provide
    Arbitrary<String> serviceCodes() {
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(15);
        Arbitrary<String> marks = Arbitraries.strings().withChars('*', '#').ofMinLength(1).ofMaxLength(3);
        return Combinators.combine(digits, marks, digits, Arbitraries.integers().between(0, 2))
                .as((a, m, b, where) -> switch (where) {
                    case 0 -> m + a + b;
                    case 1 -> a + m + b;
                    default -> a + b + m;
                });
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.strings().withChars("0123456789+*#-() ,;x\r\n\u0000\u001bATD").ofMaxLength(30);
    }
}
