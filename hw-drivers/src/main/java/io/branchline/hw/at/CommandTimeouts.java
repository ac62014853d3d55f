package io.branchline.hw.at;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How long each command may take. ModemManager's values are the baseline (3 s default, 10 s SIM and
 * registration, 20 s call holding and SMS listing, 90 s dialling, 300 s operator scan); ATA is 5 s because
 * 2 s reset E3131 modems mid-call (chan_dongle #50), and CCFC is 40 s as in Gammu because it waits for
 * the network.
 */
public final class CommandTimeouts {
    private static final Duration DEFAULT = Duration.ofSeconds(3);
    // Longest prefixes first: the first match wins.
    private static final Map<String, Duration> TABLE = new LinkedHashMap<>();

    static {
        TABLE.put("AT+COPS=?", Duration.ofSeconds(300));
        TABLE.put("AT+COPS=", Duration.ofSeconds(120));
        TABLE.put("AT+CPIN", Duration.ofSeconds(10));
        TABLE.put("AT+CREG", Duration.ofSeconds(10));
        TABLE.put("AT+CGREG", Duration.ofSeconds(10));
        TABLE.put("AT+CEREG", Duration.ofSeconds(10));
        TABLE.put("AT+CMGL", Duration.ofSeconds(20));
        TABLE.put("AT+CMGR", Duration.ofSeconds(10));
        TABLE.put("AT+CMGS", Duration.ofSeconds(40));
        TABLE.put("AT+CHLD", Duration.ofSeconds(20));
        TABLE.put("AT+CLCC", Duration.ofSeconds(5));
        TABLE.put("AT+CCFC", Duration.ofSeconds(40));
        TABLE.put("AT+CUSD", Duration.ofSeconds(30));
        TABLE.put("AT+CFUN", Duration.ofSeconds(15));
        TABLE.put("AT+CNUM", Duration.ofSeconds(10));
        TABLE.put("AT^DDSETEX", Duration.ofSeconds(5));
        TABLE.put("ATD", Duration.ofSeconds(90));
        TABLE.put("ATA", Duration.ofSeconds(5));
        TABLE.put("ATZ", Duration.ofSeconds(6));
    }

    private CommandTimeouts() {
    }

    public static Duration forCommand(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        for (Map.Entry<String, Duration> e : TABLE.entrySet()) {
            if (upper.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return DEFAULT;
    }
}
