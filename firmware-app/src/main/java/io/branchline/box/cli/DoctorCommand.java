package io.branchline.box.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.branchline.box.config.BoxConfig;
import io.branchline.box.config.ConfigException;
import io.branchline.box.config.ConfigLoader;
import io.branchline.box.doctor.Doctor;
import io.branchline.box.doctor.Finding;
import io.branchline.box.line.LineView;
import io.branchline.box.simulate.SimulatedHardware;
import io.branchline.hw.modem.LinkOpener;
import io.branchline.hw.modem.SysfsPortFinder;
import io.branchline.hw.time.SystemScheduler;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code branchline doctor}: what is there, what is wrong, and what to write in the configuration. */
final class DoctorCommand implements Cli.Command {
    @Override
    public String name() {
        return "doctor";
    }

    @Override
    public String summary() {
        return "check this machine: Java, configuration, ModemManager, serial ports and the modems on them";
    }

    @Override
    public Options options() {
        return BoxAddress.add(new Options()
                .addOption(Option.builder().longOpt("config").hasArg().argName("FILE")
                        .desc("configuration to check (default " + ConfigLoader.DEFAULT_PATH + ")").build())
                .addOption(Option.builder().longOpt("simulate").desc("probe the emulated modems instead").build()));
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) {
        boolean simulate = cl.hasOption("simulate");
        out.println("Branchline doctor " + io.branchline.box.Version.current() + (simulate ? " (simulate)" : ""));
        List<Finding> findings = new ArrayList<>();
        BoxConfig config = config(cl, simulate, findings);
        try (SystemScheduler scheduler = new SystemScheduler()) {
            SimulatedHardware sim = simulate ? SimulatedHardware.standard(scheduler) : null;
            List<String> uarts = new ArrayList<>(IntStream.range(0, 4).mapToObj(i -> "/dev/ttyS" + i).toList());
            uarts.add("/dev/ttyAMA0");
            uarts.addAll(config.uartPorts());
            Doctor doctor = simulate
                    ? new Doctor(sim.bus(), sim.bus(), scheduler, Path.of("/proc"))
                    : new Doctor(SysfsPortFinder.system(uarts), LinkOpener.jSerialComm(), scheduler, Path.of("/proc"));
            findings.addAll(doctor.checkSystem());
            Map<String, String> inUse = new HashMap<>();
            List<LineView> running = new ArrayList<>();
            findings.add(box(cl, inUse, running, simulate));
            findings.addAll(doctor.checkPorts(inUse));
            findings.addAll(doctor.checkConfiguredLines(config));
            findings.addAll(doctor.checkHandsets(config));
            findings.addAll(Doctor.checkGoip(config, running));
            if (sim != null) {
                sim.bus().close();
            }
        }
        for (String byId : Doctor.serialById(Path.of("/dev/serial/by-id"))) {
            findings.add(Finding.info("by-id", byId));
        }
        for (Finding f : findings) {
            out.printf("  %-8s %-13s %s%n", f.level().label(), f.topic(), f.message());
        }
        long warnings = findings.stream().filter(f -> f.level() == Finding.Level.WARN).count();
        long problems = findings.stream().filter(f -> f.level() == Finding.Level.PROBLEM).count();
        out.println(warnings + " warning" + (warnings == 1 ? "" : "s") + ", " + problems + " problem"
                + (problems == 1 ? "" : "s"));
        return problems > 0 ? ExitCode.PROBLEM : ExitCode.OK;
    }

    private static BoxConfig config(CommandLine cl, boolean simulate, List<Finding> findings) {
        Path file = Path.of(cl.getOptionValue("config", ConfigLoader.DEFAULT_PATH.toString()));
        if (!cl.hasOption("config") && !Files.exists(file)) {
            findings.add(simulate ? Finding.info("config", "no " + file + " (not needed with --simulate)")
                    : Finding.warn("config", "no " + file + " yet: copy docs/branchline.example.yaml there and add"
                    + " the modems listed below"));
            return BoxConfig.empty();
        }
        try {
            BoxConfig c = ConfigLoader.load(file);
            findings.add(Finding.ok("config", file + ": " + c.modems().size() + " modem line(s), API on "
                    + c.http().host() + ":" + c.http().port()));
            return c;
        } catch (ConfigException e) {
            findings.add(Finding.problem("config", e.getMessage()));
            return BoxConfig.empty();
        }
    }

    /** The running box's lines; their ports are not probed (the box holds them). */
    private static Finding box(CommandLine cl, Map<String, String> inUse, List<LineView> running, boolean simulate) {
        BoxClient client = BoxAddress.client(cl);
        try {
            List<LineView> lines = client.get("/api/lines", new TypeReference<>() { });
            running.addAll(lines);
            if (!simulate) {
                lines.forEach(l -> inUse.put(l.port(), l.id()));
            }
            long up = lines.stream().filter(l -> l.state().equals("up")).count();
            return Finding.ok("box", "running at " + client.base() + ": " + lines.size() + " line(s), " + up + " up");
        } catch (BoxClient.Refused e) {
            return Finding.problem("box", e.getMessage());
        } catch (BoxClient.Unreachable e) {
            return Finding.info("box", "not running at " + client.base() + " (ports are probed directly)");
        }
    }
}
