package io.branchline.hw.at.parse;

import io.branchline.hw.at.Urc;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Huawei's call-progress URCs, which drive the call state on E1550-class modems (chan_dongle's model):
 * {@code ^ORIG:<idx>,<type>} dialling, {@code ^CONF:<idx>} alerting, {@code ^CONN:<idx>,<type>} answered,
 * {@code ^CEND:<idx>,<duration>,<end status>[,<cc cause>]} ended (cause 16 normal clearing, 17 busy).
 */
public record HuaweiCallEvent(Phase phase, int index, OptionalInt duration, OptionalInt endStatus,
                              OptionalInt ccCause) {

    public enum Phase { ORIG, CONF, CONN, CEND }

    public static Optional<HuaweiCallEvent> of(Urc urc) {
        Phase phase;
        switch (urc.name().toUpperCase()) {
            case "^ORIG" -> phase = Phase.ORIG;
            case "^CONF" -> phase = Phase.CONF;
            case "^CONN" -> phase = Phase.CONN;
            case "^CEND" -> phase = Phase.CEND;
            default -> {
                return Optional.empty();
            }
        }
        AtFields f = AtFields.split(urc.payload());
        if (phase != Phase.CEND) {
            return Optional.of(new HuaweiCallEvent(phase, f.requireInt(0, "call index"), OptionalInt.empty(),
                    OptionalInt.empty(), OptionalInt.empty()));
        }
        return Optional.of(new HuaweiCallEvent(phase, f.requireInt(0, "call index"), f.integer(1), f.integer(2),
                f.integer(3)));
    }
}
