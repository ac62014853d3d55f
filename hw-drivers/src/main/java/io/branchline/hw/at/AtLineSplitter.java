package io.branchline.hw.at;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the modem's byte stream into lines. Any run of CR and LF ends a line, so CR LF, CR CR LF (Huawei,
 * SIMCom), LF-only (Gammu dumps) and CR-only endings all work, and a line split across reads is joined.
 * NUL bytes are dropped (some modems pad with them after a reset).
 */
final class AtLineSplitter {
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream(256);

    List<String> feed(byte[] buf, int len) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < len; i++) {
            byte b = buf[i];
            if (b == '\r' || b == '\n') {
                if (partial.size() > 0) {
                    lines.add(take());
                }
            } else if (b != 0) {
                partial.write(b);
            }
        }
        return lines;
    }

    /** The bytes after the last line end, not yet a line: "OK" without CR LF, or the SMS prompt "> ". */
    String partial() {
        return partial.toString(StandardCharsets.UTF_8);
    }

    /** Takes the partial line as a whole line: called when the modem has gone quiet. */
    String take() {
        String s = partial.toString(StandardCharsets.UTF_8);
        partial.reset();
        return s;
    }

    boolean hasPartial() {
        return partial.size() > 0;
    }
}
