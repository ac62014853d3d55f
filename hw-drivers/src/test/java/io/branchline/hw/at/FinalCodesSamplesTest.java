package io.branchline.hw.at;

import static io.branchline.hw.at.AtSamples.echoes;
import static io.branchline.hw.at.AtSamples.finals;
import static io.branchline.hw.at.AtSamples.infos;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.hw.at.FinalResult.Type;
import io.branchline.hw.at.parse.OwnNumber;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FinalCodesSamplesTest {
    static final AtSamples S = AtSamples.load("final-codes.txt");

    @Test
    void everyCaseHasATest() {
        S.assertEveryCaseHasATest(getClass());
    }

    @Test
    void fc_amp_final_list() {
        // Each final ends a dial; feed line by line with a fresh ATD so that call-progress codes count as finals.
        List<Type> types = new ArrayList<>();
        AtDecoder d = new AtDecoder();
        for (String line : S.text("fc-amp-final-list").split("\r\n")) {
            d.expect(AtCommands.dial(new DialString("123")));
            for (AtEvent e : d.feed((line + "\r\n").getBytes())) {
                if (e instanceof AtEvent.Final f) {
                    types.add(f.result().type());
                }
            }
        }
        assertEquals(List.of(Type.ERROR, Type.CONNECT, Type.NO_CARRIER, Type.NO_DIALTONE, Type.BUSY, Type.NO_ANSWER,
                Type.ERROR, Type.ERROR), types);
    }

    @Test
    void fc_gammu_double_echo_cme_515() {
        List<AtEvent> ev = S.decode("fc-gammu-double-echo-cme-515", AtCommands.signal());
        assertEquals(List.of("AT+CSQ", "AT+CSQ"), echoes(ev));
        FinalResult f = finals(ev).get(0);
        assertEquals(Type.CME_ERROR, f.type());
        assertEquals(515, f.code());
    }

    @Test
    void fc_gammu_multiline_freeform_ok_no_crlf() {
        List<AtEvent> ev = S.decode("fc-gammu-multiline-freeform-ok-no-crlf", AtCommands.revision());
        assertEquals(List.of("AT+CGMR"), echoes(ev));
        List<String> info = infos(ev);
        assertEquals(5, info.size());
        assertTrue(info.get(2).contains("#1"));
        assertEquals(Type.OK, finals(ev).get(0).type());
    }

    @Test
    void fc_gammu_huawei_cscs_cr_only_lines() {
        AtCommand cscs = AtCommands.raw("AT+CSCS?", true);
        List<AtEvent> ev = S.decode("fc-gammu-huawei-cscs-cr-only-lines", cscs);
        assertEquals(List.of("+CSCS: \"GSM\""), infos(ev));
        assertEquals(Type.OK, finals(ev).get(0).type());
    }

    @Test
    void fc_serialportgsm_cme_3517() {
        List<AtEvent> ev = S.decode("fc-serialportgsm-cme-3517", AtCommands.smsPduMode());
        assertEquals(List.of("AT+CMGF=0"), echoes(ev));
        assertEquals(Type.CME_ERROR, finals(ev).get(0).type());
        assertEquals(3517, finals(ev).get(0).code());
    }

    @Test
    void fc_warthog_gcap_cme_58() {
        List<AtEvent> ev = S.decode("fc-warthog-gcap-cme-58", AtCommands.raw("AT+GCAP", true));
        assertEquals(Type.CME_ERROR, finals(ev).get(0).type());
        assertEquals(58, finals(ev).get(0).code());
    }

    @Test
    void fc_gammu_cme_100_unknown() {
        List<AtEvent> ev = S.decode("fc-gammu-cme-100-unknown", AtCommands.raw("AT+MODE=2", true));
        assertEquals(List.of("AT+MODE=2"), echoes(ev));
        assertEquals(100, finals(ev).get(0).code());
    }

    @Test
    void fc_dongle_cnum_error_glued() {
        List<AtEvent> ev = S.decode("fc-dongle-cnum-error-glued", AtCommands.ownNumber());
        AtEvent.Info info = (AtEvent.Info) ev.stream().filter(e -> e instanceof AtEvent.Info).findFirst().get();
        assertEquals("ERROR", info.attachedError());
        OwnNumber n = OwnNumber.parse(List.of(info.line())).get(0);
        assertEquals("", n.alpha());
        assertEquals("+33671651907", n.number());
        assertEquals(145, n.type());
        assertEquals(List.of(Type.OK), finals(ev).stream().map(FinalResult::type).toList());
    }

    @Test
    void fc_amp_cme_verbose_glued_to_cnum() {
        List<AtEvent> ev = S.decode("fc-amp-cme-verbose-glued-to-cnum", AtCommands.ownNumber());
        AtEvent.Info info = (AtEvent.Info) ev.stream().filter(e -> e instanceof AtEvent.Info).findFirst().get();
        FinalResult attached = FinalResult.parse(info.attachedError()).orElseThrow();
        assertEquals("invalid characters in text string", attached.text());
        assertEquals(25, attached.code());
        assertEquals("+33671651906", OwnNumber.first(infos(ev)));
        assertEquals(List.of(Type.OK), finals(ev).stream().map(FinalResult::type).toList());
    }

    @Test
    void fc_amp_echo_only() {
        AtDecoder d = new AtDecoder();
        d.expect(AtCommands.echoOff());
        List<AtEvent> ev = d.feed(S.get("fc-amp-echo-only").bytes());
        assertEquals(List.of(new AtEvent.Echo("ATE0")), ev);
        assertTrue(d.running().isPresent(), "still waiting for the final result");
    }
}
