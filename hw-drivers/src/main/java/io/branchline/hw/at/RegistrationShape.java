package io.branchline.hw.at;

/**
 * Whether a +CREG / +CGREG / +CEREG line can be the answer of AT+CREG? at all. The bytes alone cannot tell
 * the solicited form ({@code <n>,<stat>[,<lac>,<ci>[,<act>]]}) from the URC ({@code <stat>[,<lac>,<ci>
 * [,<act>]]}) - ModemManager's tests hold URCs in the solicited layout (Sony-Ericsson MD400, Samsung S8500)
 * and answers with zero-padded fields (Iridium's {@code 002,001}) - so the decoder goes by what is waiting:
 * while the query runs, its first such line is the answer, unless its shape rules that out: a single field
 * (only a URC has just {@code <stat>}), or a second field that is a LAC (quoted, hex letters, four digits
 * or more) rather than a {@code <stat>}.
 */
final class RegistrationShape {
    private RegistrationShape() {
    }

    static boolean canBeSolicited(String payload) {
        String[] f = payload.split(",", -1);
        if (f.length < 2) {
            return false;
        }
        String second = f[1].strip();
        return second.matches("\\d{1,3}");
    }
}
