package io.branchline.box.line;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.branchline.box.config.BoxConfig;
import io.branchline.box.config.ConfigException;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of a line's configuration an installer or admin may change while the box runs, in the file's
 * own keys: prefix and own number (per SIM slot too), rotation, the frequent-call warning, on a desk
 * phone's card 1 its dial mode and call-forward delay, and what a call to the line does (inbound). The wiring (ports, USB paths, GPIO pins, which slots
 * a multiplexer has and the cards expected in them) stays the file's alone.
 */
public record LineSettings(String prefix, @JsonProperty("own-number") String ownNumber,
                           @JsonProperty("sim-mux") Mux simMux, BoxConfig.Rotation rotation,
                           @JsonProperty("frequent-call-warning") BoxConfig.FrequentCallWarning frequentCallWarning,
                           @JsonProperty("dial-mode") String dialMode,
                           @JsonProperty("forward-delay-ms") Integer forwardDelayMs,
                           String inbound, @JsonProperty("inbound-when-busy") String inboundWhenBusy,
                           @JsonProperty("inbound-menu") String inboundMenu,
                           @JsonProperty("inbound-refusal") String inboundRefusal) {

    /** The slots' own numbers and prefixes; a slot is named by its number. */
    public record Mux(List<Slot> slots) {
        public Mux {
            slots = slots == null ? List.of() : List.copyOf(slots);
        }
    }

    public record Slot(Integer slot, String prefix, @JsonProperty("own-number") String ownNumber) {
        public Slot {
            prefix = prefix == null ? "" : prefix;
            ownNumber = ownNumber == null ? "" : ownNumber;
        }
    }

    public LineSettings {
        prefix = prefix == null ? "" : prefix;
        ownNumber = ownNumber == null ? "" : ownNumber;
        dialMode = dialMode == null ? "" : dialMode;
        inbound = inbound == null ? "" : inbound;
        inboundWhenBusy = inboundWhenBusy == null ? "" : inboundWhenBusy;
        inboundMenu = inboundMenu == null ? "" : inboundMenu;
        inboundRefusal = inboundRefusal == null ? "" : inboundRefusal;
    }

    /** What {@code m} sets. */
    public static LineSettings of(BoxConfig.Modem m) {
        Mux mux = m.simMux() == null ? null : new Mux(m.simMux().slots().stream()
                .map(s -> new Slot(s.slot(), s.prefix(), s.ownNumber())).toList());
        return new LineSettings(m.prefix(), m.ownNumber(), mux, m.rotation(), m.frequentCallWarning(), m.dialMode(),
                m.forwardDelayMs(), m.inbound(), m.inboundWhenBusy(), m.inboundMenu(), m.inboundRefusal());
    }

    /**
     * The file's line {@code file} with these settings in place of its own; refuses a slot the multiplexer
     * does not have, and slots on a line without one. The result still needs ConfigLoader.checkDialing.
     */
    public BoxConfig.Modem onto(BoxConfig.Modem file) {
        BoxConfig.SimMux mux = file.simMux();
        if (simMux != null && !simMux.slots().isEmpty()) {
            if (mux == null) {
                throw new ConfigException("", "sim-mux", "this line has no SIM multiplexer; give prefix and own-number"
                        + " for its one SIM");
            }
            List<BoxConfig.Slot> slots = new ArrayList<>();
            for (BoxConfig.Slot s : mux.slots()) {
                slots.add(new BoxConfig.Slot(s.slot(), s.iccid(), "", ""));
            }
            for (int j = 0; j < simMux.slots().size(); j++) {
                Slot given = simMux.slots().get(j);
                int at = indexOf(slots, given.slot());
                if (at < 0) {
                    throw new ConfigException("", "sim-mux.slots[" + j + "].slot", "slot " + given.slot()
                            + " is not one of this line's multiplexer (the configuration file lists its slots)");
                }
                slots.set(at, new BoxConfig.Slot(given.slot(), slots.get(at).iccid(), given.ownNumber(), given.prefix()));
            }
            mux = new BoxConfig.SimMux(mux.selectPins(), slots);
        }
        return new BoxConfig.Modem(file.id(), file.port(), file.usbPath(), file.usbInterface(), file.imei(), file.pin(),
                ownNumber, prefix, mux, rotation, frequentCallWarning, file.hookPin(), dialMode, forwardDelayMs, inbound,
                inboundWhenBusy, inboundMenu, file.ringerPin(), inboundRefusal);
    }

    private static int indexOf(List<BoxConfig.Slot> slots, Integer slot) {
        for (int i = 0; i < slots.size(); i++) {
            if (slots.get(i).slot().equals(slot)) {
                return i;
            }
        }
        return -1;
    }
}
