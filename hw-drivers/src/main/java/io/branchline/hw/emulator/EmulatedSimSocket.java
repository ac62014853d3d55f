package io.branchline.hw.emulator;

import io.branchline.hw.gpio.FakeGpio;
import java.util.List;

/**
 * The hardware side of an emulated SIM multiplexer: it watches the select lines on a {@link FakeGpio} and
 * puts the chosen card into the modem, the way the real board's analog switch does. Slot 1 is all lines
 * low; an empty slot (a null card) is a modem without SIM.
 */
public final class EmulatedSimSocket {
    private final FakeGpio gpio;
    private final int[] selectPins;
    private final ModemEmulator modem;
    private final List<EmulatedSim> cards;

    public EmulatedSimSocket(FakeGpio gpio, int[] selectPins, ModemEmulator modem, List<EmulatedSim> cards) {
        this.gpio = gpio;
        this.selectPins = selectPins.clone();
        this.modem = modem;
        this.cards = List.copyOf(cards);
        gpio.onOutput(this::follow);
    }

    public List<EmulatedSim> cards() {
        return cards;
    }

    private void follow() {
        int code = 0;
        for (int i = 0; i < selectPins.length; i++) {
            try {
                if (gpio.level(selectPins[i])) {
                    code |= 1 << i;
                }
            } catch (RuntimeException notClaimedYet) {
                return;
            }
        }
        EmulatedSim card = code < cards.size() ? cards.get(code) : null;
        modem.insert(card == null ? EmulatedSim.absent() : card);
    }
}
