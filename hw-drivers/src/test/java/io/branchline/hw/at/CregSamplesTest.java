package io.branchline.hw.at;

import static io.branchline.hw.at.AtSamples.finals;
import static io.branchline.hw.at.AtSamples.infos;
import static io.branchline.hw.at.AtSamples.urcs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.hw.at.parse.AtParseException;
import io.branchline.hw.at.parse.Registration;
import io.branchline.hw.at.parse.Registration.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class CregSamplesTest {
    static final AtSamples S = AtSamples.load("creg.txt");

    @Test
    void everyCaseHasATest() {
        S.assertEveryCaseHasATest(getClass());
    }

    private static Registration solicited(String name) {
        List<AtEvent> ev = S.decode(name, AtCommands.registration());
        return Registration.parseSolicited(infos(ev).get(0));
    }

    private static Registration urc(String name) {
        List<AtEvent> ev = S.decode(name, null);
        Urc u = urcs(ev).get(0);
        return Registration.parseUrc(u.name() + ": " + u.payload());
    }

    @Test
    void creg_mm_1_solicited() {
        Registration r = solicited("creg-mm-1-solicited");
        assertEquals(1, r.n().getAsInt());
        assertEquals(Status.DENIED, r.status());
        assertTrue(r.lac().isEmpty());
        assertTrue(r.ci().isEmpty());
    }

    @Test
    void creg_mm_mercury_solicited() {
        Registration r = solicited("creg-mm-mercury-solicited");
        assertEquals(Status.HOME, r.status());
        assertEquals(0x84CD, r.lac().getAsLong());
        assertEquals(0xD30173, r.ci().getAsLong());
    }

    @Test
    void creg_mm_sek850i_solicited_quoted() {
        Registration r = solicited("creg-mm-sek850i-solicited-quoted");
        assertEquals(2, r.n().getAsInt());
        assertEquals(Status.HOME, r.status());
        assertEquals(0xCE00, r.lac().getAsLong());
        assertEquals(0x01CEAD8FL, r.ci().getAsLong());
    }

    @Test
    void creg_mm_e160g_unregistered_zero_lac() {
        Registration r = solicited("creg-mm-e160g-unregistered-zero-lac");
        assertEquals(Status.NOT_REGISTERED, r.status());
        assertEquals(0, r.lac().getAsLong());
        assertEquals(0, r.ci().getAsLong());
    }

    @Test
    void creg_mm_xu870_urc_empty_fields() {
        Registration r = urc("creg-mm-xu870-urc-empty-fields");
        assertEquals(Status.SEARCHING, r.status());
        assertTrue(r.lac().isEmpty());
        assertTrue(r.ci().isEmpty());
    }

    @Test
    void creg_mm_urc_with_act_leading_zeros() {
        Registration r = urc("creg-mm-urc-with-act-leading-zeros");
        assertEquals(Status.HOME, r.status());
        assertEquals(1, r.lac().getAsLong());
        assertEquals(0x10, r.ci().getAsLong());
        assertEquals(0, r.act().getAsInt());
    }

    @Test
    void creg_mm_md400_roaming() {
        // Arrives like a URC, but has the solicited layout (n=2, stat=5): read as ModemManager does.
        List<AtEvent> ev = S.decode("creg-mm-md400-roaming", null);
        Urc u = urcs(ev).get(0);
        Registration r = Registration.parseSolicited(u.name() + ": " + u.payload());
        assertEquals(Status.ROAMING, r.status());
        assertEquals(0x0502, r.lac().getAsLong());
        assertEquals(0x0404736DL, r.ci().getAsLong());
    }

    @Test
    void creg_mm_cgreg_random_spaces() {
        List<AtEvent> ev = S.decode("creg-mm-cgreg-random-spaces", null);
        Urc u = urcs(ev).get(0);
        assertEquals("+CGREG", u.name());
        Registration r = Registration.parseSolicited(u.name() + ": " + u.payload());
        assertEquals(Status.HOME, r.status());
        assertEquals(0x81ED, r.lac().getAsLong());
        assertEquals(0x1A9CEB, r.ci().getAsLong());
    }

    @Test
    void creg_mm_gobi_space_inside_number() {
        List<AtEvent> ev = S.decode("creg-mm-gobi-space-inside-number", AtCommands.registration());
        Registration r = Registration.parseSolicited(infos(ev).get(0));
        assertEquals(2, r.n().getAsInt());
        assertEquals(Status.HOME, r.status());
        assertEquals(0, r.lac().getAsLong());
        assertEquals(0x2715, r.ci().getAsLong());
    }

    @Test
    void creg_mm_cereg_spaces_lte() {
        List<AtEvent> ev = S.decode("creg-mm-cereg-spaces-lte", AtCommands.lteRegistration());
        Registration r = Registration.parseSolicited(infos(ev).get(0));
        assertEquals("CEREG", r.kind());
        assertEquals(Status.HOME, r.status());
        assertEquals(0x1F00, r.lac().getAsLong());
        assertEquals(0x79D903, r.ci().getAsLong());
        assertEquals(7, r.act().getAsInt());
    }

    @Test
    void creg_mm_c5greg() {
        Registration r = Registration.parseSolicited(S.text("creg-mm-c5greg"));
        assertEquals("C5GREG", r.kind());
        assertEquals(Status.HOME, r.status());
        assertEquals(0x1F00, r.lac().getAsLong());
        assertEquals(0x79D903, r.ci().getAsLong());
        assertEquals(11, r.act().getAsInt());
    }

    @Test
    void creg_gammu_none() {
        List<AtEvent> ev = S.decode("creg-gammu-none", AtCommands.registration());
        assertEquals(List.of("AT+CREG?"), AtSamples.echoes(ev));
        Registration r = Registration.parseSolicited(infos(ev).get(0));
        assertEquals(0, r.n().getAsInt());
        assertEquals(Status.NOT_REGISTERED, r.status());
        assertEquals(FinalResult.Type.OK, finals(ev).get(0).type());
    }

    @Test
    void creg_gammu_sierra_with_act() {
        List<AtEvent> ev = S.decode("creg-gammu-sierra-with-act", AtCommands.registration());
        Registration r = Registration.parseSolicited(infos(ev).get(0));
        assertEquals(Status.ROAMING, r.status());
        assertEquals(0x2AF5, r.lac().getAsLong());
        assertEquals(0x0B88E350L, r.ci().getAsLong());
        assertEquals(2, r.act().getAsInt());
    }

    @Test
    void creg_gammu_mismatched_quotes() {
        List<AtEvent> ev = S.decode("creg-gammu-mismatched-quotes", AtCommands.registration());
        assertEquals(FinalResult.Type.OK, finals(ev).get(0).type());
        assertThrows(AtParseException.class, () -> Registration.parseSolicited(infos(ev).get(0)));
    }

    @Test
    void creg_dongle_unquoted() {
        Registration r = Registration.parseSolicited(S.text("creg-dongle-unquoted"));
        assertEquals(Status.HOME, r.status());
        assertTrue(r.status().registered());
        assertEquals(0x9110, r.lac().getAsLong());
        assertEquals(0x7E6, r.ci().getAsLong());
    }

    @Test
    void creg_amp_urc_then_response() {
        List<AtEvent> ev = S.decode("creg-amp-urc-then-response", AtCommands.registration());
        List<Urc> u = urcs(ev);
        assertEquals(List.of("^SRVST", "^MODE", "+CREG"), u.stream().map(Urc::name).toList());
        assertEquals("0", u.get(0).payload());
        assertEquals("0,0", u.get(1).payload());
        assertEquals(Status.SEARCHING, Registration.parseUrc("+CREG: " + u.get(2).payload()).status());
        Registration r = Registration.parseSolicited(infos(ev).get(0));
        assertEquals(2, r.n().getAsInt());
        assertEquals(Status.ROAMING, r.status());
        assertEquals(0x1607, r.lac().getAsLong());
        assertEquals(0x14DB, r.ci().getAsLong());
    }
}
