package io.branchline.hw.at;

import static io.branchline.hw.at.AtSamples.echoes;
import static io.branchline.hw.at.AtSamples.finals;
import static io.branchline.hw.at.AtSamples.infos;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.hw.at.FinalResult.Type;
import io.branchline.hw.at.parse.Forwarding;
import java.util.List;
import org.junit.jupiter.api.Test;

class CcfcSamplesTest {
    static final AtSamples S = AtSamples.load("ccfc.txt");

    @Test
    void everyCaseHasATest() {
        S.assertEveryCaseHasATest(getClass());
    }

    private static final AtCommand QUERY_ALL = AtCommands.raw("AT+CCFC=4,0", true);

    @Test
    void ccfc_gammu_complete() {
        List<AtEvent> ev = S.decode("ccfc-gammu-complete", QUERY_ALL);
        assertEquals(List.of("AT+CCFC=4,0"), echoes(ev));
        Forwarding f = Forwarding.parse(infos(ev)).get(0);
        assertTrue(f.active());
        assertEquals(7, f.serviceClass());
        assertEquals("+420800123456", f.number());
        assertEquals(129, f.type().getAsInt());
        assertEquals(Type.OK, finals(ev).get(0).type());
        assertTrue(Forwarding.voiceForwardedTo(List.of(f), "+420800123456"));
    }

    @Test
    void ccfc_gammu_ma260_trailing_empty_fields() {
        List<AtEvent> ev = S.decode("ccfc-gammu-ma260-trailing-empty-fields", QUERY_ALL);
        Forwarding f = Forwarding.parse(infos(ev)).get(0);
        assertTrue(f.active());
        assertEquals(1, f.serviceClass());
        assertEquals("+420123456678", f.number());
        assertEquals(145, f.type().getAsInt());
        assertEquals(Type.OK, finals(ev).get(0).type());
    }

    @Test
    void ccfc_huawei_e3372_cancel_all_cme_171() {
        List<AtEvent> ev = S.decode("ccfc-huawei-e3372-cancel-all-cme-171", AtCommands.raw("AT+CCFC=4,4", true));
        assertEquals(List.of("AT+CCFC=4,4"), echoes(ev));
        assertEquals(Type.CME_ERROR, finals(ev).get(0).type());
        assertEquals(171, finals(ev).get(0).code());
    }

    @Test
    void ccfc_tc35_register_empty_number_ok() {
        List<AtEvent> ev = S.decode("ccfc-tc35-register-empty-number-ok", AtCommands.raw("AT+CCFC=0,3,,,1", true));
        assertEquals(Type.OK, finals(ev).get(0).type());
    }

    @Test
    void ccfc_tc35_mode0_no_number_error() {
        List<AtEvent> ev = S.decode("ccfc-tc35-mode0-no-number-error", AtCommands.raw("AT+CCFC=0,0", true));
        assertEquals(Type.ERROR, finals(ev).get(0).type());
    }
}
