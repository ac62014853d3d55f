package io.branchline.box.cli;

import io.branchline.box.config.ConfigDraft;
import io.branchline.box.config.ConfigLoader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code branchline provision}: sets up a box, from flags (for scripts) or by asking (interactive, in Chinese
 * or English): the CRM servers and the box's token, the lines (the modems found on the USB ports), their SIM
 * slots and multiplexer pins, the agents, the first installer account and the admin page's HTTPS certificate.
 * It writes the keys the configuration file documents, checked by the same loader {@code run} uses, so that
 * what it writes the box accepts; the file keeps its owner and mode (0600 when new: it holds the token) and the
 * old one is kept as {@code .bak}.
 */
final class ProvisionCommand implements Cli.Command {
    private final BufferedReader in;
    private final java.util.function.Supplier<java.util.List<io.branchline.box.doctor.PortProbe.Found>> scan;

    ProvisionCommand() {
        this(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), ProvisionQuestions.systemScan());
    }

    /** With the answers read from {@code in} and the modems {@code scan} finds (tests: emulated ones). */
    ProvisionCommand(BufferedReader in,
                     java.util.function.Supplier<java.util.List<io.branchline.box.doctor.PortProbe.Found>> scan) {
        this.in = in;
        this.scan = scan;
    }

    @Override
    public String name() {
        return "provision";
    }

    @Override
    public String summary() {
        return "set up the box: CRM, lines, GoIP ports, SIM slots, agents, first installer, HTTPS (asks, or from flags)";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Option.builder().longOpt("crm-url").hasArg().argName("URL")
                        .desc("the private CRM server, e.g. https://crm.branch.example/crm").build())
                .addOption(Option.builder().longOpt("public-url").hasArg().argName("URL")
                        .desc("the vendor's public server, the fallback").build())
                .addOption(Option.builder().longOpt("box-token").hasArg().argName("TOKEN")
                        .desc("this box's token, from the CRM's administrator").build())
                .addOption(Option.builder().longOpt("ca-file").hasArg().argName("FILE")
                        .desc("a CA certificate (PEM) to trust besides the system's").build())
                .addOption(Option.builder().longOpt("allow-plain-http").desc("accept http:// (a lab only)").build())
                .addOption(Option.builder().longOpt("line").hasArg().argName("SPEC")
                        .desc("a line: ID,usb-path=1-1.2,usb-interface=2[,own-number=N,imei=I,hook-pin=P,...]"
                                + " (repeat for more)").build())
                .addOption(Option.builder().longOpt("goip").hasArg().argName("SPEC")
                        .desc("a GoIP port as a line: ID,goip-id=goip1,password=...[,dtmf=inband] (repeat for more)")
                        .build())
                .addOption(Option.builder().longOpt("sim-mux").hasArg().argName("SPEC")
                        .desc("a line's SIM multiplexer: ID,pins=5+6+13").build())
                .addOption(Option.builder().longOpt("slot").hasArg().argName("SPEC")
                        .desc("a SIM slot: ID,slot=2,iccid=...,own-number=...").build())
                .addOption(Option.builder().longOpt("agent").hasArg().argName("SPEC")
                        .desc("an agent: 1001,name=...,line=desk-1001[,crm-user-id=...]").build())
                .addOption(Option.builder().longOpt("installer").hasArg().argName("NAME")
                        .desc("the first installer account (a one-time password is printed)").build())
                .addOption(Option.builder().longOpt("lan-host").hasArg().argName("ADDRESS")
                        .desc("serve the admin page over HTTPS on this LAN address (a certificate is made)").build())
                .addOption(Option.builder().longOpt("https-port").hasArg().argName("N")
                        .desc("with --lan-host: the HTTPS port (default 8443)").build())
                .addOption(Option.builder().longOpt("interactive").desc("ask, even with flags given").build())
                .addOption(Option.builder().longOpt("lang").hasArg().argName("zh|en")
                        .desc("the questions' language (default from LANG; zh first)").build())
                .addOption(Option.builder().longOpt("data-dir").hasArg().argName("DIR")
                        .desc("the box's data folder, for the account and certificate (default "
                                + BackupCommand.DEFAULT_DATA + ")").build())
                .addOption(Option.builder().longOpt("config").hasArg().argName("FILE")
                        .desc("configuration file (default " + ConfigLoader.DEFAULT_PATH + ")").build());
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) {
        Path file = Path.of(cl.getOptionValue("config", ConfigLoader.DEFAULT_PATH.toString()));
        Path data = Path.of(cl.getOptionValue("data-dir", BackupCommand.DEFAULT_DATA.toString()));
        boolean anyFlag = cl.getOptions().length > (cl.hasOption("config") ? 1 : 0) + (cl.hasOption("data-dir") ? 1 : 0)
                + (cl.hasOption("lang") ? 1 : 0);
        boolean ask = cl.hasOption("interactive") || (!anyFlag && System.console() != null && System.console().isTerminal());
        if (!anyFlag && !ask) {
            throw new UsageException("provision: give what to set (--crm-url, --line, --agent, ...), or run it on a"
                    + " terminal (or with --interactive) to be asked");
        }
        try {
            ConfigDraft draft = ConfigDraft.of(file);
            ProvisionPlan plan = ProvisionPlan.fromFlags(cl, draft);
            if (ask) {
                ProvisionQuestions.Lang lang = ProvisionQuestions.Lang.of(cl.getOptionValue("lang",
                        System.getenv().getOrDefault("LANG", "zh_CN")));
                new ProvisionQuestions(in, out, lang, scan).ask(draft, plan);
            }
            // Refused here (a ConfigException naming the field, said by Cli with the usage code) before anything is written.
            String text = draft.checked(file.toString());
            write(file, text);
            out.println("provisioned " + file + " (" + ConfigFileMode.describe(file) + ")"
                    + (Files.exists(file.resolveSibling(file.getFileName() + ".bak")) ? "; the old file is "
                    + file.getFileName() + ".bak (comments are not carried over)" : ""));
            plan.afterWrite(data, out);
            return ExitCode.OK;
        } catch (ProvisionPlan.Refused e) {
            err.println("branchline provision: " + e.getMessage());
            return ExitCode.PROBLEM;
        } catch (IOException e) {
            err.println("branchline provision: cannot write " + file + ": " + e.getMessage());
            return ExitCode.PROBLEM;
        }
    }

    private static void write(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(tmp, text);
        ConfigFileMode.keep(file, tmp);
        if (Files.exists(file)) {
            // The old file held the old token: the copy keeps its owner and mode, never wider.
            Files.copy(file, file.resolveSibling(file.getFileName() + ".bak"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.COPY_ATTRIBUTES);
            ConfigFileMode.keep(file, file.resolveSibling(file.getFileName() + ".bak"));
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
