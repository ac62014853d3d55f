package io.branchline.box.doctor;

import io.branchline.box.config.BoxConfig;
import io.branchline.hw.modem.LinkOpener;
import io.branchline.hw.modem.ModemAddress;
import io.branchline.hw.modem.PortCandidate;
import io.branchline.hw.modem.PortFinder;
import io.branchline.hw.time.Scheduler;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What an installer runs first: is Java right, is the configuration right, is ModemManager in the way,
 * which serial ports are there and which of them have a modem (and how to name it in the configuration),
 * and whether every configured line has its modem.
 */
public final class Doctor {
    public static final Path UDEV_RULE = Path.of("/etc/udev/rules.d/99-branchline-modems.rules");
    /** Where the Debian package puts the same rule. */
    public static final Path PACKAGED_UDEV_RULE = Path.of("/lib/udev/rules.d/99-branchline-modems.rules");

    private final PortFinder finder;
    private final LinkOpener opener;
    private final Scheduler scheduler;
    private final Path proc;

    public Doctor(PortFinder finder, LinkOpener opener, Scheduler scheduler, Path proc) {
        this.finder = finder;
        this.opener = opener;
        this.scheduler = scheduler;
        this.proc = proc;
    }

    public List<Finding> checkSystem() {
        List<Finding> out = new ArrayList<>();
        Runtime.Version v = Runtime.version();
        out.add(v.feature() >= 25 ? Finding.ok("java", "Java " + v + " (" + System.getProperty("java.vendor") + ")")
                : Finding.problem("java", "Java " + v + " is too old: Branchline needs 25 or newer"));
        if (modemManagerRunning()) {
            Path rule = Files.exists(PACKAGED_UDEV_RULE) ? PACKAGED_UDEV_RULE : UDEV_RULE;
            out.add(Files.exists(rule)
                    ? Finding.info("modemmanager", "ModemManager is running; " + rule + " keeps it off the modems")
                    : Finding.warn("modemmanager", "ModemManager is running and probes every new serial port with"
                    + " AT commands, which garbles the box's answers. Install systemd/99-branchline-modems.rules to "
                    + UDEV_RULE + " or stop it: sudo systemctl disable --now ModemManager"));
        } else {
            out.add(Finding.ok("modemmanager", "ModemManager is not running"));
        }
        return out;
    }

    /** The modems that answer AT on the ports found now (voice ports skipped), for provisioning. */
    public List<PortProbe.Found> modems() {
        List<PortProbe.Found> found = new ArrayList<>();
        for (PortCandidate p : finder.scan()) {
            if (io.branchline.hw.modem.VoiceSupport.atUsb(p.vendorId(), p.usbInterface()).isEmpty()) {
                PortProbe.identify(p, opener, scheduler).ifPresent(found::add);
            }
        }
        return found;
    }

    /**
     * Scans and probes every port not held by the running box; {@code inUse} maps a port to the line holding it.
     */
    public List<Finding> checkPorts(Map<String, String> inUse) {
        List<PortCandidate> ports = finder.scan();
        List<Finding> out = new ArrayList<>();
        if (ports.isEmpty()) {
            out.add(Finding.problem("port", "no serial ports found (/dev/ttyUSB*, /dev/ttyACM*): is a modem plugged in"
                    + " and powered? (lsusb shows it)"));
            return out;
        }
        // Platform threads: the probes block in native serial reads.
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(8, ports.size()));
        try {
            List<Future<Finding>> probes = new ArrayList<>();
            for (PortCandidate p : ports) {
                String line = inUse.get(p.devicePath());
                var voice = io.branchline.hw.modem.VoiceSupport.atUsb(p.vendorId(), p.usbInterface());
                if (line != null) {
                    probes.add(java.util.concurrent.CompletableFuture.completedFuture(
                            Finding.ok("port", p.describe() + ": in use by the box (line " + line + ")")));
                } else if (voice.isPresent()) {
                    // Writing AT into a voice port would only be played as noise: it is named, not probed.
                    probes.add(java.util.concurrent.CompletableFuture.completedFuture(Finding.info("port",
                            p.describe() + ": the modem's voice port (" + voice.get().label() + ", 8 kHz PCM); not"
                                    + " an AT port, so not probed")));
                } else {
                    probes.add(pool.submit(() -> PortProbe.probe(p, opener, scheduler)));
                }
            }
            for (Future<Finding> f : probes) {
                out.add(f.get());
            }
        } catch (Exception e) {
            out.add(Finding.problem("port", "probing failed: " + e.getMessage()));
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    /**
     * The sound devices Java Sound sees (where the handsets are), and whether each agent's configured
     * handset is among them.
     */
    public List<Finding> checkHandsets(BoxConfig config) {
        List<Finding> out = new ArrayList<>();
        List<String> devices = io.branchline.hw.audio.JavaSoundHandset.devices();
        out.add(Finding.info("sound", devices.isEmpty() ? "no sound devices: handsets need a USB sound card each"
                : "sound devices (for agents' handset): " + String.join("; ", devices)));
        for (BoxConfig.Agent a : config.agents()) {
            if (!a.handset().isEmpty()) {
                out.add(devices.stream().anyMatch(d -> d.contains(a.handset()))
                        ? Finding.ok("sound", "agent " + a.id() + ": handset \"" + a.handset() + "\" is present")
                        : Finding.problem("sound", "agent " + a.id() + ": no sound device named \"" + a.handset()
                                + "\"; the agent's side of calls will be silent"));
            }
        }
        return out;
    }

    /** Each configured line must have a port at its address. */
    public List<Finding> checkConfiguredLines(BoxConfig config) {
        List<PortCandidate> ports = finder.scan();
        List<Finding> out = new ArrayList<>();
        for (BoxConfig.Modem m : config.modems()) {
            if (config.goip().line(m.id()).isPresent()) {
                continue; // a GoIP port's dialing settings: checkGoip looks at the port
            }
            ModemAddress a = m.address();
            out.add(ports.stream().anyMatch(a::matches)
                    ? Finding.ok("line", m.id() + ": a port is at " + a.describe())
                    : Finding.problem("line", m.id() + ": nothing at " + a.describe()
                    + " (wrong USB socket? see the ports above for the right usb-path)"));
        }
        return out;
    }

    /**
     * The GoIP ports: with the box running, how each is doing (a port that never registered is usually a
     * GoIP whose SMS-server settings name another address, id or password); without it, whether the UDP port
     * the GoIPs report to is free.
     */
    public static List<Finding> checkGoip(BoxConfig config, List<io.branchline.box.line.LineView> running) {
        BoxConfig.Goip g = config.goip();
        List<Finding> out = new ArrayList<>();
        List<BoxConfig.GoipPort> ports = new ArrayList<>(g.lines());
        // the running box's GoIP ports the file does not name (the simulate mode's)
        running.stream().filter(v -> v.vendor().equals("GoIP") && g.line(v.id()).isEmpty())
                .forEach(v -> ports.add(new BoxConfig.GoipPort(v.id(), "", "")));
        if (ports.isEmpty()) {
            return out;
        }
        if (running.isEmpty()) {
            udpFree(g.listen(), g.port(), "the GoIPs", "could not hear its GoIPs", out);
            udpFree(g.listen(), g.sipPort(), "the GoIPs' SIP", "could not take its GoIPs' calls", out);
        }
        for (BoxConfig.GoipPort p : ports) {
            var view = running.stream().filter(v -> v.id().equals(p.id())).findFirst();
            String hint = " (GoIP: SMS Server = this box's address, port " + g.port() + ", ID \"" + p.goipId()
                    + "\", the password of goip.lines)";
            if (view.isEmpty()) {
                out.add(Finding.info("goip", p.id() + ": GoIP ID \"" + p.goipId() + "\"" + hint));
            } else if (view.get().state().equals("up") && !view.get().detail().isEmpty()) {
                // up for text messages, but its SIP account has not registered: no calls
                out.add(Finding.warn("goip", p.id() + ": up, " + view.get().detail() + " (SIP port " + g.sipPort()
                        + ", user \"" + p.goipId() + "\", the password of goip.lines)"));
            } else if (view.get().state().equals("up")) {
                out.add(Finding.ok("goip", p.id() + ": up from " + view.get().port() + ", " + view.get().operator()
                        + ", carries calls"));
            } else if (view.get().port().isEmpty()) {
                out.add(Finding.problem("goip", p.id() + ": never registered" + hint));
            } else {
                out.add(Finding.warn("goip", p.id() + ": " + view.get().state() + ", " + view.get().detail()));
            }
        }
        return out;
    }

    private static void udpFree(String listen, int port, String forWhom, String otherwise, List<Finding> out) {
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(new java.net.InetSocketAddress(
                java.net.InetAddress.ofLiteral(listen), port))) {
            out.add(Finding.ok("goip", "UDP " + listen + ":" + s.getLocalPort() + " is free for " + forWhom));
        } catch (java.io.IOException e) {
            out.add(Finding.problem("goip", "UDP " + listen + ":" + port + " is held by another program ("
                    + e.getMessage() + "): the box " + otherwise));
        }
    }

    /** /dev/serial/by-id names, for the installer who prefers them for UART adapters. */
    public static List<String> serialById(Path dir) {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                out.add(p + " -> " + p.toRealPath());
            }
        } catch (IOException e) {
            out.add(dir + ": " + e.getMessage());
        }
        return out;
    }

    boolean modemManagerRunning() {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(proc, "[0-9]*")) {
            for (Path p : ds) {
                try {
                    if (Files.readString(p.resolve("comm")).strip().equals("ModemManager")) {
                        return true;
                    }
                } catch (IOException ignored) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
