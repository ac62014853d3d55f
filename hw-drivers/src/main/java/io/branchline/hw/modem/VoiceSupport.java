package io.branchline.hw.modem;

import io.branchline.hw.at.AtCommand;
import io.branchline.hw.at.AtCommands;
import java.time.Duration;
import java.util.List;

/**
 * How a modem family puts a call's voice on a USB tty (see hw-drivers/src/test/resources/at-samples/audio.txt): which interface
 * carries it, the command that switches it on once the call is connected, how often that command is
 * retried (SIMCom accepts AT+CPCMREG=1 only some time after "VOICE CALL: BEGIN"), and the command that
 * switches it off.
 */
public enum VoiceSupport {
    QUECTEL(1, AtCommands.quectelVoice(true), 1, List.of(AtCommands.quectelVoice(false))),
    SIMCOM(4, AtCommands.simcomVoice(true), 8, List.of(AtCommands.simcomVoice(false))),
    HUAWEI(1, AtCommands.huaweiVoiceToAudioPort(), 3, List.of()),
    /** SIM800 and unknown modems: voice only on the analog path, so nothing to record from. */
    NONE(-1, null, 0, List.of());

    public static final Duration RETRY_EVERY = Duration.ofMillis(250);

    /** The family whose voice port sits at this USB vendor id and interface, if any. */
    public static java.util.Optional<VoiceSupport> atUsb(String vendorId, int usbInterface) {
        VoiceSupport v = switch (vendorId.toLowerCase(java.util.Locale.ROOT)) {
            case "2c7c" -> QUECTEL;
            case "1e0e" -> SIMCOM;
            case "12d1" -> HUAWEI;
            default -> NONE;
        };
        return v != NONE && v.audioInterface == usbInterface ? java.util.Optional.of(v) : java.util.Optional.empty();
    }

    public String label() {
        return switch (this) {
            case QUECTEL -> "Quectel AT+QPCMV";
            case SIMCOM -> "SIMCom AT+CPCMREG";
            case HUAWEI -> "Huawei AT^DDSETEX";
            case NONE -> "none";
        };
    }

    private final int audioInterface;
    private final AtCommand on;
    private final int attempts;
    private final List<AtCommand> off;

    VoiceSupport(int audioInterface, AtCommand on, int attempts, List<AtCommand> off) {
        this.audioInterface = audioInterface;
        this.on = on;
        this.attempts = attempts;
        this.off = off;
    }

    public boolean available() {
        return this != NONE;
    }

    public int audioInterface() {
        return audioInterface;
    }

    public AtCommand on() {
        return on;
    }

    public int attempts() {
        return attempts;
    }

    public List<AtCommand> off() {
        return off;
    }
}
