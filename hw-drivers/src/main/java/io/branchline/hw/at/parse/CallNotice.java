package io.branchline.hw.at.parse;

import io.branchline.hw.at.Urc;
import java.util.Optional;

/**
 * Call URCs of SIMCom and the generic set that carry a little text: "VOICE CALL: BEGIN|END" (SIMCom, also
 * the cue to enable PCM), "MISSED_CALL: 11:01AM 07712345678", "+RXDTMF: 8", "+CRING: VOICE".
 */
public record CallNotice(Kind kind, String detail) {

    public enum Kind { VOICE_CALL_BEGIN, VOICE_CALL_END, MISSED_CALL, DTMF, RING }

    public static Optional<CallNotice> of(Urc urc) {
        String name = urc.name().toUpperCase();
        String p = urc.payload();
        return switch (name) {
            case "VOICE CALL" -> Optional.of(new CallNotice(p.toUpperCase().startsWith("BEGIN") ? Kind.VOICE_CALL_BEGIN
                    : Kind.VOICE_CALL_END, p));
            case "MISSED_CALL" -> Optional.of(new CallNotice(Kind.MISSED_CALL, p));
            case "+RXDTMF" -> Optional.of(new CallNotice(Kind.DTMF, p));
            case "+CRING", "RING" -> Optional.of(new CallNotice(Kind.RING, p));
            default -> Optional.empty();
        };
    }
}
