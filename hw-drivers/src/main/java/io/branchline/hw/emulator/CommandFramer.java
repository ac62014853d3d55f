package io.branchline.hw.emulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The host's bytes as a modem reads them: command lines (V.250 5.2: ended by CR; backspace edits; other
 * control bytes such as a lone ESC are dropped), and after +CMGS a message body up to Ctrl-Z (ESC cancels,
 * 27.005 3.5.1). A command whose first byte arrived before the previous command's final result was written -
 * in the same read, after the command it follows, or while an answer is still pending - is early, however the
 * bytes were split.
 */
final class CommandFramer {
    /** What the framer found. */
    interface Host {
        /** A command line; true when a message body follows. */
        boolean command(String cmd, boolean early);

        void body(String text);

        void bodyCancelled();

        /** A body byte, for the echo. */
        void bodyByte(byte b);

        /** Whether an answer is still on its way (an answer delay). */
        boolean answering();
    }

    private final StringBuilder line = new StringBuilder();
    private ByteArrayOutputStream body;
    private boolean lineStartedEarly;

    void feed(byte[] buf, int n, Host host) {
        boolean answeredInThisRead = false;
        for (int i = 0; i < n; i++) {
            byte b = buf[i];
            if (body != null) {
                if (b == 0x1a) {
                    String text = body.toString(StandardCharsets.UTF_8);
                    body = null;
                    host.body(text);
                    answeredInThisRead = true;
                } else if (b == 0x1b) {
                    body = null;
                    host.bodyCancelled();
                    answeredInThisRead = true;
                } else {
                    body.write(b);
                    host.bodyByte(b);
                }
                continue;
            }
            if (b == '\r' || b == '\n') {
                String cmd = line.toString().strip();
                line.setLength(0);
                boolean early = lineStartedEarly;
                lineStartedEarly = false;
                if (!cmd.isEmpty()) {
                    if (host.command(cmd, early)) {
                        body = new ByteArrayOutputStream();
                    }
                    answeredInThisRead = true;
                }
            } else if (b == 0x08 || b == 0x7f) {
                if (!line.isEmpty()) {
                    line.setLength(line.length() - 1);
                }
            } else if ((b & 0xff) >= 0x20) {
                if (line.isEmpty()) {
                    lineStartedEarly = answeredInThisRead || host.answering();
                }
                line.append((char) (b & 0xff));
            }
        }
    }
}
