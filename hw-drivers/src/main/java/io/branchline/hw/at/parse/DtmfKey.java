package io.branchline.hw.at.parse;

import io.branchline.hw.at.Urc;
import java.util.Optional;

/**
 * A key the caller pressed, as the modem detected it: Quectel's {@code +QTONEDET: 49} (the key's ASCII code;
 * 70 is the 2300 Hz tone, not a key), SIMCom's {@code +RXDTMF: 1}, Huawei's {@code ^DDTMF: 1}. Anything but
 * 0-9, *, # and A-D is no key.
 */
public final class DtmfKey {
    private static final String KEYS = "0123456789*#ABCD";

    private DtmfKey() {
    }

    public static Optional<Character> of(Urc urc) {
        String p = urc.payload().trim();
        return switch (urc.name().toUpperCase()) {
            case "+QTONEDET" -> code(p);
            case "+RXDTMF", "^DDTMF" -> p.length() == 1 ? key(p.charAt(0)) : code(p);
            default -> Optional.empty();
        };
    }

    private static Optional<Character> code(String p) {
        if (!p.matches("\\d{2,3}")) {
            return Optional.empty();
        }
        return key((char) Integer.parseInt(p));
    }

    private static Optional<Character> key(char c) {
        char k = Character.toUpperCase(c);
        return KEYS.indexOf(k) >= 0 ? Optional.of(k) : Optional.empty();
    }
}
