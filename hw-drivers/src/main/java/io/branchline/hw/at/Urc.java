package io.branchline.hw.at;

import java.util.Optional;

/**
 * An unsolicited result code, as the modem sent it.
 *
 * @param name    what comes before the colon ({@code +CLIP}, {@code ^CEND}) or the whole line for bare codes
 *                ({@code RING}, {@code NO CARRIER}, {@code VOICE CALL: BEGIN} is named {@code VOICE CALL})
 * @param payload what follows the colon, trimmed; empty for bare codes
 * @param body    the second line of two-line URCs (+CMT, +CDS, +CBM: the PDU)
 */
public record Urc(String name, String payload, Optional<String> body) {

    public Urc(String name, String payload) {
        this(name, payload, Optional.empty());
    }

    /** Splits a line into name and payload at the first colon (if the name part looks like a code). */
    public static Urc of(String line) {
        String trimmed = line.trim();
        int colon = trimmed.indexOf(':');
        if (colon > 0 && colon < 24 && !trimmed.substring(0, colon).contains(",")) {
            return new Urc(trimmed.substring(0, colon).trim(), trimmed.substring(colon + 1).trim());
        }
        return new Urc(trimmed, "");
    }

    Urc withBody(String b) {
        return new Urc(name, payload, Optional.of(b));
    }

    public boolean is(String n) {
        return name.equalsIgnoreCase(n);
    }

    @Override
    public String toString() {
        return payload.isEmpty() ? name : name + ": " + payload + body.map(b -> " / " + b).orElse("");
    }
}
