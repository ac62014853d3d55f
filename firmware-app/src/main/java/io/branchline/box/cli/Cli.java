package io.branchline.box.cli;

import io.branchline.box.Version;
import io.branchline.box.config.ConfigException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * {@code branchline <command> [options]}: run, lines, doctor. Usage errors say what was wrong and exit 2;
 * see {@link ExitCode} for the rest.
 */
public final class Cli {
    interface Command {
        String name();

        String summary();

        Options options();

        int run(CommandLine cl, PrintStream out, PrintStream err);

        /** Whether words after the options belong to the command (sync status, sync use public). */
        default boolean takesArguments() {
            return false;
        }

        /** What the help shows after the options (subcommands, the values an option takes). */
        default String footer() {
            return "";
        }
    }

    private final List<Command> commands;

    public Cli() {
        this(List.of(new RunCommand(), new LinesCommand(), new CallCommand(),
            new HangUpCommand(), new CallsCommand(), new SyncCommand(), new CrmStubCommand(), new ProvisionCommand(),
            new DoctorCommand(), new PromptsCommand(), new TakeoverCommand(), new AnswerCommand(),
            new UserCommand(), new TokenCommand(), new AuditCommand(), new AgentsCommand(), new SwitchboardCommand(), new ListCommand(), new GroupCommand(),
            new RingCommand(), new BackupCommand(), new RestoreCommand(), new SmsCommand(), new UssdCommand(), new GoipCommand()));
    }

    /** A CLI of these commands only (tests give a command its input). */
    Cli(List<Command> commands) {
        this.commands = commands;
    }

    public int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.print(usage());
            return args.length == 0 ? ExitCode.USAGE : ExitCode.OK;
        }
        if (args[0].equals("--version") || args[0].equals("-V")) {
            out.println("branchline " + Version.current());
            return ExitCode.OK;
        }
        Command cmd = commands.stream().filter(c -> c.name().equals(args[0])).findFirst().orElse(null);
        if (cmd == null) {
            err.println("branchline: unknown command \"" + args[0] + "\"");
            err.print(usage());
            return ExitCode.USAGE;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (rest.contains("--help") || rest.contains("-h")) {
            out.print(help(cmd)); // before the parse, which would first ask for the required options
            return ExitCode.OK;
        }
        Options options = cmd.options();
        options.addOption(Option.builder("h").longOpt("help").desc("show this help").build());
        CommandLine cl;
        try {
            cl = new DefaultParser().parse(options, Arrays.copyOfRange(args, 1, args.length));
        } catch (ParseException e) {
            err.println("branchline " + cmd.name() + ": " + e.getMessage());
            err.print(help(cmd));
            return ExitCode.USAGE;
        }
        if (cl.hasOption("help")) {
            out.print(help(cmd));
            return ExitCode.OK;
        }
        if (!cl.getArgList().isEmpty() && !cmd.takesArguments()) {
            err.println("branchline " + cmd.name() + ": unexpected argument \"" + cl.getArgList().get(0) + "\"");
            err.print(help(cmd));
            return ExitCode.USAGE;
        }
        try {
            return cmd.run(cl, out, err);
        } catch (UsageException | ConfigException e) {
            err.println("branchline " + cmd.name() + ": " + e.getMessage());
            return ExitCode.USAGE;
        }
    }

    private String usage() {
        StringBuilder sb = new StringBuilder("usage: branchline <command> [options]\n\ncommands:\n");
        for (Command c : commands) {
            sb.append(String.format("  %-8s %s%n", c.name(), c.summary()));
        }
        sb.append("\n  branchline <command> --help    options of one command\n");
        sb.append("  branchline --version           the version\n");
        sb.append("\nexit codes: 0 ok, 1 problem found, 2 usage or configuration error, 3 box not running\n");
        return sb.toString();
    }

    private static String help(Command c) {
        java.io.StringWriter w = new java.io.StringWriter();
        HelpFormatter f = new HelpFormatter();
        f.printHelp(new PrintWriter(w), 100, "branchline " + c.name() + " [options]", c.summary(), c.options(), 2, 2,
                c.footer().isEmpty() ? "" : "\n" + c.footer());
        return w.toString();
    }

    /** An integer option, or the default; a non-number is a usage error naming the option. */
    static int intOption(CommandLine cl, String name, int dflt, int min, int max) {
        String v = cl.getOptionValue(name);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new UsageException("--" + name + ": must be " + min + " to " + max + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + ": \"" + v + "\" is not a number");
        }
    }
}
