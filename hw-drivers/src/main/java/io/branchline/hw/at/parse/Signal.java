package io.branchline.hw.at.parse;

import java.util.OptionalInt;

/**
 * Signal strength from +CSQ (27.007 8.5): rssi 0..31 means -113 + 2·rssi dBm, 99 unknown.
 *
 * @param rssi the raw 0..31 (or 99) value
 * @param ber  bit error rate 0..7, 99 unknown
 */
public record Signal(int rssi, int ber) {
    public static final int UNKNOWN = 99;

    public static Signal parseCsq(String line) {
        AtFields f = AtFields.of(line, "+CSQ:");
        return new Signal(f.requireInt(0, "rssi"), f.integer(1).orElse(UNKNOWN));
    }

    public static Signal unknown() {
        return new Signal(UNKNOWN, UNKNOWN);
    }

    public boolean known() {
        return rssi >= 0 && rssi <= 31;
    }

    public OptionalInt dbm() {
        return known() ? OptionalInt.of(-113 + 2 * rssi) : OptionalInt.empty();
    }

    /**
     * Bars, 0 to 5, the way a phone shows them: none below -107 dBm (rssi < 3), then one bar per
     * step up to five at -75 dBm (rssi 19) and above. Unknown signal shows 0.
     */
    public int bars() {
        if (!known() || rssi < 3) {
            return 0;
        }
        if (rssi >= 19) {
            return 5;
        }
        if (rssi >= 15) {
            return 4;
        }
        if (rssi >= 10) {
            return 3;
        }
        if (rssi >= 6) {
            return 2;
        }
        return 1;
    }

    /** Huawei's ^RSSI: URC carries the same 0..31 scale. */
    public static Signal parseHuaweiRssi(String payload) {
        return new Signal(AtFields.split(payload).requireInt(0, "rssi"), UNKNOWN);
    }

    /**
     * +CESQ (27.007 8.69): rxlev, ber, rscp, ecno, rsrq, rsrp; 99 or 255 means not available.
     */
    public record Extended(int rxlev, int ber, int rscp, int ecno, int rsrq, int rsrp) {
        public static Extended parse(String line) {
            AtFields f = AtFields.of(line, "+CESQ:");
            return new Extended(f.requireInt(0, "rxlev"), f.requireInt(1, "ber"), f.requireInt(2, "rscp"),
                    f.requireInt(3, "ecno"), f.requireInt(4, "rsrq"), f.requireInt(5, "rsrp"));
        }

        /** GSM level in dBm: rxlev 0..63 is -111 + rxlev (rxlev 10 gives -101). */
        public OptionalInt rxlevDbm() {
            return rxlev >= 0 && rxlev <= 63 ? OptionalInt.of(-111 + rxlev) : OptionalInt.empty();
        }

        /** LTE RSRQ in dB: rsrq 0..34 is -20 + rsrq/2. */
        public java.util.OptionalDouble rsrqDb() {
            return rsrq >= 0 && rsrq <= 34 ? java.util.OptionalDouble.of(-20 + rsrq / 2.0)
                    : java.util.OptionalDouble.empty();
        }

        /** LTE RSRP in dBm: rsrp 0..97 is -141 + rsrp. */
        public java.util.OptionalDouble rsrpDbm() {
            return rsrp >= 0 && rsrp <= 97 ? java.util.OptionalDouble.of(-141 + rsrp) : java.util.OptionalDouble.empty();
        }
    }

    /**
     * Huawei ^HCSQ: {@code <sysmode>[,<v1>[,<v2>...]]}; the sysmode may be quoted or not. NOSERVICE (or no
     * value) is no signal data, as ModemManager says.
     */
    public record HuaweiExtended(String sysmode, int[] values) {
        public static java.util.Optional<HuaweiExtended> parse(String line) {
            AtFields f = AtFields.of(line, "^HCSQ:");
            String mode = f.textOrEmpty(0);
            if (mode.isEmpty() || mode.equalsIgnoreCase("NOSERVICE") || f.size() < 2) {
                return java.util.Optional.empty();
            }
            int[] v = new int[f.size() - 1];
            for (int i = 1; i < f.size(); i++) {
                v[i - 1] = f.requireInt(i, "value " + i);
            }
            return java.util.Optional.of(new HuaweiExtended(mode, v));
        }
    }
}
