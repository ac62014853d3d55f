package io.branchline.hw.at;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.branchline.hw.at.parse.Operator;
import io.branchline.hw.at.parse.OwnNumber;
import java.util.List;
import org.junit.jupiter.api.Test;

class CnumCopsSamplesTest {
    static final AtSamples S = AtSamples.load("cnum-cops.txt");

    @Test
    void everyCaseHasATest() {
        S.assertEveryCaseHasATest(getClass());
    }

    private static List<OwnNumber> cnum(String name) {
        return OwnNumber.parse(AtSamples.infos(S.decode(name, AtCommands.ownNumber())));
    }

    @Test
    void cnum_mm_generic() {
        OwnNumber n = cnum("cnum-mm-generic").get(0);
        assertEquals("something", n.alpha());
        assertEquals("1234567890", n.number());
        assertEquals(161, n.type());
    }

    @Test
    void cnum_mm_alpha_unquoted() {
        assertEquals("1234567890", cnum("cnum-mm-alpha-unquoted").get(0).number());
    }

    @Test
    void cnum_mm_multiple() {
        assertEquals(List.of("+34600000001", "+34600000002", "1234567890"),
                cnum("cnum-mm-multiple").stream().map(OwnNumber::number).toList());
    }

    @Test
    void cnum_dongle_empty_number() {
        assertEquals("", cnum("cnum-dongle-empty-number").get(0).number());
    }

    @Test
    void cnum_dongle_all_empty() {
        assertEquals("", cnum("cnum-dongle-all-empty").get(0).number());
        assertEquals("", OwnNumber.first(List.of(S.text("cnum-dongle-all-empty"))));
    }

    @Test
    void cnum_dongle_unquoted_number() {
        assertEquals("+79139131234", cnum("cnum-dongle-unquoted-number").get(0).number());
    }

    @Test
    void cops_mm_read_long_name() {
        Operator o = Operator.parse(S.text("cops-mm-read-long-name"));
        assertEquals(1, o.mode());
        assertEquals(0, o.format().getAsInt());
        assertEquals("CHINA MOBILE", o.name().orElseThrow());
        assertEquals(true, o.act().isEmpty());
    }

    @Test
    void cops_mm_read_numeric() {
        Operator o = Operator.parse(S.text("cops-mm-read-numeric"));
        assertEquals(2, o.format().getAsInt());
        assertEquals("46000", o.name().orElseThrow());
        assertEquals("460", o.mcc().orElseThrow());
        assertEquals("00", o.mnc().orElseThrow());
    }

    @Test
    void cops_dongle_missing_closing_quote() {
        assertEquals("TELE2", Operator.parse(S.text("cops-dongle-missing-closing-quote")).name().orElseThrow());
    }

    @Test
    void cops_mm_scan_tm506_unbalanced() {
        List<Operator.Network> n = Operator.parseScan(S.text("cops-mm-scan-tm506-unbalanced"));
        assertEquals(3, n.size());
        assertEquals(new Operator.Network(2, "", "T-Mobile", "31026", java.util.OptionalInt.of(0)), n.get(0));
        assertEquals(new Operator.Network(2, "T - Mobile", "T - Mobile", "310260", java.util.OptionalInt.of(2)),
                n.get(1));
        assertEquals(new Operator.Network(1, "AT&T", "AT&T", "310410", java.util.OptionalInt.of(0)), n.get(2));
    }
}
