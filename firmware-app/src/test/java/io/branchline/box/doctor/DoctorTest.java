package io.branchline.box.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.box.config.ConfigLoader;
import io.branchline.box.simulate.SimulatedHardware;
import io.branchline.hw.time.SystemScheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorTest {
    @TempDir
    Path proc;

    @Test
    void modemManagerIsSeenAmongTheProcesses() throws Exception {
        Files.createDirectories(proc.resolve("1"));
        Files.writeString(proc.resolve("1/comm"), "systemd\n");
        try (SystemScheduler time = new SystemScheduler()) {
            Doctor d = new Doctor(List::of, c -> null, time, proc);
            assertTrue(!d.modemManagerRunning());
            Files.createDirectories(proc.resolve("812"));
            Files.writeString(proc.resolve("812/comm"), "ModemManager\n");
            assertTrue(d.modemManagerRunning());
            Finding f = d.checkSystem().stream().filter(x -> x.topic().equals("modemmanager")).findFirst().orElseThrow();
            assertTrue(f.level() == Finding.Level.WARN || f.level() == Finding.Level.INFO);
        }
    }

    @Test
    void noPortsAtAllIsAProblem() {
        try (SystemScheduler time = new SystemScheduler()) {
            List<Finding> f = new Doctor(List::of, c -> null, time, proc).checkPorts(Map.of());
            assertEquals(Finding.Level.PROBLEM, f.get(0).level());
        }
    }

    @Test
    void portsHeldByTheRunningBoxAreNotProbedAndConfiguredLinesAreChecked() {
        try (SystemScheduler time = new SystemScheduler()) {
            SimulatedHardware sim = SimulatedHardware.standard(time);
            Doctor d = new Doctor(sim.bus(), sim.bus(), time, proc);
            String held = sim.bus().scan().get(0).devicePath();
            List<Finding> ports = d.checkPorts(Map.of(held, "sim-1"));
            assertTrue(ports.get(0).message().contains("in use by the box (line sim-1)"), ports.toString());
            assertTrue(ports.get(1).message().contains("voice port (Quectel AT+QPCMV, 8 kHz PCM); not an AT port"),
                    ports.toString());
            assertTrue(ports.get(2).message().contains("SIMCOM_SIM7600G-H"), ports.toString());
            var config = ConfigLoader.parse("modems:\n  - id: here\n    usb-path: \"1-1.1\"\n"
                    + "  - id: gone\n    usb-path: \"1-1.9\"\n", "t.yaml");
            List<Finding> lines = d.checkConfiguredLines(config);
            assertEquals(Finding.Level.OK, lines.get(0).level());
            assertEquals(Finding.Level.PROBLEM, lines.get(1).level());
            assertTrue(lines.get(1).message().contains("gone: nothing at USB 1-1.9 interface 2"));
            sim.bus().close();
        }
    }
}
