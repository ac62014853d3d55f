package io.branchline.box.bench;

import io.branchline.box.call.CallMedia;
import io.branchline.box.call.CallView;
import io.branchline.box.prompt.Prompts;
import io.branchline.box.recording.Recordings;
import io.branchline.box.store.Database;
import io.branchline.box.store.TimeText;
import io.branchline.hw.at.DialString;
import io.branchline.hw.audio.FrameClock;
import io.branchline.hw.audio.JitterBuffer;
import io.branchline.hw.audio.WavFile;
import io.branchline.hw.emulator.EmulatedHandset;
import io.branchline.hw.emulator.EmulatedNetwork;
import io.branchline.hw.emulator.EmulatedSim;
import io.branchline.hw.emulator.EmulatedUsbBus;
import io.branchline.hw.emulator.Flavour;
import io.branchline.hw.emulator.ModemEmulator;
import io.branchline.hw.modem.CallPhase;
import io.branchline.hw.modem.LineHealthSettings;
import io.branchline.hw.modem.LineState;
import io.branchline.hw.modem.ModemAddress;
import io.branchline.hw.modem.ModemCall;
import io.branchline.hw.modem.ModemLine;
import io.branchline.hw.time.SystemScheduler;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recorded calls under load (run by scripts/bench-recording.sh, not a test): N emulated modems on real
 * ptys (socat, jSerialComm), each with a call bridged to an emulated handset and recorded, for S seconds,
 * all at once. Prints the frames each channel carried, the frames dropped, late or missing (silence put
 * in), late clock ticks, and the CPU the box's media threads used per channel (the emulators' threads are
 * counted apart).
 */
public final class RecordedCallsBench {
    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        Path data = Files.createTempDirectory("branchline-bench-recording");
        Path ptys = Files.createTempDirectory("branchline-bench-ptys");
        Flavour[] flavours = {Flavour.SIMCOM_SIM7600, Flavour.QUECTEL_EC25, Flavour.HUAWEI_E1550};
        try (SystemScheduler scheduler = new SystemScheduler();
             EmulatedUsbBus bus = EmulatedUsbBus.overPtys(scheduler, Duration.ofSeconds(5), ptys);
             Database db = Database.open(data);
             FrameClock clock = new FrameClock("media")) {
            EmulatedNetwork network = new EmulatedNetwork(scheduler);
            List<ModemLine> lines = new ArrayList<>();
            Map<String, EmulatedHandset> handsets = new HashMap<>();
            for (int i = 0; i < calls; i++) {
                String n = String.format("%03d", i);
                ModemEmulator m = new ModemEmulator(flavours[i % flavours.length], "861234567890" + n,
                        EmulatedSim.ready("89860012345678900" + n, "460001234567" + n, "13800000" + n));
                network.register(m);
                bus.plug("1-" + (i + 1), 2, m);
                ModemLine line = new ModemLine("line-" + i, ModemAddress.usb("1-" + (i + 1), 2), bus, bus, scheduler,
                        LineHealthSettings.defaults());
                line.start();
                lines.add(line);
                handsets.put("agent-" + i, new EmulatedHandset("handset " + i, clock));
            }
            await(() -> lines.stream().allMatch(l -> l.snapshot().status().state() == LineState.UP), "lines up");
            Recordings recordings = new Recordings(db, data, scheduler.clock(), ZoneOffset.UTC);
            CallMedia media = new CallMedia(clock, recordings, new Prompts(db, data, scheduler.clock(), a -> true,
                    l -> true), new HashMap<>(handsets));
            List<ModemCall> modemCalls = new ArrayList<>();
            List<CallView> views = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                modemCalls.add(lines.get(i).calls().orElseThrow().dial(new DialString("1390000000" + (5 + i % 5))));
            }
            await(() -> modemCalls.stream().allMatch(c -> c.phase() == CallPhase.ACTIVE), "all calls answered");
            for (int i = 0; i < calls; i++) {
                String at = TimeText.of(scheduler.clock().instant());
                CallView v = new CallView("bench-" + i, "agent-" + i, "line-" + i, "", "", "", "", "direct", "", "active",
                        at, at, null, 0, 0, null, "", false, null, CallView.OUT);
                views.add(v);
                ModemLine line = lines.get(i);
                media.answered(v, media.handsetOf("agent-" + i), line::openVoice);
            }
            Thread.sleep(2000); // voices open, buffers primed: measure from here
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            Map<Long, Long> cpuBefore = cpuByThread(threads);
            long ticksBefore = clock.ticks();
            long lateBefore = clock.lateTicks();
            long wallStart = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long wall = System.nanoTime() - wallStart;
            Map<String, Long> cpu = cpuDelta(threads, cpuBefore);
            long ticks = clock.ticks() - ticksBefore;
            long lateTicks = clock.lateTicks() - lateBefore;
            long skipped = clock.skippedTicks();
            long minMillis = Long.MAX_VALUE;
            for (int i = 0; i < calls; i++) {
                long talk = Duration.ofNanos(wall).toMillis() + 2000;
                CallMedia.Outcome o = media.ended(views.get(i).id(), talk);
                long ms = WavFile.read(recordings.resolve(o.done().orElseThrow().path())).millis();
                minMillis = Math.min(minMillis, ms);
                lines.get(i).calls().orElseThrow().hangUp();
            }
            JitterBuffer.Stats s = media.totals();
            double wallSec = wall / 1e9;
            double boxCpu = cpu.getOrDefault("box", 0L) / 1e9;
            double emuCpu = cpu.getOrDefault("emulator", 0L) / 1e9;
            double otherCpu = cpu.getOrDefault("other", 0L) / 1e9;
            System.out.printf("recorded calls: %d at once for %d s (%.1f s measured), %d clock ticks%n", calls, seconds,
                    wallSec, ticks);
            System.out.printf("frames arrived: %d (both sides of every call, whole calls)%n", s.received());
            System.out.printf("  of which the agents' side: %s%n  and the customers' side: %s%n", media.totalsA(), media.totalsB());
            System.out.printf("dropped frames: %d   late arrivals (>60 ms gap): %d   gaps filled with silence: %d%n",
                    s.dropped(), s.late(), s.underruns());
            System.out.printf("late clock ticks (>10 ms): %d of %d   skipped ticks: %d%n", lateTicks, ticks, skipped);
            System.out.printf("shortest recording: %.1f s%n", minMillis / 1000.0);
            System.out.printf("CPU, box media threads: %.2f%% of one core per channel (%.2f s over %.1f s, %d channels)%n",
                    100 * boxCpu / wallSec / calls, boxCpu, wallSec, calls);
            System.out.printf("CPU, emulators (not the box): %.2f%% per channel; other threads: %.2f%% in all%n",
                    100 * emuCpu / wallSec / calls, 100 * otherCpu / wallSec);
            lines.forEach(ModemLine::close);
        }
    }

    private static Map<Long, Long> cpuByThread(ThreadMXBean t) {
        Map<Long, Long> m = new HashMap<>();
        for (long id : t.getAllThreadIds()) {
            m.put(id, t.getThreadCpuTime(id));
        }
        return m;
    }

    /** CPU since {@code before}, by who runs the thread: the box's media path, the emulators, or other. */
    private static Map<String, Long> cpuDelta(ThreadMXBean t, Map<Long, Long> before) {
        Map<String, Long> out = new HashMap<>();
        for (var info : t.getThreadInfo(t.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long now = t.getThreadCpuTime(info.getThreadId());
            long was = before.getOrDefault(info.getThreadId(), 0L);
            if (now < 0 || was < 0) {
                continue;
            }
            String name = info.getThreadName();
            String who = name.equals("media") || (name.startsWith("pcm ") && name.endsWith("-host"))
                    || name.startsWith("ForkJoinPool") ? "box"
                    : name.startsWith("emulat") || name.startsWith("pcm ") || name.startsWith("handset") ? "emulator"
                    : "other";
            out.merge(who, now - was, Long::sum);
        }
        return out;
    }

    private static void await(java.util.function.BooleanSupplier cond, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("not " + what + " within 60 s");
            }
            Thread.sleep(20);
        }
    }
}
