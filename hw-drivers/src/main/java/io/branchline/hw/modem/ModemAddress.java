package io.branchline.hw.modem;

/**
 * How the installer names a modem so that it is found again after every reset: by USB path and interface
 * (USB modems, whose /dev/ttyUSBn name changes when AT+CFUN=1,1 re-enumerates them), or by a fixed port
 * (UART modems, /dev/serial/by-id links). An expected IMEI, when given, is checked after opening, so that
 * a modem moved to another USB socket is not mistaken for this one.
 */
public record ModemAddress(String port, String usbPath, int usbInterface, String imei) {

    public static ModemAddress usb(String usbPath, int usbInterface) {
        return new ModemAddress("", usbPath, usbInterface, "");
    }

    public static ModemAddress port(String port) {
        return new ModemAddress(port, "", -1, "");
    }

    public ModemAddress expectingImei(String expected) {
        return new ModemAddress(port, usbPath, usbInterface, expected);
    }

    public boolean matches(PortCandidate c) {
        if (!port.isEmpty()) {
            return c.devicePath().equals(port);
        }
        return c.usbPath().equals(usbPath) && c.usbInterface() == usbInterface;
    }

    public String describe() {
        return port.isEmpty() ? "USB " + usbPath + " interface " + usbInterface : port;
    }
}
