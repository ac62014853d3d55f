package io.branchline.hw.modem;

import io.branchline.hw.at.AtCommand;
import io.branchline.hw.at.AtCommands;
import io.branchline.hw.at.AtCommands.IccidCommand;
import java.util.List;
import java.util.Locale;

/**
 * What differs between modem families, chosen from +CGMI/+CGMM after the first contact: how to read the
 * ICCID, which call-progress reports the modem can push, extra set-up commands. ModemManager keeps the
 * same split (one helper file per vendor); ours are small enough for one enum.
 */
public enum VendorProfile {
    QUECTEL_EC2X("Quectel EC2x", IccidCommand.QCCID, CallReports.CLCC_POLL,
            List.of(AtCommands.quectelUrcsOnUsbAt()), VoiceSupport.QUECTEL),
    SIMCOM_SIM7600("SIMCom SIM7600", IccidCommand.CICCID, CallReports.CLCC_URC,
            List.of(AtCommands.simcomCallListUrcs()), VoiceSupport.SIMCOM),
    SIMCOM_SIM800("SIMCom SIM800", IccidCommand.CCID, CallReports.CLCC_URC,
            List.of(AtCommands.simcomCallListUrcs()), VoiceSupport.NONE),
    HUAWEI_E1550("Huawei E1550", IccidCommand.HUAWEI, CallReports.HUAWEI_URC, List.of(AtCommands.huaweiUrcsOn()),
            VoiceSupport.HUAWEI),
    GENERIC("generic 27.007", IccidCommand.CCID, CallReports.CLCC_POLL, List.of(), VoiceSupport.NONE),
    /** A port of a GoIP gateway: spoken to over the GoIP's UDP protocol, never in AT commands. */
    GOIP("GoIP", IccidCommand.CCID, CallReports.CLCC_POLL, List.of(), VoiceSupport.NONE);

    /** How the modem tells the box about call progress. */
    public enum CallReports {
        /** Poll AT+CLCC every 2 s (ModemManager's default). */
        CLCC_POLL,
        /** AT+CLCC=1 makes the modem push +CLCC lines. */
        CLCC_URC,
        /** ^ORIG / ^CONF / ^CONN / ^CEND. */
        HUAWEI_URC
    }

    /**
     * Whether the modem wants a USSD string GSM-7 packed, in hex (Huawei's +CUSD, as ModemManager and gammu
     * send it), rather than as text in the TE character set.
     */
    public boolean packsUssd() {
        return this == HUAWEI_E1550;
    }

    private final String label;
    private final IccidCommand iccid;
    private final CallReports callReports;
    private final List<AtCommand> extraInit;
    private final VoiceSupport voice;

    VendorProfile(String label, IccidCommand iccid, CallReports callReports, List<AtCommand> extraInit,
                  VoiceSupport voice) {
        this.voice = voice;
        this.label = label;
        this.iccid = iccid;
        this.callReports = callReports;
        this.extraInit = extraInit;
    }

    /** Picks the profile from what the modem says it is; anything unrecognised gets the generic one. */
    public static VendorProfile detect(String manufacturer, String model) {
        String m = manufacturer.toLowerCase(Locale.ROOT);
        String mod = model.toLowerCase(Locale.ROOT);
        if (m.contains("quectel") && (mod.startsWith("ec2") || mod.startsWith("eg2"))) {
            return QUECTEL_EC2X;
        }
        if (m.contains("simcom") && mod.contains("sim7600")) {
            return SIMCOM_SIM7600;
        }
        if (m.contains("simcom") && mod.contains("sim800")) {
            return SIMCOM_SIM800;
        }
        if (m.contains("huawei") && mod.startsWith("e1")) {
            return HUAWEI_E1550;
        }
        return GENERIC;
    }

    public String label() {
        return label;
    }

    public AtCommand iccidCommand() {
        return AtCommands.iccid(iccid);
    }

    public CallReports callReports() {
        return callReports;
    }

    /** How this family carries voice over USB, if it does. */
    public VoiceSupport voice() {
        return voice;
    }

    /** The command that makes the modem report the caller's keys, when this family has one. */
    public java.util.Optional<AtCommand> keyDetection() {
        return switch (this) {
            case QUECTEL_EC2X -> java.util.Optional.of(AtCommands.quectelKeyDetection());
            case SIMCOM_SIM7600, SIMCOM_SIM800 -> java.util.Optional.of(AtCommands.simcomKeyDetection());
            default -> java.util.Optional.empty();
        };
    }

    public List<AtCommand> extraInit() {
        return extraInit;
    }
}
