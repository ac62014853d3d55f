package io.branchline.hw.at;

import java.util.List;
import java.util.Optional;

/**
 * A command's complete answer: its information lines (echo and URCs removed) and its final result.
 *
 * @param attachedErrors errors that a modem glued in front of information lines ("ERROR+CNUM:")
 */
public record AtResponse(AtCommand command, List<String> lines, FinalResult result, List<String> attachedErrors) {

    public boolean isOk() {
        return result.isSuccess();
    }

    /** The lines, or an {@link AtException.Failed} naming the command and the modem's error. */
    public List<String> requireOk(String port) {
        if (!isOk()) {
            throw new AtException.Failed(port, command, result);
        }
        return lines;
    }

    /** The first line that starts with {@code prefix}, e.g. "+CSQ:". */
    public Optional<String> line(String prefix) {
        return lines.stream().filter(l -> l.regionMatches(true, 0, prefix, 0, prefix.length())).findFirst();
    }

    /** All lines joined by CR LF, the way the parsers take multi-line answers. */
    public String text() {
        return String.join("\r\n", lines);
    }
}
