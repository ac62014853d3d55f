package io.branchline.hw.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.hw.serial.MemoryLink;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The divergences from 27.007 / 27.005 and the vendors' manuals that a real client (gammu) showed, one
 * assertion each: what the standard says the modem answers.
 */
class EmulatorStandardsTest {
    private final MemoryLink[] cable = MemoryLink.pair("memory:standards");

    private ModemEmulator modem(Flavour f) {
        ModemEmulator m = new ModemEmulator(f, "861234560000096",
                EmulatedSim.ready("89860012345678900096", "460001234500096", "+8613800000096"));
        m.attach(cable[1]);
        ask("ATE0");
        return m;
    }

    /** The information lines and the final result of one command. */
    private List<String> ask(String cmd) {
        cable[0].write((cmd + "\r").getBytes(StandardCharsets.UTF_8));
        StringBuilder acc = new StringBuilder();
        byte[] buf = new byte[4096];
        long deadline = System.currentTimeMillis() + 2000;
        while (System.currentTimeMillis() < deadline) {
            int n = cable[0].read(buf, 50);
            if (n > 0) {
                acc.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
            List<String> lines = new ArrayList<>();
            for (String l : acc.toString().split("\r\n")) {
                if (!l.isBlank() && !l.strip().equalsIgnoreCase(cmd)) {
                    lines.add(l.strip());
                }
            }
            if (!lines.isEmpty() && lines.getLast().matches("OK|ERROR|NO CARRIER|COMMAND NOT SUPPORT|\\+CM[ES] ERROR: .*")) {
                return lines;
            }
        }
        throw new AssertionError("no final result for " + cmd + ": " + acc);
    }

    @Test
    void anIncomingCallIsListedAsMobileTerminatedAndAnsweredByAta() {
        ModemEmulator m = modem(Flavour.QUECTEL_EC25);
        assertEquals(List.of("NO CARRIER"), ask("ATA"), "V.250 6.3.5: nothing to answer");
        ask("AT+CLIP=1");
        ModemEmulator.Incoming in = m.ring("13912345678");
        List<String> ringing = ask("AT+CLCC");
        assertTrue(ringing.contains("+CLCC: 1,1,4,0,0,\"13912345678\",129"), "27.007 7.18: dir 1, stat 4 incoming: "
                + ringing);
        assertTrue(ringing.contains("RING") && ringing.stream().anyMatch(l -> l.startsWith("+CLIP: \"13912345678\",129")),
                "27.007 7.6: RING, then +CLIP with the caller: " + ringing);
        assertEquals("OK", ask("ATA").getLast());
        assertTrue(ask("AT+CLCC").contains("+CLCC: 1,1,0,0,0,\"13912345678\",129"), "answered: stat 0 active");
        assertTrue(in.answered());
        assertEquals(List.of("OK"), ask("AT+CHUP"));
        assertTrue(!in.present());
        assertEquals(List.of("OK"), ask("AT+CLCC"), "no calls left");
    }

    @Test
    void testCommandsAnswerTheirRangesWithoutChangingAnything() {
        modem(Flavour.QUECTEL_EC25);
        ask("AT+CMGF=0");
        assertEquals(List.of("+CMGF: (0,1)", "OK"), ask("AT+CMGF=?"));
        assertEquals(List.of("+CMGF: 0", "OK"), ask("AT+CMGF?"), "27.005 3.2.3: the test form changes nothing");
        assertEquals(List.of("+CMEE: (0-2)", "OK"), ask("AT+CMEE=?"), "27.007 9.1");
        assertTrue(ask("AT+CSCS=?").get(0).contains("\"UCS2\""), "27.007 5.5");
        assertEquals(List.of("+CREG: (0-2)", "OK"), ask("AT+CREG=?"));
        assertEquals(List.of("+CLIP: (0,1)", "OK"), ask("AT+CLIP=?"));
        assertEquals(List.of("+CNMI: (0-2),(0-3),(0,2),(0,1),(0,1)", "OK"), ask("AT+CNMI=?"));
        assertTrue(ask("AT+COPS=?").get(0).startsWith("+COPS: (2,\"CHINA MOBILE\",\"CMCC\",\"46000\",7)"));
        assertEquals(List.of("OK"), ask("AT+CHUP=?"));
    }

    @Test
    void theCharacterSetChangesHowTextComesBack() {
        modem(Flavour.SIMCOM_SIM7600);
        assertEquals(List.of("+CSCS: \"IRA\"", "OK"), ask("AT+CSCS?"));
        ask("AT+CSCS=\"UCS2\"");
        assertEquals(List.of("+CSCS: \"UCS2\"", "OK"), ask("AT+CSCS?"));
        assertTrue(ask("AT+COPS?").get(0).contains("\"004300480049004E00410020004D004F00420049004C0045\""),
                "CHINA MOBILE in UCS2");
        assertTrue(ask("AT+CNUM").get(0).contains("\"" + ucs2("+8613800000096") + "\""), "the number too");
        ask("AT+CSCS=\"" + ucs2("IRA") + "\""); // the name of the new set, written in the current one
        assertEquals(List.of("+CSCS: \"IRA\"", "OK"), ask("AT+CSCS?"));
    }

    private static String ucs2(String s) {
        return java.util.HexFormat.of().withUpperCase().formatHex(s.getBytes(StandardCharsets.UTF_16BE));
    }

    @Test
    void theOperatorFormatIsKept() {
        modem(Flavour.QUECTEL_EC25);
        ask("AT+COPS=3,2");
        assertEquals(List.of("+COPS: 0,2,\"46000\",7", "OK"), ask("AT+COPS?"), "27.007 7.3 format 2: numeric");
        ask("AT+COPS=3,1");
        assertEquals(List.of("+COPS: 0,1,\"CMCC\",7", "OK"), ask("AT+COPS?"));
    }

    @Test
    void eachModelReportsItsOwnRadio() {
        modem(Flavour.SIMCOM_SIM800);
        assertEquals(List.of("+COPS: 0,0,\"CHINA MOBILE\",0", "OK"), ask("AT+COPS?"), "GSM only");
        assertEquals(List.of("ERROR"), ask("AT+CEREG?"), "no EPS on a GSM module");
        ask("AT+CREG=2");
        assertEquals(List.of("+CREG: 2,1,\"1A2B\",\"00C0FFEE\"", "OK"), ask("AT+CREG?"), "and no AcT in its +CREG");
    }

    @Test
    void theHuaweiE1550IsAUmtsModem() {
        modem(Flavour.HUAWEI_E1550);
        assertEquals(List.of("+COPS: 0,0,\"CHINA MOBILE\",2", "OK"), ask("AT+COPS?"));
        assertEquals(List.of("COMMAND NOT SUPPORT"), ask("AT+CEREG?"));
        assertEquals(List.of("OK"), ask("AT^PORTSEL=1"));
    }

    @Test
    void missingCommandsAreThere() {
        modem(Flavour.QUECTEL_EC25);
        assertEquals(List.of("Quectel", "EC25", "Revision: EC25EFAR06A06M4G", "OK"), ask("ATI"));
        assertEquals(List.of("861234560000096", "OK"), ask("AT+GSN"));
        assertEquals(List.of("+CPMS: \"SM\",0,50,\"SM\",0,50,\"SM\",0,50", "OK"), ask("AT+CPMS?"));
        assertEquals(List.of("+CSCA: \"+8613800100500\",145", "OK"), ask("AT+CSCA?"));
        assertEquals(List.of("+CGATT: 1", "OK"), ask("AT+CGATT?"));
        assertEquals(List.of("+CGREG: 0,1", "OK"), ask("AT+CGREG?"));
        assertEquals(List.of("OK"), ask("AT+CRC=1"));
        assertEquals(List.of("OK"), ask("AT+CCWA=1"));
        assertEquals(List.of("NO CARRIER"), ask("ATDT13900000005;"), "the T is ignored (V.250); no network here");
    }

    @Test
    void messagesFollow27005() {
        ModemEmulator m = modem(Flavour.SIMCOM_SIM800);
        ask("AT+CMGF=0");
        ZonedDateTime at = ZonedDateTime.of(2026, 11, 22, 9, 15, 30, 0, ZoneOffset.ofHours(8));
        int index = m.deliverSms(EmulatedSms.deliver("+8613912345678", "hi", at));
        assertEquals(1, index, "SIM800 numbers its storage from 1");
        List<String> unread = ask("AT+CMGL=0");
        String pdu = unread.get(1);
        int tpdu = pdu.length() / 2 - 1 - Integer.parseInt(pdu.substring(0, 2), 16);
        assertEquals("+CMGL: 1,0,," + tpdu, unread.get(0), "the length is the TPDU's (27.005 3.4.2)");
        assertEquals(List.of("OK"), ask("AT+CMGL=0"), "listed: no longer unread");
        assertEquals("+CMGL: 1,1,," + tpdu, ask("AT+CMGL=1").get(0), "REC READ");
        ask("AT+CMGF=1");
        List<String> text = ask("AT+CMGL=\"ALL\"");
        assertTrue(text.get(0).startsWith("+CMGL: 1,\"REC READ\",\"+8613912345678\""), text.toString());
        assertEquals("hi", text.get(1));
    }

    @Test
    void newMessagesAreAnnouncedOnlyAsCnmiSays() {
        ModemEmulator m = modem(Flavour.QUECTEL_EC25);
        ZonedDateTime at = ZonedDateTime.of(2026, 11, 22, 9, 15, 30, 0, ZoneOffset.ofHours(8));
        m.deliverSms(EmulatedSms.deliver("+8613912345678", "quiet", at));
        assertEquals(List.of("OK"), ask("AT"), "no +CMTI before AT+CNMI");
        ask("AT+CNMI=2,1,0,0,0");
        m.deliverSms(EmulatedSms.deliver("+8613912345678", "loud", at));
        List<String> next = ask("AT");
        assertEquals("+CMTI: \"SM\",1", next.get(0));
    }

    @Test
    void ussdAndServiceStringsInAtd() {
        ModemEmulator m = modem(Flavour.QUECTEL_EC25);
        m.joinNetwork(new EmulatedNetwork(new io.branchline.hw.time.ManualScheduler()));
        assertEquals(List.of("OK"), ask("AT+CUSD=1,\"*100#\",15"));
        try {
            Thread.sleep(200); // the network's answer comes after the OK
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> answer = ask("AT");
        assertTrue(answer.get(0).startsWith("+CUSD: 0,\"60A8") && answer.get(0).endsWith(",72"), answer.toString());
        assertEquals(List.of("OK"), ask("ATD**21*13812345678#;"), "22.030: registers forwarding, no call");
        assertEquals("13812345678", m.sim().forwardTo());
        assertEquals(List.of("OK"), ask("ATD##21#;"));
        assertEquals("", m.sim().forwardTo());
        assertTrue(m.clccLines().isEmpty(), "no call was made");
    }
}
