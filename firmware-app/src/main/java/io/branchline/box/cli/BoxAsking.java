package io.branchline.box.cli;

import java.io.IOException;
import java.io.PrintStream;

/**
 * The frame of a command that asks the running box, the same for all of them: a box that does not answer
 * (or takes none of the CLI's tokens) is exit 3, an answer the CLI cannot read is exit 1, and a refusal is
 * printed as the box said it, naming the field.
 */
final class BoxAsking {
    private BoxAsking() {
    }

    /** The work of one command, which may meet an answer it cannot read. */
    interface Work {
        int run() throws IOException;
    }

    static int run(String command, PrintStream err, Work work) {
        try {
            return work.run();
        } catch (IOException e) {
            err.println("branchline " + command + ": the box sent an answer this CLI cannot read: " + e.getMessage());
            return ExitCode.PROBLEM;
        } catch (BoxClient.Unreachable e) {
            err.println("branchline " + command + ": " + e.getMessage());
            return ExitCode.BOX_UNREACHABLE;
        }
    }

    /** A refusal of the box: 404 is a problem found (no such thing), anything else a usage error. */
    static int refused(String command, PrintStream err, BoxClient.Reply r) {
        err.println("branchline " + command + ": " + r.error());
        return r.status() == 404 ? ExitCode.PROBLEM : ExitCode.USAGE;
    }
}
