package io.branchline.hw.at.parse;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A +CUSD answer: {@code <m>[,<str>[,<dcs>]]}. The same field carries plain text, UCS2 as hex, or packed
 * GSM-7 as hex (Huawei with dcs 15 or 0), and the dcs does not reliably say which, so the text is decoded
 * by what it looks like: UCS2 when the dcs says so (72, 17, or its UCS2 bits), packed GSM-7 when it is an
 * even run of hex digits with dcs 0 or 15, plain text otherwise. UCS2 is read as UTF-16 and cut at U+0000.
 *
 * @param type 0 done, 1 more input wanted (menu), 2 ended by network, 3 answered elsewhere, 4 not
 *             supported, 5 network timeout
 */
public record Ussd(int type, Optional<String> raw, OptionalInt dcs, String text) {

    public static Ussd parse(String line) {
        AtFields f = AtFields.of(line, "+CUSD:");
        int type = f.requireInt(0, "type");
        Optional<String> raw = f.text(1).map(String::strip);
        OptionalInt dcs = f.integer(2);
        return new Ussd(type, raw, dcs, raw.map(r -> decode(r, dcs.orElse(-1))).orElse(""));
    }

    static String decode(String raw, int dcs) {
        boolean hex = raw.length() >= 2 && raw.length() % 2 == 0 && raw.matches("[0-9A-Fa-f]+");
        if (hex && isUcs2(dcs) && raw.length() % 4 == 0) {
            String s = new String(Gsm7.hex(raw), StandardCharsets.UTF_16BE);
            int nul = s.indexOf('\u0000');
            return nul >= 0 ? s.substring(0, nul) : s;
        }
        if (hex && (dcs == 0 || dcs == 15 || dcs < 0) && raw.length() >= 8) {
            return Gsm7.decode(Gsm7.unpackAll(Gsm7.hex(raw))).replaceAll("[\r\n]+$", "");
        }
        return raw;
    }

    // CBS data coding (23.038 5): 0x11 is UCS2 with a language prefix; group 01xx with bits 3..2 = 10 is UCS2.
    private static boolean isUcs2(int dcs) {
        return dcs == 0x11 || dcs == 72 || (dcs >= 0 && (dcs & 0xC0) == 0x40 && (dcs & 0x0C) == 0x08);
    }
}
