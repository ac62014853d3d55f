package io.branchline.hw.line;

import io.branchline.hw.at.DialString;
import io.branchline.hw.modem.ModemCall;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The calls on one line, one at a time, whatever carries them (a modem's AT commands today; a GoIP port's SIP
 * next). The call itself ({@link ModemCall}) moves through dialing, alerting, active and ended as the line
 * reports it.
 */
public interface LineCalls {
    /** The call up or ringing now. */
    Optional<ModemCall> current();

    /**
     * Dials {@code number} and returns the call once the line has taken it; a line that refuses ends the
     * call at once with its cause. Never dialled twice.
     */
    ModemCall dial(DialString number);

    /** Whether the keys the caller presses come from the line itself (else: detect them in the voice). */
    boolean keysFromLine();

    /** Where the keys the line reports go while a call is up. */
    void keysTo(Consumer<Character> listener);

    /** {@code listener} hears no more keys; a listener set since (the next call's) stays. */
    void keysDone(Consumer<Character> listener);

    /** Hears every incoming call once, when its caller is known (or known to be withheld). */
    void onIncoming(Consumer<ModemCall> listener);

    /** Answers the ringing call; true once the line connected it. */
    boolean answer();

    /** Hangs up the current call; it ends as NORMAL, or CANCELLED / REJECTED before an answer. */
    void hangUp();
}
