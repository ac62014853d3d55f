package io.branchline.hw.at;

import static io.branchline.hw.at.AtSamples.finals;
import static io.branchline.hw.at.AtSamples.infos;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.hw.at.parse.Signal;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsqSamplesTest {
    static final AtSamples S = AtSamples.load("csq.txt");

    @Test
    void everyCaseHasATest() {
        S.assertEveryCaseHasATest(getClass());
    }

    @Test
    void csq_amp_exec() {
        List<AtEvent> ev = S.decode("csq-amp-exec", AtCommands.signal());
        Signal s = Signal.parseCsq(infos(ev).get(0));
        assertEquals(19, s.rssi());
        assertEquals(99, s.ber());
        assertEquals(-75, s.dbm().getAsInt());
        assertEquals(5, s.bars());
    }

    @Test
    void csq_e3372_plain() {
        List<AtEvent> ev = S.decode("csq-e3372-plain", AtCommands.signal());
        Signal s = Signal.parseCsq(infos(ev).get(0));
        assertEquals(26, s.rssi());
        assertEquals(99, s.ber());
        assertEquals(List.of(FinalResult.Type.OK), finals(ev).stream().map(FinalResult::type).toList());
    }

    @Test
    void cesq_mm_lte_only() {
        Signal.Extended e = Signal.Extended.parse(S.text("cesq-mm-lte-only"));
        assertTrue(e.rxlevDbm().isEmpty());
        assertEquals(99, e.ber());
        assertEquals(255, e.rscp());
        assertEquals(255, e.ecno());
        assertEquals(-10.0, e.rsrqDb().getAsDouble());
        assertEquals(-61.0, e.rsrpDbm().getAsDouble());
    }

    @Test
    void cesq_mm_gsm_only() {
        Signal.Extended e = Signal.Extended.parse(S.text("cesq-mm-gsm-only"));
        assertEquals(-101, e.rxlevDbm().getAsInt());
        assertEquals(6, e.ber());
        assertTrue(e.rsrqDb().isEmpty());
        assertTrue(e.rsrpDbm().isEmpty());
    }

    @Test
    void hcsq_mm_wcdma() {
        Signal.HuaweiExtended h = Signal.HuaweiExtended.parse(S.text("hcsq-mm-wcdma")).orElseThrow();
        assertEquals("WCDMA", h.sysmode());
        assertEquals(List.of(30, 30, 58), java.util.Arrays.stream(h.values()).boxed().toList());
    }

    @Test
    void hcsq_mm_unquoted_lte() {
        Signal.HuaweiExtended h = Signal.HuaweiExtended.parse(S.text("hcsq-mm-unquoted-lte")).orElseThrow();
        assertEquals("LTE", h.sysmode());
        assertEquals(List.of(33, 40, 135, 11), java.util.Arrays.stream(h.values()).boxed().toList());
    }

    @Test
    void hcsq_mm_noservice_unquoted() {
        assertTrue(Signal.HuaweiExtended.parse(S.text("hcsq-mm-noservice-unquoted")).isEmpty());
    }
}
