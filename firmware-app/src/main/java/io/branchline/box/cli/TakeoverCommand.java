package io.branchline.box.cli;

import java.io.PrintStream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code branchline takeover --call ID}: the agent takes over from the opening message (F2). */
final class TakeoverCommand implements Cli.Command {
    @Override
    public String name() {
        return "takeover";
    }

    @Override
    public String summary() {
        return "stop a call's opening message so that the agent speaks (F2)";
    }

    @Override
    public Options options() {
        return BoxAddress.add(new Options().addOption(Option.builder().longOpt("call").hasArg().argName("ID")
                .required().desc("the call's id (from branchline calls --active)").build()));
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) {
        return BoxAsking.run("takeover", err, () -> {
            BoxClient.Reply r = BoxAddress.client(cl).send("POST", "/api/calls/"
                    + BoxClient.segment(cl.getOptionValue("call")) + "/takeover", null);
            if (!r.ok()) {
                err.println("branchline takeover: " + r.error());
                return r.status() == 404 ? ExitCode.USAGE : ExitCode.PROBLEM;
            }
            out.println(io.branchline.box.web.Json.MAPPER.readTree(r.body()).path("takeover").asText());
            return ExitCode.OK;
        });
    }
}
