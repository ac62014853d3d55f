package io.branchline.hw.at;

import static io.branchline.hw.at.AtSamples.finals;
import static io.branchline.hw.at.AtSamples.infos;
import static io.branchline.hw.at.AtSamples.urcs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.hw.at.parse.AtParseException;
import io.branchline.hw.at.parse.SmsNotice;
import io.branchline.hw.at.parse.SmsPdu;
import io.branchline.hw.at.parse.StorageStatus;
import io.branchline.hw.at.parse.StoredSms;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CmglSamplesTest {
    static final AtSamples S = AtSamples.load("cmgl.txt");

    @Test
    void everyCaseHasATest() {
        S.assertEveryCaseHasATest(getClass());
    }

    @Test
    void cmgl_mm_single() {
        List<StoredSms> l = StoredSms.parseList(infos(S.decode("cmgl-mm-single", AtCommands.listSms())));
        assertEquals(1, l.size());
        assertEquals(0, l.get(0).index());
        assertEquals(1, l.get(0).stat());
        assertEquals("", l.get(0).alpha());
        assertEquals(147, l.get(0).length());
        assertTrue(l.get(0).pdu().startsWith("07914306073011F0") && l.get(0).pdu().endsWith("3AB3C07"));
    }

    @Test
    void cmgl_mm_pantech_multiple_truncated_last() {
        List<StoredSms> l = StoredSms.parseList(infos(S.decode("cmgl-mm-pantech-multiple-truncated-last",
                AtCommands.listSms())));
        assertEquals(List.of(17, 15, 13, 11), l.stream().map(StoredSms::index).toList());
        assertTrue(l.stream().allMatch(m -> m.stat() == 3));
        assertEquals("079100F40D1101000F001000B917118336058F300", l.get(3).pdu());
        assertThrows(AtParseException.class, () -> l.get(3).decode());
    }

    private static StoredSms read(String name) {
        return StoredSms.parseRead(infos(S.decode(name, AtCommands.readSms(0))));
    }

    @Test
    void cmgr_mm_telit_quoted_empty_alpha() {
        StoredSms m = read("cmgr-mm-telit-quoted-empty-alpha");
        assertEquals(0, m.stat());
        assertEquals("", m.alpha());
        assertEquals(50, m.length());
        assertTrue(m.pdu().startsWith("07916163838428F9") && m.pdu().endsWith("3677918"));
    }

    @Test
    void cmgr_dongle_ucs2_concat_part() {
        SmsPdu p = read("cmgr-dongle-ucs2-concat-part").decode();
        assertEquals("+22222222022", p.sender());
        assertEquals(8, p.dcs());
        assertEquals(new SmsPdu.Concat(0, 3, 1), p.concat().orElseThrow());
        assertEquals("1111111111222222222233333333334444444444555555555566666666667777777", p.text());
    }

    @Test
    void cmgr_dongle_alphanumeric_oa() {
        SmsPdu p = read("cmgr-dongle-alphanumeric-oa").decode();
        assertEquals("Ufone", p.sender());
        assertEquals("Minutes, valid till 23-11-2014.", p.text());
        assertEquals(new SmsPdu.Concat(0x99, 2, 2), p.concat().orElseThrow());
    }

    @Test
    void cmgr_dongle_emoji_surrogates() {
        SmsPdu p = read("cmgr-dongle-emoji-surrogates").decode();
        assertEquals(8, p.dcs());
        assertEquals("\uD83D\uDE03\uD83D\uDE0E ", p.text());
    }

    @Test
    void cmgr_gammu_two_field_header() {
        List<AtEvent> ev = S.decode("cmgr-gammu-two-field-header", AtCommands.readSms(0));
        StoredSms m = StoredSms.parseRead(infos(ev));
        assertEquals(0, m.stat());
        assertEquals(23, m.length());
        assertEquals("", m.alpha());
        assertTrue(m.pdu().startsWith("07912374151616F6") && m.pdu().endsWith("0800B"));
        assertEquals(FinalResult.Type.OK, finals(ev).get(0).type());
    }

    @Test
    void cmti_amp_urcs() {
        List<Urc> u = urcs(S.decode("cmti-amp-urcs", null));
        assertEquals(List.of("+CMTI", "+CDSI", "^SIMST", "^SRVST", "^MODE"), u.stream().map(Urc::name).toList());
        assertEquals(new SmsNotice("SM", 26), SmsNotice.parse(u.get(0).payload()));
        assertEquals(new SmsNotice("SM", 0), SmsNotice.parse(u.get(1).payload()));
        assertEquals("255,1", u.get(2).payload());
        assertEquals("3,4", u.get(4).payload());
    }

    @Test
    void cmti_dongle_numeric_mem() {
        SmsNotice n = SmsNotice.parse(S.text("cmti-dongle-numeric-mem"));
        assertEquals(111, n.index());
        assertEquals("0", n.memory());
    }

    @Test
    void cmti_amp_negative_index() {
        SmsNotice n = SmsNotice.parse(urcs(S.decode("cmti-amp-negative-index", null)).get(0).payload());
        assertEquals("SM", n.memory());
        assertEquals(-1, n.index());
        assertTrue(!n.indexKnown());
    }

    @Test
    void cpms_gammu_e3372_test() {
        List<AtEvent> ev = S.decode("cpms-gammu-e3372-test", AtCommands.raw("AT+CPMS=?", true));
        List<String> lines = new ArrayList<>(infos(ev));
        assertEquals(List.of(List.of("SM", "ME"), List.of("SM", "ME"), List.of("SM", "ME")),
                StorageStatus.parseSupported(lines.get(0)));
    }

    @Test
    void cpms_amp_short_and_long() {
        String[] lines = S.text("cpms-amp-short-and-long").split("\r\n");
        List<String> cpms = java.util.Arrays.stream(lines).filter(l -> l.startsWith("+CPMS")).toList();
        StorageStatus set = StorageStatus.parse(cpms.get(0));
        assertEquals(List.of(new StorageStatus.Store("", 65, 100), new StorageStatus.Store("", 12, 250),
                new StorageStatus.Store("", 0, 30)), set.stores());
        StorageStatus read = StorageStatus.parse(cpms.get(1));
        assertEquals(List.of(new StorageStatus.Store("SM", 65, 100), new StorageStatus.Store("ME", 12, 250),
                new StorageStatus.Store("BM", 0, 30)), read.stores());
    }

    @Test
    void twoLineCmtCarriesItsPdu() {
        AtDecoder d = new AtDecoder();
        List<AtEvent> ev = d.feed(("\r\n+CMT: ,23\r\n07912374151616F6040B912374786468F30000201003024550400B54C29E2E1F8300A0800B"
                + "\r\n").getBytes());
        Urc u = urcs(ev).get(0);
        StoredSms m = StoredSms.parseDelivery(u.payload(), u.body().orElseThrow());
        assertEquals(23, m.length());
        assertEquals("+32478746863", m.decode().sender());
    }

    @Test
    void aStatusReportRightAfterTheSmsPromptLeavesThePromptStanding() {
        // Found by scripts/bench-sms.sh: "> " and a +CDS in one read made the prompt a line of its own, and
        // AT+CMGS waited 40 s for a prompt it had already had.
        AtDecoder d = new AtDecoder();
        d.expect(AtCommands.sendSmsPdu("0011000581" + "0180F60000A70161", 14));
        List<AtEvent> ev = d.feed(("AT+CMGS=14\r\r\n> \r\n+CDS: 25\r\n"
                + "0891683108100005F0060C0B819031000000F5622140105000236221401050002300\r\n").getBytes());
        assertTrue(ev.stream().anyMatch(e -> e instanceof AtEvent.Final f && f.result().type() == FinalResult.Type.PROMPT),
                ev.toString());
        assertEquals("+CDS", urcs(ev).get(0).name());
        assertTrue(urcs(ev).get(0).body().isPresent(), "the report's PDU stays with it");
    }
}
