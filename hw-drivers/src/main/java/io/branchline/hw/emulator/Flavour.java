package io.branchline.hw.emulator;

/**
 * How an emulated modem presents itself: what +CGMI/+CGMM/+CGMR say, which command reads the ICCID and
 * how its answer looks, and what it says to a command it does not know. Taken from the vendors' manuals
 * and the public traces in hw-drivers/src/test/resources/at-samples.
 */
public enum Flavour {
    QUECTEL_EC25("Quectel", "EC25", "Revision: EC25EFAR06A06M4G", "AT+QCCID", "+QCCID: ", "ERROR", "2c7c", "0125",
            "+QURCCFG", 1),
    SIMCOM_SIM7600("SIMCOM INCORPORATED", "SIMCOM_SIM7600G-H", "+CGMR: LE20B04SIM7600G22", "AT+CICCID", "+ICCID: ",
            "ERROR", "1e0e", "9001", "+CLCC", 4),
    SIMCOM_SIM800("SIMCOM_Ltd", "SIMCOM_SIM800L", "Revision:1418B04SIM800L24", "AT+CCID", "", "ERROR", "", "",
            "+CLCC", -1),
    HUAWEI_E1550("huawei", "E1550", "11.608.13.02.00", "AT^ICCID?", "^ICCID: ", "COMMAND NOT SUPPORT", "12d1",
            "1001", "^CURC", 1),
    GENERIC("Generic", "GSM Modem", "1.0", "AT+CCID", "+CCID: ", "ERROR", "", "", "", -1);

    final String manufacturer;
    final String model;
    final String revision;
    final String iccidCommand;
    final String iccidPrefix;
    final String unknownCommandReply;
    /** USB vendor and product id as the real device reports them (empty for UART modems). */
    public final String usbVendor;
    public final String usbProduct;
    /** The one vendor setting (AT<name>=...) this family accepts beyond 27.007, e.g. Huawei's ^CURC. */
    final String vendorSetting;
    /** The USB interface that carries PCM voice (SIM7600: 4; EC25: 1, the NMEA port; E1550: 1), or -1. */
    public final int audioInterface;

    Flavour(String manufacturer, String model, String revision, String iccidCommand, String iccidPrefix,
            String unknownCommandReply, String usbVendor, String usbProduct, String vendorSetting, int audioInterface) {
        this.manufacturer = manufacturer;
        this.model = model;
        this.revision = revision;
        this.iccidCommand = iccidCommand;
        this.iccidPrefix = iccidPrefix;
        this.unknownCommandReply = unknownCommandReply;
        this.usbVendor = usbVendor;
        this.usbProduct = usbProduct;
        this.vendorSetting = vendorSetting;
        this.audioInterface = audioInterface;
    }
}
