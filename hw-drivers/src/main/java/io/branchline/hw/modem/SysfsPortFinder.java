package io.branchline.hw.modem;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds serial ports the way the kernel sees them: every /sys/class/tty/ttyUSB* and ttyACM* is followed
 * to its USB interface directory ("1-1.2:1.2") for the physical USB path and interface number, and to the
 * device above it for vendor and product ids. /dev/ttyS* and /dev/ttyAMA* are listed as UARTs when given.
 */
public final class SysfsPortFinder implements PortFinder {
    private static final Pattern USB_INTERFACE_DIR = Pattern.compile("^\\d+-[\\d.]+:\\d+\\.\\d+$");

    private final Path sysClassTty;
    private final Path dev;
    private final List<String> uarts;

    public SysfsPortFinder(Path sysClassTty, Path dev, List<String> uarts) {
        this.sysClassTty = sysClassTty;
        this.dev = dev;
        this.uarts = uarts;
    }

    public static SysfsPortFinder system(List<String> uarts) {
        return new SysfsPortFinder(Path.of("/sys/class/tty"), Path.of("/dev"), uarts);
    }

    @Override
    public List<PortCandidate> scan() {
        List<PortCandidate> out = new ArrayList<>();
        if (Files.isDirectory(sysClassTty)) {
            try (DirectoryStream<Path> ttys = Files.newDirectoryStream(sysClassTty, "tty{USB,ACM}*")) {
                for (Path tty : ttys) {
                    candidate(tty).ifPresent(out::add);
                }
            } catch (IOException e) {
                // No sysfs (a container, a test): only the configured UARTs.
            }
        }
        for (String u : uarts) {
            if (Files.exists(Path.of(u))) {
                out.add(PortCandidate.uart(u));
            }
        }
        out.sort((a, b) -> a.devicePath().compareTo(b.devicePath()));
        return out;
    }

    private java.util.Optional<PortCandidate> candidate(Path tty) {
        try {
            Path device = tty.resolve("device").toRealPath();
            Path iface = device;
            while (iface != null && !USB_INTERFACE_DIR.matcher(iface.getFileName().toString()).matches()) {
                iface = iface.getParent();
            }
            String devicePath = dev.resolve(tty.getFileName().toString()).toString();
            if (iface == null) {
                return java.util.Optional.of(PortCandidate.uart(devicePath));
            }
            String name = iface.getFileName().toString();
            String usbPath = name.substring(0, name.indexOf(':'));
            int number = Integer.parseInt(read(iface.resolve("bInterfaceNumber"), "0").strip(), 16);
            Path usbDevice = iface.getParent();
            return java.util.Optional.of(new PortCandidate(devicePath, usbPath, number,
                    read(usbDevice.resolve("idVendor"), "").strip(), read(usbDevice.resolve("idProduct"), "").strip()));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static String read(Path p, String fallback) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return fallback;
        }
    }
}
