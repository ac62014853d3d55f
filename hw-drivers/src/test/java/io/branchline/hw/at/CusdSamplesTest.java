package io.branchline.hw.at;

import static io.branchline.hw.at.AtSamples.echoes;
import static io.branchline.hw.at.AtSamples.finals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.hw.at.parse.Ussd;
import java.util.List;
import org.junit.jupiter.api.Test;

class CusdSamplesTest {
    static final AtSamples S = AtSamples.load("cusd.txt");

    @Test
    void everyCaseHasATest() {
        S.assertEveryCaseHasATest(getClass());
    }

    /** +CUSD arrives as a URC after the command's OK; decode it the way the box receives it. */
    private static Ussd received(String name) {
        Urc u = AtSamples.urcs(S.decode(name, null)).get(0);
        return Ussd.parse("+CUSD: " + u.payload());
    }

    @Test
    void cusd_dongle_type0_dcs0() {
        Ussd u = received("cusd-dongle-type0-dcs0");
        assertEquals(0, u.type());
        assertEquals("CF2135487D2E4130572D0682BB1A", u.raw().orElseThrow());
        assertEquals(0, u.dcs().getAsInt());
        assertEquals("OCTATOK 0.51 p.", u.text());
    }

    @Test
    void cusd_dongle_type_only() {
        Ussd u = received("cusd-dongle-type-only");
        assertEquals(5, u.type());
        assertTrue(u.raw().isEmpty());
        assertTrue(u.dcs().isEmpty());
    }

    @Test
    void cusd_gammu_e160_unquoted_no_dcs() {
        Ussd u = received("cusd-gammu-e160-unquoted-no-dcs");
        assertEquals(0, u.type());
        assertTrue(u.dcs().isEmpty());
        assertTrue(u.raw().orElseThrow().startsWith("49B41C"), "leading space dropped");
        assertTrue(u.text().startsWith("Ihr Guthaben"), u.text());
        assertTrue(u.text().contains("7.95 Euro"), u.text());
    }

    @Test
    void cusd_gammu_terminated_by_network() {
        Ussd u = received("cusd-gammu-terminated-by-network");
        assertEquals(2, u.type());
        assertEquals(0, u.dcs().getAsInt());
        assertEquals("Maaf, permintaan Anda tidak dapat kami proses. Silakan coba beberapa saat lagi.", u.text());
    }

    @Test
    void cusd_gammu_e3276_ucs2_dcs72() {
        Ussd u = received("cusd-gammu-e3276-ucs2-dcs72");
        assertEquals(72, u.dcs().getAsInt());
        assertEquals("Для справки о балансе наберите *105#. Услуга бесплатна.", u.text());
    }

    @Test
    void cusd_gammu_he910_ucs2_garbage_tail() {
        Ussd u = received("cusd-gammu-he910-ucs2-garbage-tail");
        assertEquals(2, u.type());
        assertEquals(17, u.dcs().getAsInt());
        assertTrue(u.text().endsWith("2018-11-09"), u.text());
        assertTrue(u.text().indexOf('\u0000') < 0 && u.text().indexOf('\uffff') < 0);
    }

    @Test
    void cusd_gammu_cme_132_not_supported() {
        List<AtEvent> ev = S.decode("cusd-gammu-cme-132-not-supported",
                AtCommands.raw("AT+CUSD=1,\"002A003900390023\",15", true));
        assertEquals(1, echoes(ev).size());
        assertEquals(FinalResult.Type.CME_ERROR, finals(ev).get(0).type());
        assertEquals(132, finals(ev).get(0).code());
    }
}
