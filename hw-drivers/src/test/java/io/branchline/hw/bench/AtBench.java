package io.branchline.hw.bench;

import io.branchline.hw.at.AtCommands;
import io.branchline.hw.at.AtEngine;
import io.branchline.hw.at.AtResponse;
import io.branchline.hw.emulator.EmulatedSim;
import io.branchline.hw.emulator.Flavour;
import io.branchline.hw.emulator.ModemEmulator;
import io.branchline.hw.serial.JSerialCommLink;
import io.branchline.hw.serial.SerialLink;
import io.branchline.hw.serial.SocatPtyPair;
import io.branchline.hw.time.SystemScheduler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The AT engine's figures over real ptys (run by scripts/bench-at.sh, not a test):
 * <ol>
 * <li>AT+CSQ round trips through the engine to the emulator, against the floor: the same bytes over the
 *     same kind of pty pair with a bare responder and a bare reader (no decoder, no emulator);</li>
 * <li>URCs at 1,000 per second interleaved with commands: how many are lost.</li>
 * </ol>
 * Arguments: [round trips, default 10000] [URC seconds, default 5].
 */
public final class AtBench {
    private static final byte[] COMMAND = "AT+CSQ\r".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ANSWER = "\r\n+CSQ: 20,99\r\n\r\nOK\r\n".getBytes(StandardCharsets.US_ASCII);

    public static void main(String[] args) throws Exception {
        int trips = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int urcSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("branchline-bench");
        System.out.printf("AT round trips over socat ptys, %d each, floor and engine alternating in blocks of %d,"
                + " after %d warm-up each%n", trips, BLOCK, trips / 10);
        long[][] both = sideBySide(dir, trips);
        report("floor (bare echo)", both[0]);
        report("engine AT+CSQ", both[1]);
        report("engine, bare far end", both[2]);
        System.out.printf("ratio engine/floor at the median: %.2fx (goal <= 1.2x)%n",
                (double) median(both[1]) / median(both[0]));
        System.out.printf("of which the engine alone (bare far end instead of the emulator): %.2fx%n",
                (double) median(both[2]) / median(both[0]));
        urcFlood(dir, urcSeconds);
    }

    private static final int BLOCK = 20;

    /**
     * The floor is the same bytes both ways over the same kind of pty pair with nothing but reads and writes;
     * the engine is AtEngine against the emulator. Both pairs are open at once and measured in alternating
     * blocks, so that a noisy neighbour or JIT warm-up weighs on both alike.
     */
    static long[][] sideBySide(Path dir, int trips) throws Exception {
        ModemEmulator modem = new ModemEmulator(Flavour.QUECTEL_EC25, "861234567890123",
                EmulatedSim.ready("89860012345678901234", "460001234567890", ""));
        try (SocatPtyPair floorPty = SocatPtyPair.open(dir, "floor");
             SocatPtyPair barePty = SocatPtyPair.open(dir, "bare");
             SocatPtyPair enginePty = SocatPtyPair.open(dir, "engine");
             JSerialCommLink host = JSerialCommLink.open(floorPty.hostPath().toString(), 115200);
             JSerialCommLink device = JSerialCommLink.open(floorPty.devicePath().toString(), 115200);
             JSerialCommLink bareDevice = JSerialCommLink.open(barePty.devicePath().toString(), 115200);
             SystemScheduler time = new SystemScheduler()) {
            Thread responder = bareResponder(device);
            Thread bareResponder = bareResponder(bareDevice);
            modem.attach(JSerialCommLink.open(enginePty.devicePath().toString(), 115200));
            AtEngine engine = new AtEngine(open(enginePty.hostPath()), time.clock());
            AtEngine engineToBare = new AtEngine(open(barePty.hostPath()), time.clock());
            engine.executeOk(AtCommands.echoOff()); // as the driver's init does; echo would double the bytes
            Trip floorTrip = () -> {
                host.write(COMMAND);
                readExactly(host, ANSWER.length);
            };
            Trip engineTrip = () -> check(engine.execute(AtCommands.signal()));
            Trip bareTrip = () -> check(engineToBare.execute(AtCommands.signal()));
            for (int i = 0; i < trips / 10; i++) {
                floorTrip.run();
                engineTrip.run();
                bareTrip.run();
            }
            long[] floor = new long[trips];
            long[] eng = new long[trips];
            long[] bare = new long[trips];
            long[] cpu = new long[3];
            for (int done = 0; done < trips; done += BLOCK) {
                int n = Math.min(BLOCK, trips - done);
                cpu[0] += measure(floorTrip, floor, done, n);
                cpu[1] += measure(engineTrip, eng, done, n);
                cpu[2] += measure(bareTrip, bare, done, n);
            }
            // The whole process's CPU (both ends, every thread) per trip: what "without burning a core" means.
            System.out.printf("CPU per round trip (this process, all threads): floor %.1f us, engine %.1f us,"
                    + " engine to bare far end %.1f us%n", cpu[0] / 1e3 / trips, cpu[1] / 1e3 / trips,
                    cpu[2] / 1e3 / trips);
            responder.interrupt();
            bareResponder.interrupt();
            engine.close();
            engineToBare.close();
            modem.close();
            modem.assertNoViolations();
            Arrays.sort(floor);
            Arrays.sort(eng);
            Arrays.sort(bare);
            return new long[][] {floor, eng, bare};
        }
    }

    /** Answers every CR with the AT+CSQ answer, nothing else: the far end of the floor. */
    static Thread bareResponder(SerialLink device) {
        return Thread.ofPlatform().daemon().start(() -> {
            byte[] buf = new byte[256];
            while (!Thread.currentThread().isInterrupted()) {
                int n = device.read(buf, 30);
                if (n < 0) {
                    return;
                }
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\r') {
                        device.write(ANSWER);
                    }
                }
            }
        });
    }

    static JSerialCommLink open(Path pty) {
        return JSerialCommLink.open(pty.toString(), 115200);
    }

    static void check(AtResponse r) {
        if (!r.isOk() || r.lines().size() != 1) {
            throw new IllegalStateException("bad answer " + r);
        }
    }

    /** Times each trip into {@code into}; returns the CPU time the process spent meanwhile, in ns. */
    static long measure(Trip trip, long[] into, int from, int count) throws Exception {
        long cpu0 = PROCESS.getProcessCpuTime();
        for (int i = from; i < from + count; i++) {
            long t0 = System.nanoTime();
            trip.run();
            into[i] = System.nanoTime() - t0;
        }
        return PROCESS.getProcessCpuTime() - cpu0;
    }

    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    /** URCs at a steady 1,000/s from the emulator while the host keeps asking AT+CSQ; counts what arrives. */
    static void urcFlood(Path dir, int seconds) throws Exception {
        ModemEmulator modem = new ModemEmulator(Flavour.QUECTEL_EC25, "861234567890123",
                EmulatedSim.ready("89860012345678901234", "460001234567890", ""));
        int total = seconds * 1000;
        BitSet seen = new BitSet(total);
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger commands = new AtomicInteger();
        AtomicInteger badAnswers = new AtomicInteger();
        try (SocatPtyPair pty = SocatPtyPair.open(dir, "urc"); SystemScheduler time = new SystemScheduler()) {
            modem.attach(JSerialCommLink.open(pty.devicePath().toString(), 115200));
            AtEngine engine = new AtEngine(open(pty.hostPath()), time.clock());
            engine.onUrc(u -> {
                if (u.is("+CMTI")) {
                    int i = Integer.parseInt(u.payload().substring(u.payload().indexOf(',') + 1));
                    synchronized (seen) {
                        if (seen.get(i)) {
                            duplicates.incrementAndGet();
                        }
                        seen.set(i);
                    }
                }
            });
            engine.executeOk(AtCommands.echoOff());
            Thread asker = Thread.ofPlatform().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        AtResponse r = engine.execute(AtCommands.signal());
                        commands.incrementAndGet();
                        if (!r.lines().equals(List.of("+CSQ: 20,99"))) {
                            badAnswers.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        return;
                    }
                }
            });
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long due = start + i * 1_000_000L;
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                if (i % 10 == 5) {
                    modem.injectDuring("AT+CSQ", "+CMTI: \"SM\"," + i); // inside the next answer
                } else {
                    modem.sendUrc("+CMTI: \"SM\"," + i);
                }
            }
            Thread.sleep(500);
            asker.interrupt();
            asker.join(2000);
            engine.close();
            modem.close();
        }
        int received;
        synchronized (seen) {
            received = seen.cardinality();
        }
        // URCs meant for "inside the next answer" that had no answer after them are still waiting, not lost.
        System.out.printf("URC flood: %d URCs at 1000/s over %d s (1 in 10 inside a response), %d commands answered"
                        + " meanwhile: received %d, lost %d, duplicated %d, answers with a stray line %d%n",
                total, seconds, commands.get(), received, total - received, duplicates.get(), badAnswers.get());
    }

    interface Trip {
        void run() throws Exception;
    }

    static void readExactly(SerialLink link, int count) {
        byte[] buf = new byte[256];
        int got = 0;
        while (got < count) {
            int n = link.read(buf, 30);
            if (n < 0) {
                throw new IllegalStateException("link closed");
            }
            got += n;
        }
    }

    static long median(long[] sorted) {
        return sorted[sorted.length / 2];
    }

    static void report(String what, long[] sorted) {
        System.out.printf("%-20s median %6.1f us   p99 %7.1f us   max %8.1f us%n", what, median(sorted) / 1e3,
                sorted[(int) (sorted.length * 0.99)] / 1e3, sorted[sorted.length - 1] / 1e3);
    }
}
