package io.branchline.hw.modem;

/**
 * A serial port that may lead to a modem, with where it sits on the USB bus.
 *
 * @param devicePath      the tty to open now, e.g. /dev/ttyUSB2 (changes across re-enumeration)
 * @param usbPath         the physical USB port, e.g. "1-1.2" (stable while the cable stays); empty for UARTs
 * @param usbInterface    the USB interface number (AT port, audio port ...), -1 for UARTs
 * @param vendorId        USB vendor id in hex, e.g. "2c7c"; empty for UARTs
 * @param productId       USB product id in hex
 */
public record PortCandidate(String devicePath, String usbPath, int usbInterface, String vendorId, String productId) {

    public static PortCandidate uart(String devicePath) {
        return new PortCandidate(devicePath, "", -1, "", "");
    }

    public String describe() {
        return usbPath.isEmpty() ? devicePath
                : devicePath + " (USB " + usbPath + " interface " + usbInterface
                + (vendorId.isEmpty() ? "" : ", " + vendorId + ":" + productId) + ")";
    }
}
