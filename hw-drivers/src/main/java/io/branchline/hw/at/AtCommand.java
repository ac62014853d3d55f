package io.branchline.hw.at;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * One AT command, ready for the wire. Instances come only from {@link AtCommands}, which builds them from
 * typed values, so that no text a user typed can end a command early or start another.
 */
public final class AtCommand {

    /** How the command ends, which decides what the decoder takes as its final result. */
    public enum Kind {
        /** Ends with OK or an error; NO CARRIER and friends are URCs while it runs. */
        PLAIN,
        /** ATD / ATA: NO CARRIER, BUSY, NO ANSWER and NO DIALTONE end it. */
        CALL,
        /** AT+CMGS: the modem answers "> ", then the body and Ctrl-Z are sent. */
        PROMPT
    }

    private final String text;
    private final Kind kind;
    private final Duration timeout;
    private final boolean repeatable;
    private final String responsePrefix;
    private final byte[] body;
    private final boolean endsOnResponseLine;
    private final boolean pduLines;

    AtCommand(String text, Kind kind, Duration timeout, boolean repeatable, String responsePrefix, byte[] body,
              boolean endsOnResponseLine) {
        this(text, kind, timeout, repeatable, responsePrefix, body, endsOnResponseLine, false);
    }

    AtCommand(String text, Kind kind, Duration timeout, boolean repeatable, String responsePrefix, byte[] body,
              boolean endsOnResponseLine, boolean pduLines) {
        this.text = text;
        this.kind = kind;
        this.timeout = timeout;
        this.repeatable = repeatable;
        this.responsePrefix = responsePrefix;
        this.body = body;
        this.endsOnResponseLine = endsOnResponseLine;
        this.pduLines = pduLines;
    }

    /** The command as written, without the CR. */
    public String text() {
        return text;
    }

    public Kind kind() {
        return kind;
    }

    public Duration timeout() {
        return timeout;
    }

    /** Safe to send again after a timeout: a query, not an action such as ATD or a forwarding change. */
    public boolean repeatable() {
        return repeatable;
    }

    /** The prefix of this command's information lines, e.g. {@code +CSQ:}; tells responses from URCs. */
    public Optional<String> responsePrefix() {
        return Optional.ofNullable(responsePrefix);
    }

    Optional<byte[]> body() {
        return Optional.ofNullable(body);
    }

    /** Device quirk: some modems answer AT+CPIN? without the final OK (Gammu's CPINNoOK). */
    boolean endsOnResponseLine() {
        return endsOnResponseLine;
    }

    /**
     * Whether lines without the response prefix belong to the answer (the PDUs of +CMGL and +CMGR). For
     * other prefixed commands such a line is noise on the wire and is not bound to the answer.
     */
    boolean pduLines() {
        return pduLines;
    }

    public AtCommand withTimeout(Duration t) {
        return new AtCommand(text, kind, t, repeatable, responsePrefix, body, endsOnResponseLine, pduLines);
    }

    AtCommand endingOnResponseLine() {
        return new AtCommand(text, kind, timeout, repeatable, responsePrefix, body, true, pduLines);
    }

    AtCommand withPduLines() {
        return new AtCommand(text, kind, timeout, repeatable, responsePrefix, body, endsOnResponseLine, true);
    }

    /** Exactly the bytes that go on the wire: the command and one CR. */
    public byte[] wireBytes() {
        return (text + "\r").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return text;
    }
}
