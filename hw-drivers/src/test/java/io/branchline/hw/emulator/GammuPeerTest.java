package io.branchline.hw.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.hw.serial.JSerialCommLink;
import io.branchline.hw.serial.SocatPtyPair;
import io.branchline.hw.time.SystemScheduler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real AT client no one here wrote - Debian's gammu - against every flavour of the emulator over a socat
 * pty, the way an installer would point it at a modem. gammu is a peer, not a target: nothing in the emulator
 * knows it. Each command is its own gammu run, with gammu's whole start-up (ATE1, AT+CMEE=1, AT+CSCS=?, the
 * charset change to UCS2, AT+CPMS ...).
 */
class GammuPeerTest {
    @TempDir
    Path dir;

    record Run(int code, String out) {
    }

    Run gammu(Path config, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("gammu", "-c", config.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        boolean done = p.waitFor(40, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
            return new Run(-1, out + "\n(timed out)");
        }
        return new Run(p.exitValue(), out);
    }

    static boolean gammuInstalled() {
        try {
            return new ProcessBuilder("gammu", "--version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Flavour.class, names = {"QUECTEL_EC25", "SIMCOM_SIM7600", "SIMCOM_SIM800", "HUAWEI_E1550"})
    @Execution(ExecutionMode.CONCURRENT) // the four flavours side by side: each has its own pty, modem and gammu
    void gammuWorksAgainstEveryFlavour(Flavour flavour) throws Exception {
        Assumptions.assumeTrue(gammuInstalled() || System.getenv("CI") != null, "gammu is not installed");
        try (SystemScheduler time = new SystemScheduler(); SocatPtyPair pty = SocatPtyPair.open(dir, "m")) {
            EmulatedNetwork network = new EmulatedNetwork(time);
            ModemEmulator modem = new ModemEmulator(flavour, "861234560000099",
                    EmulatedSim.ready("89860012345678900099", "460001234500099", "+8613800000099"));
            network.register(modem);
            // Two messages already on the SIM, as a box finds them at start.
            ZonedDateTime at = ZonedDateTime.of(2026, 11, 22, 9, 15, 30, 0, ZoneOffset.ofHours(8));
            modem.deliverSms(EmulatedSms.deliver("+8613912345678", "请回电", at));
            modem.deliverSms(EmulatedSms.deliver("13912345679", "hello", at));
            modem.attach(JSerialCommLink.open(pty.devicePath().toString(), 115200));
            Path config = dir.resolve("gammurc");
            Files.writeString(config, "[gammu]\ndevice = " + pty.hostPath() + "\nconnection = at115200\n"
                    + "logformat = textall\nlogfile = " + dir.resolve("gammu.log") + "\n");

            Run identify = gammu(config, "identify");
            assertEquals(0, identify.code(), identify.out() + log());
            assertTrue(identify.out().contains("861234560000099"), identify.out());
            assertTrue(identify.out().contains("460001234500099"), identify.out());

            Run security = gammu(config, "getsecuritystatus");
            assertEquals(0, security.code(), security.out() + log());
            assertTrue(security.out().contains("Nothing to enter"), security.out());

            Run info = gammu(config, "networkinfo");
            assertEquals(0, info.code(), info.out() + log());
            assertTrue(info.out().contains("home network"), info.out());
            assertTrue(info.out().contains("460 00"), info.out());

            Run monitor = gammu(config, "monitor", "1");
            assertEquals(0, monitor.code(), monitor.out() + log());
            assertTrue(monitor.out().contains("Signal strength"), monitor.out());
            assertTrue(monitor.out().contains("2 used"), monitor.out());

            Run sms = gammu(config, "getallsms");
            assertEquals(0, sms.code(), sms.out() + log());
            assertTrue(sms.out().contains("2 SMS parts in 2 SMS sequences"), sms.out());
            assertTrue(sms.out().contains("请回电") && sms.out().contains("+8613912345678"), sms.out());

            Run send = gammu(config, "sendsms", "TEXT", "13900000005", "-unicode", "-text", "您好，贷款咨询");
            assertEquals(0, send.code(), send.out() + log());
            assertTrue(send.out().contains("OK"), send.out());
            EmulatedSms.Submitted unicode = modem.sentSms().getLast();
            assertEquals("13900000005", unicode.destination());
            assertEquals("您好，贷款咨询", unicode.text(), "the emulator reads gammu's UCS2 PDU as typed");
            // A long text: gammu splits it with its own concatenation headers; the parts add up again.
            String longText = "Loan offer " + "0123456789".repeat(20) + " reply 1 to call back";
            int before = modem.sentSms().size();
            Run sendLong = gammu(config, "sendsms", "TEXT", "+8613900000005", "-len", "400", "-text", longText);
            assertEquals(0, sendLong.code(), sendLong.out() + log());
            List<EmulatedSms.Submitted> parts = modem.sentSms().subList(before, modem.sentSms().size());
            assertTrue(parts.size() >= 2, "split into parts: " + parts.size());
            assertEquals(longText, parts.stream().sorted(java.util.Comparator.comparingInt(EmulatedSms.Submitted::part))
                    .map(EmulatedSms.Submitted::text).collect(java.util.stream.Collectors.joining()));
            assertTrue(parts.stream().allMatch(p -> p.parts() == parts.size() && p.destination().equals("+8613900000005")));

            Run ussd = gammu(config, "getussd", "*100#");
            assertEquals(0, ussd.code(), ussd.out() + log());
            assertTrue(ussd.out().contains("余额"), ussd.out());

            Run dial = gammu(config, "dialvoice", "13900000005");
            assertEquals(0, dial.code(), dial.out() + log());
            Run cancel = gammu(config, "cancelcall");
            assertEquals(0, cancel.code(), cancel.out() + log());
            // A call rings the emulated modem; gammu answers it (ATA) and hangs it up, as a handset would.
            ModemEmulator.Incoming in = modem.ring("13912345678");
            Run answer = gammu(config, "answercall");
            assertEquals(0, answer.code(), answer.out() + log());
            assertTrue(in.answered(), "gammu's ATA connected the ringing call" + log());
            Run hangUp = gammu(config, "cancelcall");
            assertEquals(0, hangUp.code(), hangUp.out() + log());
            assertTrue(!in.present(), "and its hang-up ended it");
            assertEquals(List.of(), modem.violations(), "gammu never had to wait out a protocol error");
        }
    }

    private String log() throws Exception {
        Path f = dir.resolve("gammu.log");
        if (!Files.exists(f)) {
            return "";
        }
        List<String> lines = Files.readAllLines(f, StandardCharsets.ISO_8859_1);
        return "\n--- gammu.log (last 40 lines) ---\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40),
                lines.size()));
    }
}
