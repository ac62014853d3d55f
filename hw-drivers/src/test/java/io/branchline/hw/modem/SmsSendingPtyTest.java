package io.branchline.hw.modem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.hw.at.parse.Ussd;
import io.branchline.hw.emulator.EmulatedNetwork;
import io.branchline.hw.emulator.EmulatedSim;
import io.branchline.hw.emulator.EmulatedUsbBus;
import io.branchline.hw.emulator.Flavour;
import io.branchline.hw.emulator.ModemEmulator;
import io.branchline.hw.sms.StatusReport;
import io.branchline.hw.sms.SubmitPdu;
import io.branchline.hw.time.SystemScheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sending SMS and asking USSD over socat ptys, for every modem family: a long message goes in parts, reaches
 * another emulated SIM whole, and each part's status report comes back under the reference +CMGS gave it; a
 * message to a number the centre refuses is reported failed; USSD answers are decoded whatever the family
 * sends (UCS2 hex, packed GSM-7 on Huawei, which also wants the query packed).
 */
class SmsSendingPtyTest {
    @TempDir
    Path dir;
    final SystemScheduler time = new SystemScheduler();
    EmulatedUsbBus bus;
    final List<ModemLine> lines = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() {
        lines.forEach(ModemLine::close);
        if (bus != null) {
            bus.close();
        }
        time.close();
    }

    private ModemLine open(String id, String usb, ModemEmulator m) {
        bus.plug(usb, 2, m);
        ModemLine l = new ModemLine(id, ModemAddress.usb(usb, 2), bus, bus, time, LineHealthSettings.defaults());
        lines.add(l);
        l.start();
        Await.until(id + " up", () -> l.snapshot().status().state() == LineState.UP, l::snapshot);
        return l;
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void aLongMessageGoesInPartsArrivesWholeAndEachPartIsReported(Flavour flavour) throws Exception {
        bus = EmulatedUsbBus.overPtys(time, Duration.ofSeconds(5), dir);
        EmulatedNetwork network = new EmulatedNetwork(time);
        ModemEmulator sender = new ModemEmulator(flavour, "861234567890123",
                EmulatedSim.ready("89860012345678901234", "460001234567890", "13800000001"));
        ModemEmulator receiver = new ModemEmulator(Flavour.QUECTEL_EC25, "861234567890999",
                EmulatedSim.ready("89860012345678909999", "460001234567999", "13800000002"));
        network.register(sender);
        network.register(receiver);
        ModemLine a = open("a", "1-1.2", sender);
        ModemLine b = open("b", "1-1.3", receiver);
        List<StatusReport> reports = new CopyOnWriteArrayList<>();
        a.sms().onStatusReport(reports::add);
        List<ReceivedSms> got = new CopyOnWriteArrayList<>();
        b.sms().onSms(got::add);
        assertTrue(a.sms().statusReports(), "the modem took +CNMI with status reports");

        String text = "王先生您好：您申请的贷款已初审通过，" + "请携带身份证与收入证明到本支行办理。".repeat(4) + "😀";
        List<Integer> refs = a.sendSms(SubmitPdu.encode("13800000002", text, 9, true));
        assertEquals(2, refs.size(), "two UCS2 parts");
        assertTrue(refs.stream().allMatch(r -> r >= 0 && r <= 255), refs.toString());
        Await.until("arrived whole", () -> got.size() == 1, got::toString);
        assertEquals(text, got.getFirst().text());
        assertEquals(2, got.getFirst().parts());
        assertEquals("13800000001", got.getFirst().sender());
        Await.until("both parts reported", () -> reports.size() == 2, reports::toString);
        assertEquals(refs.stream().sorted().toList(), reports.stream().map(StatusReport::reference).sorted().toList());
        assertTrue(reports.stream().allMatch(StatusReport::delivered), reports.toString());

        List<Integer> refused = a.sendSms(SubmitPdu.encode("13900000004", "hello", 0, true));
        Await.until("reported", () -> reports.size() == 3, reports::toString);
        assertEquals(refused.getFirst(), reports.get(2).reference());
        assertTrue(reports.get(2).failed(), reports.get(2).toString());

        Ussd balance = a.ussd().ask("*100#", Duration.ofSeconds(10));
        assertEquals("您的账户余额为12.34元", balance.text());
        Ussd other = a.ussd().ask("*123#", Duration.ofSeconds(10));
        assertEquals("Unknown request *123#", other.text(), "the query reached the network as typed");
        for (String bad : new String[] {"ATD123;", "*100#\r\nAT+CFUN=0", "", "12345678901234567890123456789012345678901234567890123456789012345"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> a.ussd().ask(bad, Duration.ofSeconds(1)));
            assertTrue(e.getMessage().startsWith("code:"), e.getMessage());
        }
        assertTrue(sender.drainCommands().stream().noneMatch(c -> c.contains("CFUN") || c.contains("ATD123")),
                "nothing unchecked reached the modem");
    }
}
