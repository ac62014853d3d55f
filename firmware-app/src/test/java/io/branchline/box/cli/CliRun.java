package io.branchline.box.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The CLI run in-process, its exit code and what it printed, for tests outside the cli package. */
public final class CliRun {
    private CliRun() {
    }

    public record Result(int code, String out, String err) {
    }

    public static Result run(String... args) {
        return with(new Cli(), args);
    }

    /** With this CLI (one whose commands a test made, e.g. given their input). */
    static Result with(Cli cli, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
