package io.branchline.hw.at;

import static io.branchline.hw.at.AtSamples.echoes;
import static io.branchline.hw.at.AtSamples.finals;
import static io.branchline.hw.at.AtSamples.infos;
import static io.branchline.hw.at.AtSamples.strays;
import static io.branchline.hw.at.AtSamples.urcs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.hw.at.FinalResult.Type;
import io.branchline.hw.at.parse.AtParseException;
import io.branchline.hw.at.parse.CallNotice;
import io.branchline.hw.at.parse.CallWaitingStatus;
import io.branchline.hw.at.parse.CallerId;
import io.branchline.hw.at.parse.HuaweiCallEvent;
import io.branchline.hw.at.parse.NetworkTime;
import io.branchline.hw.at.parse.SmsNotice;
import io.branchline.hw.at.parse.StorageStatus;
import io.branchline.hw.at.parse.StoredSms;
import io.branchline.hw.at.parse.SystemInfo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UrcStreamSamplesTest {
    static final AtSamples S = AtSamples.load("urc-streams.txt");

    @Test
    void everyCaseHasATest() {
        S.assertEveryCaseHasATest(getClass());
    }

    private static List<String> names(List<Urc> urcs) {
        return urcs.stream().map(Urc::name).toList();
    }

    @Test
    void urc_amp_info_urc_ok_urc() {
        AtCommand sysinfo = AtCommands.raw("AT^SYSINFO", true);
        List<AtEvent> ev = S.decode("urc-amp-info-urc-ok-urc", sysinfo);
        SystemInfo si = SystemInfo.parse(infos(ev).get(0));
        assertEquals(2, si.serviceStatus());
        assertEquals(3, si.serviceDomain());
        assertFalse(si.roaming());
        assertEquals(5, si.sysMode());
        assertEquals(1, si.simState());
        assertTrue(si.lock().isEmpty());
        assertEquals(4, si.subMode().getAsInt());
        // The URC that arrived between the info line and OK is not part of the answer, and the one after OK is
        // delivered too.
        assertEquals(1, infos(ev).size());
        List<Urc> u = urcs(ev);
        assertEquals(List.of("+CMTI", "+CMTI"), names(u));
        assertEquals(new SmsNotice("SM", 26), SmsNotice.parse(u.get(0).payload()));
        assertEquals(Type.OK, finals(ev).get(0).type());
        int okAt = ev.indexOf(finals(ev).stream().map(AtEvent.Final::new).findFirst().get());
        assertTrue(ev.get(okAt - 1) instanceof AtEvent.Unsolicited && ev.get(okAt + 1) instanceof AtEvent.Unsolicited);
    }

    @Test
    void urc_amp_urc_inside_cmgl_pdu() {
        // Three commands in a row: AT+CMGL=? then two listings; the decoder is told each time.
        AtDecoder d = new AtDecoder();
        List<AtEvent> ev = new ArrayList<>();
        List<List<String>> answers = new ArrayList<>();
        List<String> current = new ArrayList<>();
        d.expect(AtCommands.listSms());
        // Byte by byte: the next command is only sent once the previous one has ended.
        for (byte b : S.get("urc-amp-urc-inside-cmgl-pdu").bytes()) {
            for (AtEvent e : d.feed(new byte[] {b})) {
                ev.add(e);
                if (e instanceof AtEvent.Info i) {
                    current.add(i.line());
                } else if (e instanceof AtEvent.Final) {
                    answers.add(current);
                    current = new ArrayList<>();
                    d.expect(AtCommands.listSms());
                }
            }
        }
        assertEquals(3, answers.size());
        assertEquals(List.of("+CMGL: (0-4)"), answers.get(0));
        assertEquals(List.of(), StoredSms.parseList(answers.get(0)));
        List<StoredSms> first = StoredSms.parseList(answers.get(1));
        assertEquals(1, first.size());
        assertEquals(666, first.get(0).index());
        assertEquals(1, first.get(0).stat());
        assertEquals(22, first.get(0).length());
        assertEquals("AAAAAAAAAAAAA" + "AAAAAAAAAAAAAAAA", first.get(0).pdu());
        List<StoredSms> second = StoredSms.parseList(answers.get(2));
        assertEquals(2, second.size());
        assertEquals(0, second.get(0).index());
        assertEquals("07913306007110811094904003CF7A1A", second.get(0).pdu());
        assertEquals(4, second.get(1).index());
        assertEquals(0, second.get(1).stat());
        assertEquals(24, second.get(1).length());
        assertEquals("07976499200007110815063404005CF7AFAFD06", second.get(1).pdu());
        assertEquals(List.of("+CMTI", "^BOOT"), names(urcs(ev)));
    }

    @Test
    void urc_amp_unknown_urcs() {
        List<AtEvent> ev = S.decode("urc-amp-unknown-urcs", null);
        assertEquals(List.of("+PACSP0", "^SYSSTART", "^BOOT"), names(urcs(ev)));
        assertEquals("37478870,0,0,0,77", urcs(ev).get(2).payload());
        assertEquals(List.of(), infos(ev));
    }

    @Test
    void unknownUrcsDuringACommandAreNotBoundToIt() {
        AtDecoder d = new AtDecoder();
        d.expect(AtCommands.signal());
        List<AtEvent> ev = d.feed("\r\n+XYZNEW: 1,2\r\n+CSQ: 20,99\r\n\r\nOK\r\n".getBytes());
        assertEquals(List.of("+CSQ: 20,99"), infos(ev));
        assertEquals(new AtEvent.Unsolicited(Urc.of("+XYZNEW: 1,2"), false), ev.get(0));
    }

    @Test
    void urc_amp_ring_alone() {
        assertEquals(List.of("RING"), names(urcs(S.decode("urc-amp-ring-alone", null))));
    }

    @Test
    void urc_gammu_huawei_nwtime_before_echo() {
        AtCommand cpms = AtCommands.raw("AT+CPMS=\"SM\",\"SM\"", true);
        List<AtEvent> ev = S.decode("urc-gammu-huawei-nwtime-before-echo", cpms);
        Urc nw = urcs(ev).get(0);
        assertEquals("^NWTIME", nw.name());
        NetworkTime t = NetworkTime.parse(nw.payload());
        assertEquals("18/03/09", t.date());
        assertEquals("12:36:21", t.time());
        assertEquals(4, t.quarterHours());
        assertEquals(0, t.dst());
        assertEquals(List.of("AT+CPMS=\"SM\",\"SM\""), echoes(ev));
        StorageStatus st = StorageStatus.parse(infos(ev).get(0));
        assertEquals(3, st.stores().size());
        assertEquals(0, st.stores().get(0).used());
        assertEquals(20, st.stores().get(0).total());
        assertEquals(Type.OK, finals(ev).get(0).type());
    }

    @Test
    void urc_mm_clip_trailing_fields() {
        Urc u = urcs(S.decode("urc-mm-clip-trailing-fields", null)).get(0);
        CallerId c = CallerId.parseClip(u.payload());
        assertEquals("123456789", c.number());
        assertEquals(129, c.type());
        assertEquals(0, c.validity().getAsInt());
        assertFalse(c.withheld());
    }

    @Test
    void urc_simtech_cring_one_cr() {
        Urc u = urcs(S.decode("urc-simtech-cring-one-cr", null)).get(0);
        CallNotice n = CallNotice.of(u).orElseThrow();
        assertEquals(CallNotice.Kind.RING, n.kind());
        assertEquals("VOICE", n.detail());
    }

    @Test
    void urc_simtech_rxdtmf_two_crs() {
        List<Urc> u = urcs(S.decode("urc-simtech-rxdtmf-two-crs", null));
        assertEquals(List.of("8", "*", "#", "A"), u.stream().map(x -> CallNotice.of(x).orElseThrow().detail()).toList());
    }

    @Test
    void urc_simtech_voice_call_end() {
        Urc u = urcs(S.decode("urc-simtech-voice-call-end", null)).get(0);
        assertEquals(CallNotice.Kind.VOICE_CALL_END, CallNotice.of(u).orElseThrow().kind());
    }

    @Test
    void urc_simtech_missed_call() {
        Urc u = urcs(S.decode("urc-simtech-missed-call", null)).get(0);
        CallNotice n = CallNotice.of(u).orElseThrow();
        assertEquals(CallNotice.Kind.MISSED_CALL, n.kind());
        assertEquals("11:01AM 07712345678", n.detail());
    }

    @Test
    void urc_mm_ccwa_extra_fields() {
        Urc u = urcs(S.decode("urc-mm-ccwa-extra-fields", null)).get(0);
        assertEquals("+CCWA", u.name());
        CallerId c = CallerId.parseCcwa(u.payload());
        assertEquals("123456789", c.number());
        assertEquals(129, c.type());
    }

    @Test
    void ccwa_mm_query_voice_fax_enabled() {
        AtCommand q = AtCommands.raw("AT+CCWA=1,2", true);
        List<AtEvent> ev = S.decode("ccwa-mm-query-voice-fax-enabled", q);
        // No command prefix was declared for the raw query: the lines arrive as URCs; read them either way.
        List<String> lines = new ArrayList<>(infos(ev));
        urcs(ev).forEach(u -> lines.add(u.name() + ": " + u.payload()));
        assertTrue(CallWaitingStatus.parse(lines).voiceEnabled());
    }

    @Test
    void ccwa_mm_query_unexpected_state() {
        assertThrows(AtParseException.class,
                () -> CallWaitingStatus.parse(List.of(S.text("ccwa-mm-query-unexpected-state").split("\r\n"))));
    }

    @Test
    void urc_dongle_huawei_two_calls_hwbug2() {
        AtDecoder d = new AtDecoder();
        List<AtEvent> ev = new ArrayList<>();
        // Call 1 was dialled before the capture starts; its URCs arrive while AT+CHLD=2 is being sent.
        List<AtCommand> commands = List.of(AtCommands.raw("AT+CHLD=2", true), AtCommands.dial(new DialString("200")),
                AtCommands.raw("AT+CHLD=11", true));
        int next = 0;
        d.expect(commands.get(next++));
        for (byte b : S.get("urc-dongle-huawei-two-calls-hwbug2").bytes()) {
            for (AtEvent e : d.feed(new byte[] {b})) {
                ev.add(e);
                if (e instanceof AtEvent.Final && next < commands.size()) {
                    d.expect(commands.get(next++));
                }
            }
        }
        assertEquals(List.of(Type.OK, Type.OK, Type.OK), finals(ev).stream().map(FinalResult::type).toList());
        List<HuaweiCallEvent> calls = urcs(ev).stream().map(u -> HuaweiCallEvent.of(u).orElseThrow()).toList();
        assertEquals(List.of("ORIG1", "CONF1", "CONN1", "ORIG2", "CONF2", "CONN2", "CEND1"),
                calls.stream().map(c -> c.phase() + "" + c.index()).toList());
    }

    @Test
    void urc_cend_spaces_then_busy() {
        List<AtEvent> ev = S.decode("urc-cend-spaces-then-busy", AtCommands.dial(new DialString("555")));
        HuaweiCallEvent end = HuaweiCallEvent.of(urcs(ev).get(0)).orElseThrow();
        assertEquals(HuaweiCallEvent.Phase.CEND, end.phase());
        assertEquals(1, end.index());
        assertEquals(0, end.duration().getAsInt());
        assertEquals(67, end.endStatus().getAsInt());
        assertEquals(17, end.ccCause().getAsInt());
        assertEquals(Type.BUSY, finals(ev).get(0).type());
    }

    @Test
    void urc_mm_in_call_nocarrier() {
        // No command running: the remote hung up.
        List<AtEvent> idle = S.decode("urc-mm-in-call-nocarrier", null);
        assertEquals(List.of("NO CARRIER"), names(urcs(idle)));
        assertEquals(List.of(), strays(idle));
        // A query running (CLCC poll) when the remote hangs up: still the URC, the query goes on.
        List<AtEvent> polling = S.decode("urc-mm-in-call-nocarrier", AtCommands.listCalls());
        assertEquals(List.of("NO CARRIER"), names(urcs(polling)));
        assertEquals(List.of(), finals(polling));
        // ATD running: the dial failed.
        List<AtEvent> dialing = S.decode("urc-mm-in-call-nocarrier", AtCommands.dial(new DialString("555")));
        assertEquals(Type.NO_CARRIER, finals(dialing).get(0).type());
        assertEquals(List.of(), urcs(dialing));
    }
}
