package io.branchline.hw.at.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.branchline.hw.at.Urc;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The keys modems report: Quectel's ASCII codes (+QTONEDET: 57 is 9, 70 the 2300 Hz tone and no key), SIMCom's
 * and Huawei's keys as they are (ModemManager's +RXDTMF samples), and nothing for what is no key.
 */
class DtmfKeyTest {
    static Optional<Character> key(String line) {
        return DtmfKey.of(Urc.of(line));
    }

    @Test
    void eachFamilysShapeGivesItsKey() {
        assertEquals(Optional.of('9'), key("+QTONEDET: 57"));
        assertEquals(Optional.of('*'), key("+QTONEDET: 42"));
        assertEquals(Optional.of('#'), key("+QTONEDET:35"));
        assertEquals(Optional.of('A'), key("+QTONEDET: 65"));
        for (String k : new String[] {"8", "*", "#", "A"}) {
            assertEquals(Optional.of(k.charAt(0)), key("+RXDTMF: " + k), k);
        }
        assertEquals(Optional.of('5'), key("^DDTMF: 5"));
        assertEquals(Optional.of('d'), key("+rxdtmf: d").map(Character::toLowerCase));
    }

    @Test
    void whatIsNoKeyIsNone() {
        for (String line : new String[] {"+QTONEDET: 70", "+QTONEDET: 999", "+QTONEDET: x", "+QTONEDET:", "+RXDTMF: 12",
            "+RXDTMF: E", "+RXDTMF:", "^DDTMF: ?", "+CLIP: \"1\",129"}) {
            assertEquals(Optional.empty(), key(line), line);
        }
    }
}
