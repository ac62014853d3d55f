package io.branchline.box.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.branchline.box.line.LineTable;
import io.branchline.box.line.LineView;
import java.io.PrintStream;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code branchline lines}: every line of the running box, as a table or (--json) for scripts. */
final class LinesCommand implements Cli.Command {
    @Override
    public String name() {
        return "lines";
    }

    @Override
    public String summary() {
        return "list the lines of the running box: modem, SIM, signal, state";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Option.builder().longOpt("json").desc("JSON, for scripts").build())
                .addOption(Option.builder().longOpt("host").hasArg().argName("ADDRESS")
                        .desc("the box's API address (default 127.0.0.1)").build())
                .addOption(Option.builder().longOpt("port").hasArg().argName("N")
                        .desc("the box's API port (default 8080)").build());
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) {
        BoxClient box = new BoxClient(cl.getOptionValue("host", "127.0.0.1"), Cli.intOption(cl, "port", 8080, 1, 65535));
        try {
            if (cl.hasOption("json")) {
                out.println(box.getText("/api/lines"));
                return ExitCode.OK;
            }
            List<LineView> lines = box.get("/api/lines", new TypeReference<>() { });
            if (lines.isEmpty()) {
                out.println("no lines configured (add modems to the configuration; see: branchline doctor)");
            } else {
                out.print(LineTable.render(lines));
            }
            return ExitCode.OK;
        } catch (BoxClient.Unreachable e) {
            err.println("branchline lines: " + e.getMessage());
            return ExitCode.BOX_UNREACHABLE;
        }
    }
}
