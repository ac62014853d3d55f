package io.branchline.hw.at;

import java.util.Locale;
import java.util.Map;

/** The verbose +CME ERROR texts of 3GPP 27.007 9.2, mapped back to their codes (for AT+CMEE=2 modems). */
final class CmeErrors {
    private static final Map<String, Integer> CODES = Map.ofEntries(
            Map.entry("phone failure", 0),
            Map.entry("no connection to phone", 1),
            Map.entry("operation not allowed", 3),
            Map.entry("operation not supported", 4),
            Map.entry("ph-sim pin required", 5),
            Map.entry("sim not inserted", 10),
            Map.entry("sim pin required", 11),
            Map.entry("sim puk required", 12),
            Map.entry("sim failure", 13),
            Map.entry("sim busy", 14),
            Map.entry("sim wrong", 15),
            Map.entry("incorrect password", 16),
            Map.entry("sim pin2 required", 17),
            Map.entry("sim puk2 required", 18),
            Map.entry("memory full", 20),
            Map.entry("invalid index", 21),
            Map.entry("not found", 22),
            Map.entry("memory failure", 23),
            Map.entry("text string too long", 24),
            Map.entry("invalid characters in text string", 25),
            Map.entry("dial string too long", 26),
            Map.entry("invalid characters in dial string", 27),
            Map.entry("no network service", 30),
            Map.entry("network timeout", 31),
            Map.entry("network not allowed - emergency calls only", 32),
            Map.entry("unknown", 100),
            Map.entry("service option not supported", 132));

    private CmeErrors() {
    }

    /** The code for a verbose error text, or -1 when the text is not in the table. */
    static int codeOf(String text) {
        return CODES.getOrDefault(text.trim().toLowerCase(Locale.ROOT), -1);
    }
}
