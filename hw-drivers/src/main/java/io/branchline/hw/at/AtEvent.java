package io.branchline.hw.at;

/** What the decoder makes of the modem's output, one line (or prompt) at a time. */
public sealed interface AtEvent {

    /** The modem echoing the command back (echo on): dropped, but visible to tests. */
    record Echo(String line) implements AtEvent {
    }

    /**
     * An information line of the running command.
     *
     * @param attachedError an error a Huawei modem glued in front of the line ("ERROR+CNUM: ..."), or empty
     */
    record Info(String line, String attachedError) implements AtEvent {
        public Info(String line) {
            this(line, "");
        }
    }

    /** The running command ended. */
    record Final(FinalResult result) implements AtEvent {
    }

    /** An unsolicited result code; {@code known} is false for codes the catalogue does not list. */
    record Unsolicited(Urc urc, boolean known) implements AtEvent {
    }

    /** A final result with no command running: a late answer to a command that timed out, or noise. */
    record Stray(String line) implements AtEvent {
    }
}
