package io.branchline.box.cli;

import java.io.PrintStream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code branchline hangup --call ID}: ends a call the box is placing. */
final class HangUpCommand implements Cli.Command {
    @Override
    public String name() {
        return "hangup";
    }

    @Override
    public String summary() {
        return "hang up a call the box is placing";
    }

    @Override
    public Options options() {
        return BoxAddress.add(new Options().addOption(Option.builder().longOpt("call").hasArg().argName("ID")
                .required().desc("the call's id (from branchline call or calls --active)").build()));
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) {
        try {
            BoxClient.Reply r = BoxAddress.client(cl).send("DELETE", "/api/calls/" + cl.getOptionValue("call"), null);
            if (!r.ok()) {
                err.println("branchline hangup: " + r.error());
                return r.status() == 404 ? ExitCode.USAGE : ExitCode.PROBLEM;
            }
            out.println("hanging up " + cl.getOptionValue("call"));
            return ExitCode.OK;
        } catch (BoxClient.Unreachable e) {
            err.println("branchline hangup: " + e.getMessage());
            return ExitCode.BOX_UNREACHABLE;
        }
    }
}
