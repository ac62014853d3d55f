package io.branchline.box.bench;

import io.branchline.box.guard.CallGuard;
import io.branchline.box.line.LineRegistry;
import io.branchline.box.sms.SentMessages;
import io.branchline.box.sms.SmsSending;
import io.branchline.box.store.Database;
import io.branchline.box.store.SeenHardware;
import io.branchline.hw.emulator.EmulatedNetwork;
import io.branchline.hw.emulator.EmulatedSim;
import io.branchline.hw.emulator.EmulatedUsbBus;
import io.branchline.hw.emulator.Flavour;
import io.branchline.hw.emulator.ModemEmulator;
import io.branchline.hw.modem.LineHealthSettings;
import io.branchline.hw.modem.LineState;
import io.branchline.hw.modem.ModemAddress;
import io.branchline.hw.modem.ModemLine;
import io.branchline.hw.modem.PortCandidate;
import io.branchline.hw.sms.SubmitPdu;
import io.branchline.hw.time.SystemScheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * SMS sending figures (run by scripts/bench-sms.sh, not a test). One emulated Quectel EC25 on a socat pty
 * pair, the same emulator for every peer, N one-part messages each:
 * (1) the box: SmsSending, each message committed queued, sending and sent in SQLite (synchronous=FULL)
 *     around its AT+CMGS, with status reports (+CDS) coming back meanwhile;
 * (2) the line alone: the PDUs and AT+CMGS without the database, to show what the store costs;
 * (3) Debian's gammu as the peer, in batch mode (one connection, its own start-up included), one
 *     {@code sendsms TEXT} per message.
 * Prints messages per second for each, and the ratio of the box to gammu. Argument: [messages, default 1000].
 */
public final class SmsBench {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path dir = Files.createTempDirectory("branchline-bench-sms");
        try (SystemScheduler time = new SystemScheduler();
             EmulatedUsbBus bus = EmulatedUsbBus.overPtys(time, Duration.ofSeconds(5), dir.resolve("pty"))) {
            Files.createDirectories(dir.resolve("pty"));
            EmulatedNetwork network = new EmulatedNetwork(time);
            ModemEmulator modem = new ModemEmulator(Flavour.QUECTEL_EC25, "861234560000011",
                    EmulatedSim.ready("89860012345678900011", "460001234500011", "+8613800000011"));
            network.register(modem);
            bus.plug("1-1.1", 2, modem);
            System.out.printf("SMS sending, %d one-part messages per peer, one emulated EC25 over a socat pty%n", n);

            double box;
            double line;
            ModemLine l = new ModemLine("sim-1", ModemAddress.usb("1-1.1", 2), bus, bus, time,
                    LineHealthSettings.defaults());
            try (Database db = Database.open(dir.resolve("data"))) {
                l.start();
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (l.snapshot().status().state() != LineState.UP && System.nanoTime() < until) {
                    Thread.sleep(20);
                }
                SentMessages store = new SentMessages(db, time.clock());
                try (SmsSending sending = new SmsSending(store, new LineRegistry(List.of(l), new SeenHardware(db,
                        time.clock())), new CallGuard(db, time.clock()), time.clock(), m -> { })) {
                    long t0 = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        sending.submit(new SmsSending.Request("139000" + String.format("%05d", i), "Bench message " + i,
                                "sim-1", null, false, "bench"));
                    }
                    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
                    while (db.with(dsl -> dsl.fetchCount(io.branchline.box.store.schema.Tables.SMS_OUT,
                            io.branchline.box.store.schema.Tables.SMS_OUT.SENT_AT.isNotNull())) < n) {
                        if (System.nanoTime() > deadline) {
                            throw new IllegalStateException("the box did not send " + n + " messages in 10 minutes");
                        }
                        Thread.sleep(5);
                    }
                    box = n / ((System.nanoTime() - t0) / 1e9);
                }
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    l.sendSms(SubmitPdu.encode("139000" + String.format("%05d", i), "Bench message " + i, i & 0xff, true));
                }
                line = n / ((System.nanoTime() - t0) / 1e9);
            } finally {
                l.close();
            }
            System.out.printf("box (SQLite, FULL): %8.1f messages/s%n", box);
            System.out.printf("line, no database:  %8.1f messages/s%n", line);

            PortCandidate port = bus.scan().stream().filter(c -> c.usbPath().equals("1-1.1") && c.usbInterface() == 2).findFirst().orElseThrow();
            bus.open(port).close(); // the emulator attached to the device end, the host end free for gammu
            Path rc = dir.resolve("gammurc");
            Files.writeString(rc, "[gammu]\ndevice = " + port.devicePath() + "\nconnection = at115200\nlogformat = textalldate\nlogfile = " + dir.resolve("gammu.log") + "\n");
            List<String> batch = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                batch.add("sendsms TEXT 139000" + String.format("%05d", i) + " -text \"Bench message " + i + "\"");
            }
            Path script = dir.resolve("batch.txt");
            Files.write(script, batch);
            int before = modem.sentSms().size();
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder("gammu", "-c", rc.toString(), "batch", script.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("gammu.out").toFile()).start();
            if (!p.waitFor(20, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("gammu did not finish in 20 minutes");
            }
            double gammu = (modem.sentSms().size() - before) / ((System.nanoTime() - t0) / 1e9);
            System.out.printf("gammu batch:        %8.1f messages/s (%d sent, exit %d)%n", gammu,
                    modem.sentSms().size() - before, p.exitValue());
            System.out.printf("box / gammu:        %8.2f%n", box / gammu);
        } finally {
            if (System.getenv("SMS_BENCH_KEEP") != null) {
                System.out.println("kept: " + dir + " (gammu.log, gammu.out)");
                return;
            }
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
