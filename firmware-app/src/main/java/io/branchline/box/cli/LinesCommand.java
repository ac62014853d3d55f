package io.branchline.box.cli;

import com.fasterxml.jackson.core.type.TypeReference;
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
        return BoxAddress.add(new Options()
                .addOption(Option.builder().longOpt("json").desc("JSON, for scripts").build()));
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) {
        BoxClient box = BoxAddress.client(cl);
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
