package io.branchline.box.simulate;

import io.branchline.box.config.BoxConfig;
import io.branchline.box.line.Hardware;
import io.branchline.hw.audio.FrameClock;
import io.branchline.hw.audio.Handset;
import io.branchline.hw.emulator.EmulatedHandset;
import io.branchline.hw.gpio.Gpio;
import io.branchline.hw.modem.LineHealthSettings;
import io.branchline.hw.line.Line;
import io.branchline.hw.emulator.EmulatedGoip;
import io.branchline.hw.modem.ModemLine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Optional;
import io.branchline.hw.emulator.EmulatedNetwork;
import io.branchline.hw.emulator.EmulatedSim;
import io.branchline.hw.emulator.EmulatedSimSocket;
import io.branchline.hw.gpio.FakeGpio;
import io.branchline.hw.emulator.EmulatedUsbBus;
import io.branchline.hw.emulator.Flavour;
import io.branchline.hw.emulator.ModemEmulator;
import io.branchline.hw.modem.ModemAddress;
import io.branchline.hw.time.Scheduler;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The hardware of {@code run --simulate}: an emulated USB bus and mobile network with
 * <ul>
 * <li>{@code sim-1}, a Quectel EC25 whose SIM is registered, and {@code sim-2}, a SIMCom SIM7600 whose SIM
 *     asks for its PIN;</li>
 * <li>{@code desk-1001} and {@code desk-1002}, card 1 of the desk phones of agents 1001 and 1002 (a Quectel
 *     EC25 and a Huawei E1550), and {@code desk-1001b} and {@code desk-1002b}, their card 2 (SIMCom SIM7600s),
 *     so that every call-forward mode, crossed ones included, can be tried;</li>
 * <li>{@code hotline}, the office's switchboard number (总机, a Quectel EC25), whose callers hear the example
 *     menus in Chinese ({@link ExampleSwitchboard}).</li>
 * </ul>
 * The network answers by the number's last digit (see {@link EmulatedNetwork}). Wired only by --simulate,
 * never found by classpath scanning.
 */
public final class SimulatedHardware implements Hardware {
    /** A simulated line: its id and where its modem sits on the emulated bus. */
    public record SimLine(String id, ModemAddress address) {
    }

    /** The select lines of desk-1001's 5-slot multiplexer and the hook switches, on the emulated GPIO. */
    public static final int[] MUX_PINS = {17, 27, 22};
    public static final int[] MUX_PINS_1002 = {23, 24, 25};
    public static final int HOOK_1001 = 5;
    public static final int HOOK_1002 = 6;
    /** The desk phones' ringers (a relay board on the emulated GPIO): high while the phone rings. */
    public static final int RINGER_1001 = 12;
    public static final int RINGER_1002 = 13;

    private final EmulatedUsbBus bus;
    private final EmulatedNetwork network;
    private final List<SimLine> lines;
    private final FakeGpio gpio;
    private final int extraDesks;
    private io.branchline.box.line.GoipGateways gateways = io.branchline.box.line.GoipGateways.none();
    private EmulatedGoip goip;
    private Map<String, EmulatedHandset> handsets;
    /** How much of what the emulated ears hear is kept: nothing unless a test asks to listen back. */
    private int keepSeconds;

    private SimulatedHardware(EmulatedUsbBus bus, EmulatedNetwork network, List<SimLine> lines, FakeGpio gpio,
                              int extraDesks) {
        this.extraDesks = extraDesks;
        this.bus = bus;
        this.network = network;
        this.lines = lines;
        this.gpio = gpio;
        keepWhatIsHeard(0);
    }

    /**
     * Keep the last {@code seconds} of what the emulated customers and handsets hear, for a test that listens
     * back; the simulate mode keeps nothing (180 s per ear, 16 ears, would be 45 MB of a small box's memory).
     */
    public synchronized void keepWhatIsHeard(int seconds) {
        keepSeconds = seconds;
        for (SimLine l : lines) {
            bus.modemAt(l.address().usbPath()).voice().heard().keep(seconds);
        }
        if (handsets != null) {
            handsets.values().forEach(h -> h.heard().keep(seconds));
        }
    }

    public static SimulatedHardware standard(Scheduler scheduler) {
        return standard(scheduler, null);
    }

    /**
     * @param ptyDir where to make pty pairs (socat) for the emulated modems, so that the serial path is real;
     *               null for in-memory links (the default: no socat needed)
     */
    public static SimulatedHardware standard(Scheduler scheduler, Path ptyDir) {
        return standard(scheduler, ptyDir, 0);
    }

    /**
     * The standard hardware and {@code extraDesks} more agents (2001, 2002, …), each with a desk-phone SIM of
     * their own on a Quectel EC25 ({@code desk-2001}, …): an office of the size the inbound benchmark needs.
     */
    public static SimulatedHardware standard(Scheduler scheduler, Path ptyDir, int extraDesks) {
        EmulatedUsbBus bus = ptyDir == null ? EmulatedUsbBus.inMemory(scheduler, Duration.ofSeconds(5))
                : EmulatedUsbBus.overPtys(scheduler, Duration.ofSeconds(5), ptyDir);
        ModemEmulator registered = new ModemEmulator(Flavour.QUECTEL_EC25, "861234560000011",
                EmulatedSim.ready("89860012345678900011", "460001234500011", "+8613800000011")).signal(22);
        ModemEmulator locked = new ModemEmulator(Flavour.SIMCOM_SIM7600, "861234560000022",
                EmulatedSim.locked("89860012345678900022", "460001234500022", "1234")).signal(14);
        ModemEmulator desk1001 = new ModemEmulator(Flavour.QUECTEL_EC25, "861234560001001",
                EmulatedSim.ready("89860012345678901001", "460001234501001", "13800001001")).signal(24);
        ModemEmulator desk1002 = new ModemEmulator(Flavour.HUAWEI_E1550, "861234560001002",
                EmulatedSim.ready("89860012345678901002", "460001234501002", "13800001002")).signal(18);
        ModemEmulator desk1001b = new ModemEmulator(Flavour.SIMCOM_SIM7600, "861234560011001",
                EmulatedSim.ready("89860012345678911001", "460001234511001", "13800011001")).signal(21);
        ModemEmulator desk1002b = new ModemEmulator(Flavour.SIMCOM_SIM7600, "861234560011002",
                EmulatedSim.ready("89860012345678911002", "460001234511002", "13800011002")).signal(17);
        ModemEmulator hotline = new ModemEmulator(Flavour.QUECTEL_EC25, "861234560000088",
                EmulatedSim.ready("89860012345678900088", "460001234500088", "+8613800000088")).signal(25);
        EmulatedNetwork network = new EmulatedNetwork(scheduler);
        for (ModemEmulator m : List.of(registered, locked, desk1001, desk1002, desk1001b, desk1002b, hotline)) {
            network.register(m);
        }
        // Card 1 of each desk phone sits behind a 5-slot SIM multiplexer; the emulated boards follow the select
        // lines.
        FakeGpio gpio = new FakeGpio();
        new EmulatedSimSocket(gpio, MUX_PINS, desk1001, muxCards(desk1001.sim(), "1"));
        new EmulatedSimSocket(gpio, MUX_PINS_1002, desk1002, muxCards(desk1002.sim(), "2"));
        bus.plug("1-1.1", 2, registered);
        bus.plug("1-1.2", 2, locked);
        bus.plug("1-1.3", 2, desk1001);
        bus.plug("1-1.4", 0, desk1002);
        bus.plug("1-2.3", 2, desk1001b);
        bus.plug("1-2.4", 2, desk1002b);
        bus.plug("1-2.1", 2, hotline);
        List<SimLine> lines = new ArrayList<>(List.of(new SimLine("sim-1", ModemAddress.usb("1-1.1", 2)),
                new SimLine("sim-2", ModemAddress.usb("1-1.2", 2)),
                new SimLine("desk-1001", ModemAddress.usb("1-1.3", 2)),
                new SimLine("desk-1002", ModemAddress.usb("1-1.4", 0)),
                new SimLine("desk-1001b", ModemAddress.usb("1-2.3", 2)),
                new SimLine("desk-1002b", ModemAddress.usb("1-2.4", 2)),
                new SimLine("hotline", ModemAddress.usb("1-2.1", 2))));
        for (int i = 1; i <= extraDesks; i++) {
            String n = String.format("%04d", 2000 + i);
            ModemEmulator m = new ModemEmulator(Flavour.QUECTEL_EC25, "86123456002" + n, EmulatedSim.ready(
                    "8986001234567892" + n, "46000123452" + n, "1380002" + n)).signal(20);
            network.register(m);
            bus.plug("1-3." + i, 2, m);
            lines.add(new SimLine("desk-" + n, ModemAddress.usb("1-3." + i, 2)));
        }
        return new SimulatedHardware(bus, network, lines, gpio, extraDesks);
    }

    /** Slot 1 holds {@code first}; slots 2-5 hold cards numbered 1380000{slot}00{agent}. */
    private static List<EmulatedSim> muxCards(EmulatedSim first, String agent) {
        List<EmulatedSim> cards = new ArrayList<>(List.of(first));
        for (int slot = 2; slot <= 5; slot++) {
            cards.add(EmulatedSim.ready(muxIccid(slot, agent), "46000123450" + slot + "00" + agent,
                    "1380000" + slot + "00" + agent));
        }
        return cards;
    }

    private static String muxIccid(int slot, String agent) {
        return "8986001234567890" + slot + "00" + agent;
    }

    public FakeGpio gpio() {
        return gpio;
    }

    /**
     * The desk phones' settings as an installer would write them: desk-1001 rotates its five SIMs every 3
     * calls and warns at 10 calls an hour; desk-1002 moves between slots 1 and 2 when a SIM made 4 calls
     * within 10 minutes; both desk phones have a hook switch. The hotline and the GoIP ports answer their
     * callers with the switchboard (goip-1 hears their keys as RFC 2833 events, goip-2 as tones in the voice).
     */
    @Override
    public List<BoxConfig.Modem> deskSettings() {
        return List.of(
                new BoxConfig.Modem("desk-1001", null, "1-1.3", 2, null, null, null, null, mux(MUX_PINS, "1"),
                        new BoxConfig.Rotation("by-count", null, null, 3, null),
                        new BoxConfig.FrequentCallWarning(10, 60, false), HOOK_1001, null, null, null, null, null,
                        RINGER_1001, null),
                new BoxConfig.Modem("desk-1002", null, "1-1.4", 0, null, null, null, null, mux(MUX_PINS_1002, "2"),
                        new BoxConfig.Rotation("by-frequency", List.of(1, 2), null, 4, 10), null, HOOK_1002, null, null,
                        null, null, null, RINGER_1002, null),
                new BoxConfig.Modem("hotline", null, "1-2.1", 2, null, null, null, null, null, null, null, null, null,
                        null, "switchboard", null, ExampleSwitchboard.FIRST_MENU, null, null),
                new BoxConfig.Modem("goip-1", null, null, null, null, null, null, null, null, null, null, null, null,
                        null, "switchboard", null, ExampleSwitchboard.FIRST_MENU, null, null),
                new BoxConfig.Modem("goip-2", null, null, null, null, null, null, null, null, null, null, null, null,
                        null, "switchboard", null, ExampleSwitchboard.FIRST_MENU, null, null));
    }

    private static BoxConfig.SimMux mux(int[] pins, String agent) {
        List<BoxConfig.Slot> slots = new ArrayList<>();
        for (int slot = 1; slot <= 5; slot++) {
            slots.add(new BoxConfig.Slot(slot, slot == 1 ? "8986001234567890100" + agent : muxIccid(slot, agent),
                    null, null));
        }
        return new BoxConfig.SimMux(Arrays.stream(pins).boxed().toList(), slots);
    }

    @Override
    public List<Line> lines(Scheduler scheduler, LineHealthSettings health) {
        List<Line> out = new ArrayList<>(lines.stream()
                .map(l -> (Line) new ModemLine(l.id(), l.address(), bus, bus, scheduler, health)).toList());
        // Two ports of an emulated GoIP on loopback, reporting to the box's GoIP and SIP servers on ports the
        // system picks (two simulated boxes never collide), with a password made for this run.
        String password = java.util.HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(8));
        gateways = io.branchline.box.line.GoipGateways.serve(new BoxConfig.Goip("127.0.0.1", 0, List.of(), List.of(
                new BoxConfig.GoipPort("goip-1", "goip1", password),
                new BoxConfig.GoipPort("goip-2", "goip2", password, "inband")), 0), scheduler);
        out.addAll(gateways.lines());
        goip = new EmulatedGoip(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(),
                gateways.port().orElseThrow()), GOIP_KEEPALIVE);
        try {
            goip.addPort("goip1", password, "13800000201", 23);
            goip.addPort("goip2", password, "13800000202", 11).voice().inband(true); // its callers' keys as tones
            // Their voice: each port registers its SIP account with the box and places its calls on the network.
            goip.sip(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(),
                    gateways.sipPort().orElseThrow()), network);
        } catch (java.net.SocketException | javax.sip.SipException e) {
            throw new IllegalStateException("the emulated GoIP cannot open its ports: " + e.getMessage(), e);
        }
        return out;
    }

    /** The emulated GoIP's keepalive interval: the 30 s the GoIP's document gives. */
    public static final Duration GOIP_KEEPALIVE = Duration.ofSeconds(30);

    /** The emulated GoIP port behind line {@code lineId} ("goip-1" is the port with GoIP id "goip1"). */
    public Optional<io.branchline.hw.emulator.EmulatedGoipPort> goipPort(String lineId) {
        return goip == null ? Optional.empty() : goip.ports().stream()
                .filter(p -> p.goipId().equals(lineId.replace("-", ""))).findFirst();
    }

    /** The emulated GoIP gateway whose ports are goip-1 and goip-2, once the lines are made. */
    public Optional<EmulatedGoip> goip() {
        return Optional.ofNullable(goip);
    }

    @Override
    public Optional<Gpio> gpio(List<BoxConfig.Modem> desks) {
        return Optional.of(gpio);
    }

    @Override
    public void close() {
        if (goip != null) {
            goip.close();
        }
        gateways.close();
        bus.close();
    }

    @Override
    public List<BoxConfig.Agent> agents() {
        // Callback numbers follow the emulated network's last-digit rules: 1001's mobile answers and talks until
        // hung up; 1002's is busy, to show a callback whose agent leg fails.
        List<BoxConfig.Agent> out = new ArrayList<>(List.of(new BoxConfig.Agent("1001", "坐席1001", "crm-1001",
                        "desk-1001", "desk-1001b", null, "13711110015"),
                new BoxConfig.Agent("1002", "坐席1002", "crm-1002", "desk-1002", "desk-1002b", null, "13711110022")));
        for (int i = 1; i <= extraDesks; i++) {
            String n = String.valueOf(2000 + i);
            out.add(new BoxConfig.Agent(n, "坐席" + n, "crm-" + n, "desk-" + n, null, null, null));
        }
        return out;
    }

    /**
     * The agents' handsets, emulated: agent 1001 and 1002 "speak" a 1 kHz tone (the customers a 440 Hz one),
     * so that both sides are heard in a recording made in simulate mode.
     */
    @Override
    public synchronized Map<String, Handset> handsets(FrameClock clock) {
        if (handsets == null) {
            handsets = new LinkedHashMap<>();
            for (BoxConfig.Agent a : agents()) {
                EmulatedHandset h = new EmulatedHandset("handset " + a.id(), clock);
                h.heard().keep(keepSeconds);
                handsets.put(a.id(), h);
            }
        }
        return Map.copyOf(handsets);
    }

    /** Agent {@code agentId}'s emulated handset, once the box has made them. */
    public synchronized EmulatedHandset handset(String agentId) {
        if (handsets == null || !handsets.containsKey(agentId)) {
            throw new IllegalStateException("no emulated handset for agent " + agentId);
        }
        return handsets.get(agentId);
    }

    public EmulatedNetwork network() {
        return network;
    }

    public EmulatedUsbBus bus() {
        return bus;
    }

    public List<SimLine> lines() {
        return lines;
    }
}
