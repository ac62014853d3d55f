package io.branchline.box.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.web.Json;
import java.io.PrintStream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * A command that does one thing to one call up now: {@code POST /api/calls/ID/<action>}, and a line saying
 * what came of it. {@code branchline takeover} and {@code branchline answer} are two.
 */
abstract class CallActionCommand implements Cli.Command {
    /** The path's last part: takeover, answer. */
    abstract String action();

    /** What the box's answer means, in one line. */
    abstract String said(JsonNode answer);

    @Override
    public String name() {
        return action();
    }

    @Override
    public Options options() {
        return BoxAddress.add(new Options().addOption(Option.builder().longOpt("call").hasArg().argName("ID")
                .required().desc("the call's id (from branchline calls --active)").build()));
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) {
        return BoxAsking.run(action(), err, () -> {
            BoxClient.Reply r = BoxAddress.client(cl).send("POST", "/api/calls/"
                    + BoxClient.segment(cl.getOptionValue("call")) + "/" + action(), null);
            if (!r.ok()) {
                err.println("branchline " + action() + ": " + r.error());
                return r.status() == 404 ? ExitCode.USAGE : ExitCode.PROBLEM;
            }
            out.println(said(Json.MAPPER.readTree(r.body())));
            return ExitCode.OK;
        });
    }
}
