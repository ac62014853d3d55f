package io.branchline.hw.modem;

import io.branchline.hw.at.AtCommand;
import io.branchline.hw.at.AtCommands;
import java.time.Duration;
import java.util.List;

/**
 * How a modem family puts a call's voice on a USB tty (see shared/at-samples/audio.txt): which interface
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
