package io.branchline.hw.at;

import static io.branchline.hw.at.AtSamples.finals;
import static io.branchline.hw.at.AtSamples.infos;
import static io.branchline.hw.at.AtSamples.strays;
import static io.branchline.hw.at.AtSamples.urcs;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.branchline.hw.at.FinalResult.Type;
import io.branchline.hw.at.parse.SimState;
import java.util.List;
import org.junit.jupiter.api.Test;

class CpinSamplesTest {
    static final AtSamples S = AtSamples.load("cpin.txt");

    @Test
    void everyCaseHasATest() {
        S.assertEveryCaseHasATest(getClass());
    }

    @Test
    void cpin_amp_sim_pin() {
        List<AtEvent> ev = S.decode("cpin-amp-sim-pin", AtCommands.simState());
        assertEquals(SimState.SIM_PIN, SimState.parse(infos(ev).get(0)));
        assertEquals(Type.OK, finals(ev).get(0).type());
    }

    @Test
    void cpin_gammu_no_ok_quirk_enabled() {
        List<AtEvent> ev = S.decode("cpin-gammu-no-ok-quirk-enabled", AtCommands.simStateWithoutOk());
        assertEquals(List.of("AT+CPIN?"), AtSamples.echoes(ev));
        assertEquals(SimState.READY, SimState.parse(infos(ev).get(0)));
        assertEquals(Type.OK, finals(ev).get(0).type(), "complete without an OK from the modem");
    }

    @Test
    void cpin_amp_urc_then_ring_then_ok() {
        List<AtEvent> ev = S.decode("cpin-amp-urc-then-ring-then-ok", AtCommands.simState());
        assertEquals(SimState.SIM_PIN, SimState.parse(infos(ev).get(0)));
        assertEquals(List.of(Type.OK), finals(ev).stream().map(FinalResult::type).toList());
        assertEquals("RING", urcs(ev).get(0).name());
        assertEquals(List.of("OK"), strays(ev), "the second OK belongs to no running command");
    }

    @Test
    void cpin_unit_cme_24() {
        List<AtEvent> ev = S.decode("cpin-unit-cme-24", AtCommands.simState());
        assertEquals(Type.CME_ERROR, finals(ev).get(0).type());
        assertEquals(24, finals(ev).get(0).code());
    }

    @Test
    void longerCodesWinOverTheirPrefixes() {
        assertEquals(SimState.SIM_PIN2, SimState.parse("+CPIN: SIM PIN2"));
        assertEquals(SimState.PH_NETSUB_PIN, SimState.parse("+CPIN: PH-NETSUB PIN"));
        assertEquals(SimState.READY, SimState.parse("+CPIN: \"READY\""));
    }
}
