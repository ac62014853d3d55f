package io.branchline.box.line;

import io.branchline.box.config.BoxConfig;
import io.branchline.hw.audio.FrameClock;
import io.branchline.hw.audio.Handset;
import io.branchline.hw.gpio.Gpio;
import io.branchline.hw.gpio.Pi4jGpio;
import io.branchline.hw.modem.LineHealthSettings;
import io.branchline.hw.modem.LinkOpener;
import io.branchline.hw.line.Line;
import io.branchline.hw.modem.ModemLine;
import io.branchline.hw.modem.PortFinder;
import io.branchline.hw.modem.SysfsPortFinder;
import io.branchline.hw.time.Scheduler;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The real hardware, as the configuration names it: modems found by USB socket (sysfs), GPIO by Pi4J. */
public final class ConfiguredHardware implements Hardware {
    private final BoxConfig config;
    private GoipGateways gateways = GoipGateways.none();

    public ConfiguredHardware(BoxConfig config) {
        this.config = config;
    }

    @Override
    public List<Line> lines(Scheduler scheduler, LineHealthSettings health) {
        PortFinder finder = SysfsPortFinder.system(config.uartPorts());
        LinkOpener opener = LinkOpener.jSerialComm();
        List<Line> lines = new java.util.ArrayList<>(config.modems().stream()
                .filter(m -> config.goip().line(m.id()).isEmpty()) // a GoIP port's dialing settings, not a modem
                .map(m -> (Line) new ModemLine(m.id(), m.address(), finder, opener, scheduler, health).simPin(m.pin()))
                .toList());
        gateways = GoipGateways.serve(config.goip(), scheduler);
        lines.addAll(gateways.lines());
        return lines;
    }

    @Override
    public List<BoxConfig.Agent> agents() {
        return List.of();
    }

    @Override
    public List<BoxConfig.Modem> deskSettings() {
        return List.of();
    }

    @Override
    public Optional<Gpio> gpio(List<BoxConfig.Modem> desks) {
        return DeskPhones.needGpio(desks) ? Optional.of(new Pi4jGpio()) : Optional.empty();
    }

    @Override
    public Map<String, Handset> handsets(FrameClock clock) {
        return Map.of();
    }

    @Override
    public void close() {
        // the lines close their own ports; the GoIPs' server is the hardware's
        gateways.close();
    }
}
