package io.branchline.box.line;

import io.branchline.hw.emulator.EmulatedSim;
import io.branchline.hw.emulator.EmulatedUsbBus;
import io.branchline.hw.emulator.Flavour;
import io.branchline.hw.emulator.ModemEmulator;
import io.branchline.hw.modem.ModemAddress;
import io.branchline.hw.time.Scheduler;
import java.time.Duration;
import java.util.List;

/**
 * The hardware of {@code run --simulate}: an emulated USB bus with two modems, one with a registered SIM
 * and one whose SIM asks for its PIN. Wired only by --simulate, never found by classpath scanning.
 */
public final class SimulatedHardware {
    /** A simulated line: its id and where its modem sits on the emulated bus. */
    public record SimLine(String id, ModemAddress address) {
    }

    private final EmulatedUsbBus bus;
    private final List<SimLine> lines;

    private SimulatedHardware(EmulatedUsbBus bus, List<SimLine> lines) {
        this.bus = bus;
        this.lines = lines;
    }

    public static SimulatedHardware standard(Scheduler scheduler) {
        EmulatedUsbBus bus = EmulatedUsbBus.inMemory(scheduler, Duration.ofSeconds(5));
        ModemEmulator registered = new ModemEmulator(Flavour.QUECTEL_EC25, "861234560000011",
                EmulatedSim.ready("89860012345678900011", "460001234500011", "+8613800000011")).signal(22);
        ModemEmulator locked = new ModemEmulator(Flavour.SIMCOM_SIM7600, "861234560000022",
                EmulatedSim.locked("89860012345678900022", "460001234500022", "1234")).signal(14);
        bus.plug("1-1.1", 2, registered);
        bus.plug("1-1.2", 2, locked);
        return new SimulatedHardware(bus, List.of(new SimLine("sim-1", ModemAddress.usb("1-1.1", 2)),
                new SimLine("sim-2", ModemAddress.usb("1-1.2", 2))));
    }

    public EmulatedUsbBus bus() {
        return bus;
    }

    public List<SimLine> lines() {
        return lines;
    }
}
