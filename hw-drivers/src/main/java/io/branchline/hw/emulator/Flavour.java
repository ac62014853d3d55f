package io.branchline.hw.emulator;

/**
 * How an emulated modem presents itself: what +CGMI/+CGMM/+CGMR say, which command reads the ICCID and
 * how its answer looks, and what it says to a command it does not know. Taken from the vendors' manuals
 * and the public traces in hw-drivers/src/test/resources/at-samples.
 */
public enum Flavour {
    // Quectel EC25 AT Commands Manual V2.0: LTE Cat 4; SMS storage indexes from 0; default TE charset "GSM".
    QUECTEL_EC25("Quectel", "EC25", "Revision: EC25EFAR06A06M4G", "AT+QCCID", "+QCCID: ", "ERROR", "2c7c", "0125",
            "+QURCCFG", 1, Radio.LTE, 0, "GSM"),
    // SIMCom SIM7600 Series AT Command Manual V1.10: LTE; indexes from 0; default charset "IRA".
    SIMCOM_SIM7600("SIMCOM INCORPORATED", "SIMCOM_SIM7600G-H", "+CGMR: LE20B04SIM7600G22", "AT+CICCID", "+ICCID: ",
            "ERROR", "1e0e", "9001", "+CLCC", 4, Radio.LTE, 0, "IRA"),
    // SIM800 Series AT Command Manual V1.09: GSM/GPRS only (no +CEREG, no AcT in +CREG); indexes from 1.
    SIMCOM_SIM800("SIMCOM_Ltd", "SIMCOM_SIM800L", "Revision:1418B04SIM800L24", "AT+CCID", "", "ERROR", "", "",
            "+CLCC", -1, Radio.GSM, 1, "IRA"),
    // Huawei HSPA Module AT Command Interface Specification (E1550): WCDMA, no LTE; unknown commands answer
    // COMMAND NOT SUPPORT; indexes from 0.
    HUAWEI_E1550("huawei", "E1550", "11.608.13.02.00", "AT^ICCID?", "^ICCID: ", "COMMAND NOT SUPPORT", "12d1",
            "1001", "^CURC", 1, Radio.UMTS, 0, "IRA"),
    GENERIC("Generic", "GSM Modem", "1.0", "AT+CCID", "+CCID: ", "ERROR", "", "", "", -1, Radio.GSM, 1, "IRA");

    /** The radio the model has, as 27.007 7.3 numbers its access technology (AcT). */
    public enum Radio {
        GSM(0), UMTS(2), LTE(7);

        final int act;

        Radio(int act) {
            this.act = act;
        }
    }

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
    public final Radio radio;
    /** The first index of a message in SIM storage (27.005 leaves it to the vendor). */
    final int firstSmsIndex;
    /** The TE character set after power-up (27.007 5.5 +CSCS). */
    final String defaultCharset;

    Flavour(String manufacturer, String model, String revision, String iccidCommand, String iccidPrefix,
            String unknownCommandReply, String usbVendor, String usbProduct, String vendorSetting, int audioInterface,
            Radio radio, int firstSmsIndex, String defaultCharset) {
        this.radio = radio;
        this.firstSmsIndex = firstSmsIndex;
        this.defaultCharset = defaultCharset;
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
