package io.branchline.hw.at;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns the modem's bytes into {@link AtEvent}s, knowing which command (if any) is running. Pure: no I/O
 * and no threads, so that every framing trap in the field samples is a one-line test.
 *
 * <p>Each line is, in this order: an echo of the running command; the second line of a two-line URC; a
 * catalogued URC unless the running command claims it (by what is waiting: the command's response prefix,
 * and for a registration query its first line of a shape an answer can have); a final result
 * (call-progress codes only for ATD/ATA); an information line of the running command; otherwise an
 * unknown URC.
 */
public final class AtDecoder {
    private final AtLineSplitter splitter = new AtLineSplitter();
    private AtCommand running;
    private Urc awaitingBody;
    /** The running command's one-line answer arrived (a registration query): a second such line is a URC. */
    private boolean answered;

    /** Sets the command whose answer comes next, or null when none runs. */
    public void expect(AtCommand command) {
        this.running = command;
        this.answered = false;
    }

    public Optional<AtCommand> running() {
        return Optional.ofNullable(running);
    }

    public List<AtEvent> feed(byte[] buf, int len) {
        List<AtEvent> events = new ArrayList<>();
        for (String line : splitter.feed(buf, len)) {
            classify(line, events);
        }
        // The SMS prompt has no line end; it is complete as soon as it is seen.
        if (running != null && running.kind() == AtCommand.Kind.PROMPT && splitter.partial().trim().equals(">")) {
            splitter.take();
            finish(FinalResult.prompt(), events);
        }
        return events;
    }

    public List<AtEvent> feed(byte[] buf) {
        return feed(buf, buf.length);
    }

    /** The modem went quiet with an unterminated line (e.g. "OK" with no CR LF): take it as a line. */
    public List<AtEvent> flush() {
        List<AtEvent> events = new ArrayList<>();
        if (splitter.hasPartial()) {
            classify(splitter.take(), events);
        }
        return events;
    }

    public boolean hasPartialLine() {
        return splitter.hasPartial();
    }

    private void classify(String raw, List<AtEvent> out) {
        String line = raw.strip();
        if (line.isEmpty()) {
            return;
        }
        if (awaitingBody != null) {
            out.add(new AtEvent.Unsolicited(awaitingBody.withBody(line), true));
            awaitingBody = null;
            return;
        }
        if (running != null && running.kind() == AtCommand.Kind.PROMPT && line.equals(">")) {
            // The prompt, then a URC before the body was typed ("> " CR LF "+CDS: …" in one read): the line end
            // is the URC's, and the prompt still stands.
            finish(FinalResult.prompt(), out);
            return;
        }
        if (isEcho(line)) {
            out.add(new AtEvent.Echo(line));
            return;
        }
        Optional<AtEvent.Info> glued = gluedResponse(line);
        if (glued.isPresent()) {
            out.add(glued.get());
            return;
        }
        String prefix = UrcCatalog.prefixOf(line);
        boolean callRunning = running != null && running.kind() == AtCommand.Kind.CALL;
        Optional<FinalResult> fin = FinalResult.parse(line);
        if (fin.isPresent() && fin.get().type().isCallFailure() && callRunning) {
            finish(fin.get(), out);
            return;
        }
        boolean oneLineAnswer = prefix != null && prefix.endsWith("REG:");
        if (prefix != null && (!UrcCatalog.isResponse(prefix, line, running) || oneLineAnswer && answered)) {
            Urc urc = Urc.of(line);
            if (UrcCatalog.isTwoLine(prefix)) {
                awaitingBody = urc;
            } else {
                out.add(new AtEvent.Unsolicited(urc, true));
            }
            return;
        }
        if (fin.isPresent()) {
            if (running == null) {
                out.add(new AtEvent.Stray(line));
            } else {
                finish(fin.get(), out);
            }
            return;
        }
        if (running == null) {
            out.add(new AtEvent.Unsolicited(Urc.of(line), false));
            return;
        }
        String expected = running.responsePrefix().orElse(null);
        if (expected != null) {
            int at = line.toUpperCase(Locale.ROOT).indexOf(expected.toUpperCase(Locale.ROOT));
            if (at != 0 && (UrcCatalog.looksLikeCode(line) && line.contains(":") || noise(line))) {
                // Another code's line (+XYZ: ...), not the running command's answer: an uncatalogued URC. A
                // line without a code is the answer, as the firmwares that drop the prefix send it
                // ("READY" for AT+CPIN?, a bare number for AT+CNUM): what is waiting decides, not the shape.
                out.add(new AtEvent.Unsolicited(Urc.of(line), false));
                return;
            }
        }
        out.add(new AtEvent.Info(line));
        answered = answered || oneLineAnswer;
        if (running.endsOnResponseLine() && expected != null && line.regionMatches(true, 0, expected, 0,
                expected.length())) {
            finish(new FinalResult(FinalResult.Type.OK, -1, "(no OK: device quirk)"), out);
        }
    }

    /**
     * Huawei glues an error to the front of a response line ("ERROR+CNUM: ...", "+CME ERROR: invalid
     * characters in text string+CNUM: ..."). The response line counts; the error rides along.
     */
    private Optional<AtEvent.Info> gluedResponse(String line) {
        if (running == null || running.responsePrefix().isEmpty()) {
            return Optional.empty();
        }
        String expected = running.responsePrefix().get();
        int at = line.toUpperCase(Locale.ROOT).indexOf(expected.toUpperCase(Locale.ROOT));
        if (at <= 0) {
            return Optional.empty();
        }
        String head = line.substring(0, at).strip();
        boolean isError = FinalResult.parse(head).map(r -> !r.isSuccess()).orElse(false);
        return isError ? Optional.of(new AtEvent.Info(line.substring(at), head)) : Optional.empty();
    }

    /** Bytes no answer is made of (line noise, a baud-rate mismatch): not taken for the command's answer. */
    private static boolean noise(String line) {
        return line.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == 0xfffd || c >= 0x80 && c < 0xa0);
    }

    private boolean isEcho(String line) {
        if (running != null && line.equalsIgnoreCase(running.text())) {
            return true;
        }
        // Under ATE1 a modem echoes an SMS body as it is typed (27.005 3.5.1 in PDU mode, the hex): an echo too.
        if (running != null && running.kind() == AtCommand.Kind.PROMPT && running.body().isPresent()
                && line.equalsIgnoreCase(new String(running.body().get(), java.nio.charset.StandardCharsets.US_ASCII)
                .replace("\u001a", "").strip())) {
            return true;
        }
        // An echo of a command we did not send (a retry, or another program on the port) is still an echo.
        return line.length() >= 2 && line.regionMatches(true, 0, "AT", 0, 2)
                && (line.length() == 2 || "+^&DEZIHSQV".indexOf(Character.toUpperCase(line.charAt(2))) >= 0);
    }

    private void finish(FinalResult result, List<AtEvent> out) {
        out.add(new AtEvent.Final(result));
        running = null;
    }
}
