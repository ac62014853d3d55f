package io.branchline.box.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.box.config.BoxConfig;
import io.branchline.box.config.ConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvisionTest {
    @TempDir
    Path dir;

    private int cli(String... args) {
        return new Cli().run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @Test
    void theTokenAndServersLandInTheConfigurationReadableByItsOwnerOnly() throws Exception {
        Path file = dir.resolve("branchline.yaml");
        Files.writeString(file, "box:\n  id: branch-07\nhttp:\n  port: 8081\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertEquals(ExitCode.OK, cli("provision", "--config", file.toString(), "--crm-url", "https://crm.example/crm",
                "--public-url", "https://public.example/crm", "--box-token", "tok-12345678"));
        BoxConfig c = ConfigLoader.load(file);
        assertEquals("https://crm.example/crm", c.crm().privateUrl());
        assertEquals("https://public.example/crm", c.crm().publicUrl());
        assertEquals("tok-12345678", c.crm().boxToken());
        assertEquals("branch-07", c.box().id(), "the rest of the file is kept");
        assertEquals(8081, c.http().port());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(Files.exists(dir.resolve("branchline.yaml.bak")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dir.resolve("branchline.yaml.bak"))), "the old token's copy is no wider");
    }

    @Test
    void aRewrittenConfigurationKeepsTheOwnerGroupAndModeTheInstallerSetButIsNeverWorldReadable() throws Exception {
        Path file = dir.resolve("installed.yaml");
        Files.writeString(file, "box:\n  id: branch-08\n");
        // As the package installs it: readable by the service's group.
        var group = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(
                System.getProperty("user.name").equals("root") ? "dialout" : Files.readAttributes(file,
                        java.nio.file.attribute.PosixFileAttributes.class).group().getName());
        Files.getFileAttributeView(file, java.nio.file.attribute.PosixFileAttributeView.class).setGroup(group);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        assertEquals(ExitCode.OK, cli("provision", "--config", file.toString(), "--crm-url", "https://crm.example/crm",
                "--box-token", "tok-12345678"));
        var after = Files.readAttributes(file, java.nio.file.attribute.PosixFileAttributes.class);
        assertEquals("rw-r-----", PosixFilePermissions.toString(after.permissions()));
        assertEquals(group, after.group(), "the service's group can still read it");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(ExitCode.OK, cli("provision", "--config", file.toString(), "--crm-url", "https://crm.example/crm",
                "--box-token", "tok-87654321"));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                "a token is never left readable by everyone");
    }

    @Test
    void plainHttpNeedsTheLabSwitchAndABadTokenIsRefused() throws Exception {
        Path file = dir.resolve("b.yaml");
        assertEquals(ExitCode.USAGE, cli("provision", "--config", file.toString(), "--crm-url", "http://crm.lab/crm",
                "--box-token", "tok-12345678"));
        assertTrue(!Files.exists(file), "nothing written");
        assertEquals(ExitCode.OK, cli("provision", "--config", file.toString(), "--crm-url", "http://crm.lab/crm",
                "--box-token", "tok-12345678", "--allow-plain-http"));
        assertEquals(ExitCode.USAGE, cli("provision", "--config", file.toString(), "--crm-url", "https://x/crm",
                "--box-token", "a b"));
    }

    private static CliRun.Result run(ProvisionCommand command, String... args) {
        return CliRun.with(new Cli(java.util.List.of(command)), args);
    }

    private static CliRun.Result flags(String... args) {
        return run(new ProvisionCommand(new java.io.BufferedReader(new java.io.StringReader("")), java.util.List::of), args);
    }

    @Test
    void linesSlotsMuxPinsAndAgentsFromFlagsLandUnderTheKeysTheFileDocuments() throws Exception {
        Path file = dir.resolve("lines.yaml");
        CliRun.Result r = flags("provision", "--config", file.toString(),
                "--line", "desk-1001,usb-path=1-1.2,usb-interface=2,own-number=13800001001,hook-pin=17",
                "--sim-mux", "desk-1001,pins=5+6+13",
                "--slot", "desk-1001,slot=1,iccid=89860012345678901001,own-number=13800001001",
                "--slot", "desk-1001,slot=2,iccid=89860012345678902001,own-number=13800002001",
                "--line", "sim-1,port=/dev/ttyS0",
                "--agent", "1001,name=张三,line=desk-1001,crm-user-id=u-1001");
        assertEquals(ExitCode.OK, r.code(), r.err() + r.out());
        BoxConfig c = ConfigLoader.load(file);
        assertEquals(2, c.modems().size());
        BoxConfig.Modem desk = c.modems().get(0);
        assertEquals("1-1.2", desk.usbPath());
        assertEquals(2, desk.usbInterface());
        assertEquals(17, desk.hookPin());
        assertEquals(java.util.List.of(5, 6, 13), desk.simMux().selectPins());
        assertEquals("89860012345678902001", desk.simMux().slots().get(1).iccid());
        assertEquals("/dev/ttyS0", c.modems().get(1).port());
        assertEquals("张三", c.agents().get(0).name());
        assertEquals("desk-1001", c.agents().get(0).line());
        // A second run changes one key of one line and leaves the rest.
        assertEquals(ExitCode.OK, flags("provision", "--config", file.toString(), "--line", "desk-1001,own-number=13800009999").code());
        BoxConfig again = ConfigLoader.load(file);
        assertEquals("13800009999", again.modems().get(0).ownNumber());
        assertEquals("1-1.2", again.modems().get(0).usbPath());
        assertEquals(2, again.modems().get(0).simMux().slots().size());
    }

    @Test
    void whatRunWouldRefuseIsRefusedNamingTheFieldAndNothingIsWritten() throws Exception {
        Path file = dir.resolve("refused.yaml");
        String[][] bad = {
                {"--line", "desk-1,usb-interface=two"},
                {"--line", "desk-1,colour=red"},
                {"--line", "desk 1,port=/dev/ttyS0"},
                {"--line", "desk-1,port=/dev/ttyS0,port=/dev/ttyS1"},
                {"--line", "desk-1," + "x".repeat(2000)},
                {"--sim-mux", "desk-1,pins=5,6"},
                {"--slot", "desk-1,iccid=8986"},
                {"--agent", "1001,line=no-such-line"},
                {"--https-port", "8443"},
                {"--lan-host", "bad host!"},
        };
        String[] names = {"usb-interface: a whole number", "colour: not a key here", "the id:", "port given twice",
                "at most 1024 characters", "6: say key=value", "slot:", "agents[0]", "--https-port goes with --lan-host", "--lan-host"};
        for (int i = 0; i < bad.length; i++) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("provision", "--config", file.toString()));
            args.addAll(java.util.List.of(bad[i]));
            CliRun.Result r = flags(args.toArray(String[]::new));
            assertEquals(ExitCode.USAGE, r.code(), String.join(" ", bad[i]) + ": " + r.out());
            assertTrue(r.err().contains(names[i]), String.join(" ", bad[i]) + " -> " + r.err());
            assertTrue(!Files.exists(file), "nothing written for " + String.join(" ", bad[i]));
        }
    }

    @Test
    void theFirstInstallerAccountAndTheBoxsOwnCertificateWithItsFingerprint() throws Exception {
        Path file = dir.resolve("https.yaml");
        Path data = Files.createDirectories(dir.resolve("data"));
        boolean root = System.getProperty("user.name").equals("root");
        var boxUser = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(root ? "nobody"
                : System.getProperty("user.name"));
        if (root) {
            Files.setOwner(data, boxUser); // as the package leaves it: the box's user owns its data folder
        }
        CliRun.Result r = flags("provision", "--config", file.toString(), "--data-dir", data.toString(), "--installer", "ana",
                "--lan-host", "192.168.1.20", "--https-port", "8443");
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertTrue(r.out().matches("(?s).*added the installer ana with the one-time password \\S{8,}.*"), r.out());
        assertTrue(r.out().matches("(?s).*SHA-256 fingerprint [0-9A-F:]{95}.*"), r.out());
        BoxConfig c = ConfigLoader.load(file);
        assertEquals("192.168.1.20", c.http().host());
        assertEquals(8443, c.http().https().port());
        assertTrue(Files.exists(data.resolve("tls").resolve("box.p12")));
        assertEquals(boxUser, Files.getOwner(data.resolve("branchline.db")), "the box can open what root made");
        assertEquals(boxUser, Files.getOwner(data.resolve("tls").resolve("box.p12")));
        try (io.branchline.box.store.Database db = io.branchline.box.store.Database.open(data)) {
            assertEquals("installer", new io.branchline.box.access.Accounts(db, java.time.Clock.systemUTC(), a -> true)
                    .find("ana").orElseThrow().role());
        }
        CliRun.Result twice = flags("provision", "--config", file.toString(), "--data-dir", data.toString(), "--installer", "ana");
        assertEquals(ExitCode.PROBLEM, twice.code());
        assertTrue(twice.err().contains("the account ana exists already"), twice.err());
        try (io.branchline.box.store.DataDirLock running = io.branchline.box.store.DataDirLock.take(data)) {
            CliRun.Result busy = flags("provision", "--config", file.toString(), "--data-dir", data.toString(), "--installer", "bo");
            assertEquals(ExitCode.PROBLEM, busy.code());
            assertTrue(busy.err().contains("branchline user add bo --role installer"), busy.err());
        }
    }

    @Test
    void askedInChineseTheInstallerIsCorrectedAsTheyGoAndTheModemFoundBecomesALine() throws Exception {
        Path file = dir.resolve("asked.yaml");
        Path data = dir.resolve("data");
        try (io.branchline.hw.time.SystemScheduler time = new io.branchline.hw.time.SystemScheduler();
             io.branchline.hw.emulator.EmulatedUsbBus bus = io.branchline.hw.emulator.EmulatedUsbBus.inMemory(time,
                     java.time.Duration.ofSeconds(5))) {
            bus.plug("1-1.2", 2, new io.branchline.hw.emulator.ModemEmulator(io.branchline.hw.emulator.Flavour.QUECTEL_EC25,
                    "861234567890123", io.branchline.hw.emulator.EmulatedSim.ready("89860012345678901234",
                    "460001234567890", "+8613800000001")));
            java.util.function.Supplier<java.util.List<io.branchline.box.doctor.PortProbe.Found>> scan =
                    () -> new io.branchline.box.doctor.Doctor(bus, bus, time, Path.of("/proc")).modems();
            String answers = String.join("\n",
                    "http://crm.example/crm",        // refused: not https
                    "https://crm.example/crm",
                    "",                              // no fallback
                    "short",                         // refused: too short
                    "tok-12345678",
                    "desk-1001",                     // the modem found becomes desk-1001
                    "",                              // its number as the SIM says
                    "goip-1",                        // a GoIP port
                    "",                              // its GoIP id: goip1, as offered
                    "a;b",                           // refused: ';' would end a field on the wire
                    "pw-goip1",
                    "",                              // no more GoIP ports
                    "1001", "张三", "desk-1001",
                    "1002", "李四", "goip-1",         // an agent working on the GoIP port
                    "",                              // no more agents
                    "ana",
                    "") + "\n";
            CliRun.Result r = run(new ProvisionCommand(new java.io.BufferedReader(new java.io.StringReader(answers)), scan),
                    "provision", "--interactive", "--lang", "zh", "--config", file.toString(), "--data-dir", data.toString());
            assertEquals(ExitCode.OK, r.code(), r.err() + r.out());
            assertTrue(r.out().contains("CRM 私有服务器地址"), r.out());
            assertTrue(r.out().contains("不对：以 https:// 开头的地址，请重新输入。"), r.out());
            assertTrue(r.out().contains("不对：8 到 256 个可打印字符，不含空格，请重新输入。"), r.out());
            assertTrue(r.out().contains("找到 1 个调制解调器。"), r.out());
            assertTrue(r.out().contains("Quectel EC25 usb 1-1.2:2, ICCID 89860012345678901234"), r.out());
            BoxConfig c = ConfigLoader.load(file);
            assertEquals("https://crm.example/crm", c.crm().privateUrl());
            assertEquals("tok-12345678", c.crm().boxToken());
            assertEquals("desk-1001", c.modems().get(0).id());
            assertEquals("1-1.2", c.modems().get(0).usbPath());
            assertEquals("861234567890123", c.modems().get(0).imei());
            assertEquals("+8613800000001", c.modems().get(0).ownNumber());
            assertEquals("张三", c.agents().get(0).name());
            assertTrue(r.out().contains("添加 GoIP 端口"), r.out());
            assertTrue(r.out().contains("不对：1 到 64 个可打印字符，不含空格 , ; :，请重新输入。"), r.out());
            BoxConfig.GoipPort port = c.goip().line("goip-1").orElseThrow();
            assertEquals("goip1", port.goipId());
            assertEquals("pw-goip1", port.password());
            assertEquals("goip-1", c.agents().get(1).line());
            assertTrue(r.out().contains("added the installer ana"), r.out());
        }
    }

    @Test
    void goipPortsAreProvisionedFromFlagsAndBadOnesAreRefusedNamingTheFieldWithNothingWritten() throws Exception {
        Path file = dir.resolve("goip.yaml");
        assertEquals(ExitCode.OK, cli("provision", "--config", file.toString(), "--goip",
                "goip-1,goip-id=goip1,password=pw1,dtmf=inband", "--goip", "goip-2,goip-id=goip2,password=pw2",
                "--agent", "1001,name=张三,line=goip-2"));
        BoxConfig c = ConfigLoader.load(file);
        assertEquals(2, c.goip().lines().size());
        assertTrue(!c.goip().line("goip-1").orElseThrow().keysAsEvents());
        assertEquals("goip-2", c.agents().get(0).line());
        String before = Files.readString(file);
        for (String[] bad : new String[][] {
                {"--goip", "goip-3,goip-id=goip 3,password=pw3"},
                {"--goip", "goip-3,goip-id=goip3,password=a;b"},
                {"--goip", "goip-3,goip-id=goip3,password=pw3,dtmf=sip-info"},
                {"--goip", "goip-3,goip-id=goip1,password=pw3"},
                {"--goip", "goip-3,port=/dev/ttyUSB0"},
                {"--agent", "1002,line=goip-9"}}) {
            String[] args = {"provision", "--config", file.toString(), bad[0], bad[1]};
            CliRun.Result r = CliRun.run(args);
            assertEquals(ExitCode.USAGE, r.code(), String.join(" ", bad) + ": " + r.out() + r.err());
            assertTrue(r.err().contains(bad[0].equals("--agent") ? "line" : "goip"), r.err());
            assertEquals(before, Files.readString(file), "nothing written for " + String.join(" ", bad));
        }
    }

    @Test
    void askedInEnglishWithNothingToSayKeepsWhatTheFileHas() throws Exception {
        Path file = dir.resolve("kept.yaml");
        Files.writeString(file, "crm:\n  private-url: https://crm.example/crm\n  box-token: tok-12345678\n");
        CliRun.Result r = run(new ProvisionCommand(new java.io.BufferedReader(new java.io.StringReader("")), java.util.List::of),
                "provision", "--interactive", "--lang", "en", "--config", file.toString(), "--data-dir",
                dir.resolve("d").toString());
        assertEquals(ExitCode.OK, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("CRM private server (https://...) [https://crm.example/crm]: "), r.out());
        assertTrue(r.out().contains("this box's token (from the CRM's administrator) [********]: "), r.out());
        assertEquals("tok-12345678", ConfigLoader.load(file).crm().boxToken(), "the token kept, never shown");
        assertTrue(!r.out().contains("tok-12345678"));
    }
}
