package io.branchline.box.doctor;

import io.branchline.hw.at.AtEngine;
import io.branchline.hw.at.AtException;
import io.branchline.hw.modem.LinkOpener;
import io.branchline.hw.modem.ModemDriver;
import io.branchline.hw.modem.ModemIdentity;
import io.branchline.hw.modem.ModemStatus;
import io.branchline.hw.modem.PortCandidate;
import io.branchline.hw.modem.VendorProfile;
import io.branchline.hw.serial.SerialLinkException;
import io.branchline.hw.time.Scheduler;

/**
 * Asks one port whether a modem answers there, and if so what it is: the doctor's probe. Opens the port,
 * sends AT (one try, 1 s), and for a modem reads its identity and state; always closes the port.
 */
public final class PortProbe {
    private PortProbe() {
    }

    /** A modem that answered on a port: what provisioning offers as a line. */
    public record Found(PortCandidate port, ModemIdentity identity, ModemStatus status, String model) {
    }

    /** The modem on {@code port}, or empty when nothing answers AT there. */
    static java.util.Optional<Found> identify(PortCandidate port, LinkOpener opener, Scheduler scheduler) {
        AtEngine engine;
        try {
            engine = new AtEngine(opener.open(port), scheduler.clock());
        } catch (SerialLinkException e) {
            return java.util.Optional.empty();
        }
        try {
            ModemDriver driver = new ModemDriver(engine);
            driver.ping(1);
            driver.initialize();
            ModemIdentity id = driver.readIdentity();
            return java.util.Optional.of(new Found(port, id, driver.poll(), (id.manufacturer() + " " + id.model()).strip()));
        } catch (AtException e) {
            return java.util.Optional.empty();
        } finally {
            engine.close();
        }
    }

    static Finding probe(PortCandidate port, LinkOpener opener, Scheduler scheduler) {
        AtEngine engine;
        try {
            engine = new AtEngine(opener.open(port), scheduler.clock());
        } catch (SerialLinkException e) {
            return Finding.info("port", port.describe() + ": " + e.getMessage());
        }
        try {
            ModemDriver driver = new ModemDriver(engine);
            try {
                driver.ping(1);
            } catch (AtException e) {
                return Finding.info("port", port.describe() + ": no answer to AT within 1 s"
                        + " (not a modem's AT port: GPS, diagnostics or audio, or a console)");
            }
            VendorProfile profile = driver.initialize();
            ModemIdentity id = driver.readIdentity();
            ModemStatus st = driver.poll();
            StringBuilder sb = new StringBuilder(port.describe()).append(": ")
                    .append(id.manufacturer()).append(' ').append(id.model())
                    .append(" (profile ").append(profile.label()).append("), IMEI ").append(id.imei())
                    .append(", ").append(st.state().label());
            st.signal().dbm().ifPresent(d -> sb.append(", ").append(d).append(" dBm"));
            if (!st.operator().isEmpty()) {
                sb.append(", ").append(st.operator());
            }
            if (!id.iccid().isEmpty()) {
                sb.append(", ICCID ").append(id.iccid());
            }
            if (!st.detail().isEmpty()) {
                sb.append(" - ").append(st.detail());
            }
            sb.append(port.usbPath().isEmpty() ? "\n          config: port: " + port.devicePath()
                    : "\n          config: usb-path: \"" + port.usbPath() + "\", usb-interface: " + port.usbInterface());
            return st.state() == io.branchline.hw.modem.LineState.UP ? Finding.ok("modem", sb.toString())
                    : Finding.warn("modem", sb.toString());
        } catch (AtException e) {
            return Finding.warn("port", port.describe() + ": answered AT but then failed: " + e.getMessage());
        } finally {
            engine.close();
        }
    }
}
