package io.branchline.hw.at.parse;

import java.util.Locale;

/**
 * What AT+CPIN? says about the SIM lock. Longest codes first, so that "SIM PIN2" is not read as "SIM PIN";
 * a leading quote (Motorola) is dropped. A modem without a SIM answers +CME ERROR 10 instead: that is
 * {@link #ABSENT}, which the driver maps.
 */
public enum SimState {
    READY("READY"),
    SIM_PIN2("SIM PIN2"), SIM_PUK2("SIM PUK2"),
    SIM_PIN("SIM PIN"), SIM_PUK("SIM PUK"),
    PH_SIM_PIN("PH-SIM PIN"), PH_FSIM_PIN("PH-FSIM PIN"), PH_FSIM_PUK("PH-FSIM PUK"),
    PH_NET_PIN("PH-NET PIN"), PH_NET_PUK("PH-NET PUK"), PH_NETSUB_PIN("PH-NETSUB PIN"),
    PH_NETSUB_PUK("PH-NETSUB PUK"), PH_SP_PIN("PH-SP PIN"), PH_SP_PUK("PH-SP PUK"),
    PH_CORP_PIN("PH-CORP PIN"), PH_CORP_PUK("PH-CORP PUK"),
    // Vendors' words for no card: 27.007 has none; Quectel "NOT INSERTED", others "NO SIM", "SIM REMOVED".
    ABSENT("NOT INSERTED", "SIM NOT INSERTED", "NO SIM", "SIM REMOVED", "SIM FAILURE"), UNKNOWN("?");

    private final String[] codes;

    SimState(String... codes) {
        this.codes = codes;
    }

    public static SimState parse(String line) {
        String s = line.strip();
        if (s.regionMatches(true, 0, "+CPIN:", 0, 6)) {
            s = s.substring(6);
        }
        s = s.strip().replace("\"", "").toUpperCase(Locale.ROOT);
        SimState best = UNKNOWN;
        int bestLength = 0;
        for (SimState st : values()) {
            for (String code : st.codes) {
                if (s.startsWith(code) && code.length() > bestLength) {
                    best = st;
                    bestLength = code.length();
                }
            }
        }
        return best;
    }

    public boolean needsCode() {
        return this != READY && this != ABSENT && this != UNKNOWN;
    }
}
