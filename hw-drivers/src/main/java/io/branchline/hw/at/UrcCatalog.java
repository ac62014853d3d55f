package io.branchline.hw.at;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which lines are unsolicited result codes. A prefix that is also a command's response (+CREG:, +CLCC:,
 * +CPIN:, +CUSD:, +CCWA:) is a response only while that command runs and the line has the response's
 * shape; otherwise it is a URC. NO CARRIER and friends are URCs except while ATD/ATA runs.
 */
final class UrcCatalog {
    private static final Set<String> BARE = Set.of(
            "RING", "NO CARRIER", "BUSY", "NO ANSWER", "NO DIALTONE",
            "+PACSP0", "+PACSP1", "^SYSSTART", "RDY", "SMS DONE", "CALL READY", "SMS READY", "PB DONE",
            "NORMAL POWER DOWN", "POWERED DOWN", "^SMMEMFULL");

    private static final List<String> PREFIXES = List.of(
            "+CLIP:", "+CRING:", "+CLCC:", "+CCWA:", "+CMTI:", "+CMT:", "+CDS:", "+CDSI:", "+CBM:", "+CUSD:",
            "+CREG:", "+CGREG:", "+CEREG:", "+C5GREG:", "+CPIN:", "+CSSI:", "+CSSU:", "+CIEV:", "+CFUN:",
            "+QIND:", "+RXDTMF:", "+QTONEDET:", "+CGEV:", "+CTZV:", "+CTZE:", "+QUSIM:",
            "^ORIG:", "^CONF:", "^CONN:", "^CEND:", "^RSSI:", "^HCSQ:", "^BOOT:", "^MODE:", "^SRVST:",
            "^SIMST:", "^NWTIME:", "^CIEV:", "^DSFLOWRPT:", "^STIN:", "^DDTMF:", "^CSNR:", "^SYSINFOEX:",
            "VOICE CALL:", "MISSED_CALL:");

    /** URCs whose PDU follows on the next line. */
    private static final Set<String> TWO_LINE = Set.of("+CMT:", "+CDS:", "+CBM:");

    private UrcCatalog() {
    }

    /** The catalogued prefix (or bare code) the line starts with, or null. */
    static String prefixOf(String line) {
        String upper = line.toUpperCase(Locale.ROOT);
        if (BARE.contains(upper.trim())) {
            return upper.trim();
        }
        for (String p : PREFIXES) {
            if (upper.startsWith(p)) {
                return p;
            }
        }
        return null;
    }

    static boolean isTwoLine(String prefix) {
        return TWO_LINE.contains(prefix);
    }

    /**
     * Whether a line with a catalogued prefix is the running command's response rather than a URC.
     * {@code +CREG: 2} (one field) during AT+CREG? is the URC form; {@code +CREG: 2,5,...} the response.
     */
    static boolean isResponse(String prefix, String line, AtCommand running) {
        if (running == null || running.responsePrefix().isEmpty()) {
            return false;
        }
        if (!running.responsePrefix().get().equalsIgnoreCase(prefix)) {
            return false;
        }
        if (prefix.endsWith("REG:")) {
            return RegistrationShape.canBeSolicited(line.substring(prefix.length()));
        }
        return true;
    }

    static boolean looksLikeCode(String line) {
        char c = line.isEmpty() ? ' ' : line.charAt(0);
        return c == '+' || c == '^' || c == '*' || c == '#';
    }
}
