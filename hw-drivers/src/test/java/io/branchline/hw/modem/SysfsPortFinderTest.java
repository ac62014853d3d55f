package io.branchline.hw.modem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real port finder against a sysfs tree laid out the way the kernel lays out a Quectel EC25. */
class SysfsPortFinderTest {
    @TempDir
    Path root;

    private void usbTty(String tty, String usbPath, int iface, String vendor, String product) throws Exception {
        Path usbDevice = root.resolve("sys/devices/pci0000:00/0000:00:14.0/usb1/" + usbPath);
        Path ifaceDir = usbDevice.resolve(usbPath + ":1." + iface);
        Path ttyDir = ifaceDir.resolve(tty);
        Files.createDirectories(ttyDir);
        Files.writeString(usbDevice.resolve("idVendor"), vendor + "\n");
        Files.writeString(usbDevice.resolve("idProduct"), product + "\n");
        Files.writeString(ifaceDir.resolve("bInterfaceNumber"), String.format("%02x%n", iface));
        Path classTty = root.resolve("sys/class/tty/" + tty);
        Files.createDirectories(classTty);
        Files.createSymbolicLink(classTty.resolve("device"), ttyDir);
    }

    @Test
    void findsEachUsbTtyWithItsUsbPathInterfaceAndIds() throws Exception {
        for (int i = 0; i < 4; i++) {
            usbTty("ttyUSB" + i, "1-1.2", i, "2c7c", "0125");
        }
        usbTty("ttyACM0", "1-1.4", 0, "1e0e", "9001");
        Files.createDirectories(root.resolve("dev"));
        Files.createFile(root.resolve("dev/ttyS0"));
        SysfsPortFinder finder = new SysfsPortFinder(root.resolve("sys/class/tty"), Path.of("/dev"),
                List.of(root.resolve("dev/ttyS0").toString(), root.resolve("dev/ttyS9").toString()));
        List<PortCandidate> ports = finder.scan();
        assertEquals(6, ports.size(), ports.toString());
        PortCandidate at = ports.stream().filter(p -> p.devicePath().equals("/dev/ttyUSB2")).findFirst().orElseThrow();
        assertEquals(new PortCandidate("/dev/ttyUSB2", "1-1.2", 2, "2c7c", "0125"), at);
        assertEquals(true, ModemAddress.usb("1-1.2", 2).matches(at));
        PortCandidate acm = ports.stream().filter(p -> p.devicePath().equals("/dev/ttyACM0")).findFirst().orElseThrow();
        assertEquals("1-1.4", acm.usbPath());
        assertEquals(PortCandidate.uart(root.resolve("dev/ttyS0").toString()),
                ports.stream().filter(p -> p.usbPath().isEmpty()).findFirst().orElseThrow());
    }

    @Test
    void noSysfsMeansOnlyTheConfiguredUarts() {
        SysfsPortFinder finder = new SysfsPortFinder(root.resolve("nothing"), Path.of("/dev"), List.of());
        assertEquals(List.of(), finder.scan());
    }

    @Test
    void vendorProfilesAreChosenFromWhatTheModemSays() {
        assertEquals(VendorProfile.QUECTEL_EC2X, VendorProfile.detect("Quectel", "EC25"));
        assertEquals(VendorProfile.QUECTEL_EC2X, VendorProfile.detect("Quectel", "EG25-G"));
        assertEquals(VendorProfile.SIMCOM_SIM7600, VendorProfile.detect("SIMCOM INCORPORATED", "SIMCOM_SIM7600G-H"));
        assertEquals(VendorProfile.SIMCOM_SIM800, VendorProfile.detect("SIMCOM_Ltd", "SIMCOM_SIM800L"));
        assertEquals(VendorProfile.HUAWEI_E1550, VendorProfile.detect("huawei", "E1550"));
        assertEquals(VendorProfile.GENERIC, VendorProfile.detect("Telit", "HE910"));
    }
}
