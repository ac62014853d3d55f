package io.branchline.hw.line;

import io.branchline.hw.at.AtEngine;
import io.branchline.hw.audio.PcmEndpoint;
import io.branchline.hw.modem.LineSnapshot;
import io.branchline.hw.modem.ModemCall;
import io.branchline.hw.modem.ModemVoice;
import io.branchline.hw.modem.SmsSubmitter;
import io.branchline.hw.serial.WireLog;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One SIM's line, whatever carries it: a USB or UART modem spoken to in AT commands, or a port of a GoIP
 * gateway spoken to over UDP. The box above this interface (rotation, the guard, call records, text
 * messages, USSD, the API) treats every kind alike; what a kind cannot do yet it says through an empty
 * {@link #calls()} or a refused {@link #openVoice()}, never by the caller asking which kind it is.
 */
public interface Line extends AutoCloseable {
    String id();

    /** What is known of the line now: identity, radio status, where it was last heard. */
    LineSnapshot snapshot();

    void onChange(Consumer<LineSnapshot> listener);

    /** Starts looking for the line's hardware. */
    void start();

    /** Asks for a fresh status now instead of at the next interval. */
    void pollNow();

    /** Whether the line has been looked for at least once since the box started (found or not). */
    boolean probed();

    /** How long the line's loop has been in one step; minutes mean it hangs (the watchdog's check). */
    Duration busyFor();

    /** Whether the box can speak to the line's hardware now (its port is open, its gateway heard lately). */
    boolean linked();

    /** The text messages the line receives and the delivery reports of those it sends. */
    MessageEvents sms();

    /**
     * Sends one text to {@code number} and returns the references its delivery reports will carry, one per
     * part the network got. Never sends anything twice: a part that may have gone ends the message there.
     * {@code reference} is the box's concatenation reference for a long text (kinds that split the text
     * themselves ignore it).
     */
    List<Integer> sendSms(String number, String text, int reference) throws SmsSubmitter.NotSent;

    /** USSD on this line: one query at a time, never sent twice. */
    ServiceCodes ussd();

    /** The calls on this line, while it can carry them. */
    Optional<LineCalls> calls();

    /** Hears every call that rings this line. */
    void onIncoming(Consumer<ModemCall> listener);

    /** The connected call's voice; throws {@link ModemVoice.VoiceUnavailableException} saying why not. */
    PcmEndpoint openVoice();

    /** The SIM's call forwarding, while the line can set it (a modem's open port, a registered GoIP port). */
    Optional<CallForwarding> forwarding();

    /** The AT engine, on lines spoken to in AT commands while their port is open. */
    Optional<AtEngine> engine();

    /**
     * Moves the line to the SIM in {@code slot} of the multiplexer in front of it (the modem is restarted on
     * the new SIM); lines with no multiplexer in front of them answer with a failed result saying so.
     */
    java.util.concurrent.CompletableFuture<io.branchline.hw.sim.SimSwitchResult> switchSim(
            io.branchline.hw.sim.SimMultiplexer mux, int slot, String expectedIccid, Duration timeout);

    /** What went over the line's control link lately, for the installer's diagnosis. */
    WireLog wireLog();

    @Override
    void close();
}
