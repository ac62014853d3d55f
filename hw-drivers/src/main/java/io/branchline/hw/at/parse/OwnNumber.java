package io.branchline.hw.at.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of AT+CNUM: {@code +CNUM: [<alpha>],<number>,<type>}. Prepaid SIMs often hold no number
 * ({@code +CNUM: ,,145}); then the installer enters it.
 */
public record OwnNumber(String alpha, String number, int type) {

    public static List<OwnNumber> parse(List<String> lines) {
        List<OwnNumber> out = new ArrayList<>();
        for (String line : lines) {
            if (!line.strip().regionMatches(true, 0, "+CNUM:", 0, 6)) {
                continue;
            }
            AtFields f = AtFields.of(line, "+CNUM:");
            out.add(new OwnNumber(Ucs2Text.maybeDecode(f.textOrEmpty(0)),
                    Ucs2Text.maybeDecodeNumber(f.textOrEmpty(1).strip()), f.integer(2).orElse(129)));
        }
        return out;
    }

    /** The first non-empty number, or empty. */
    public static String first(List<String> lines) {
        return parse(lines).stream().map(OwnNumber::number).filter(n -> !n.isEmpty()).findFirst().orElse("");
    }
}
