package io.branchline.box.cli;

import io.branchline.box.call.CallView;
import java.io.PrintStream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code branchline answer --call ID}: an inbound call that rings is answered, as if the handset were lifted. */
final class AnswerCommand implements Cli.Command {
    @Override
    public String name() {
        return "answer";
    }

    @Override
    public String summary() {
        return "answer an inbound call that rings (as lifting the desk phone's handset does)";
    }

    @Override
    public Options options() {
        return BoxAddress.add(new Options().addOption(Option.builder().longOpt("call").hasArg().argName("ID")
                .required().desc("the call's id (from branchline calls --active)").build()));
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) {
        return BoxAsking.run("answer", err, () -> {
            BoxClient.Reply r = BoxAddress.client(cl).send("POST", "/api/calls/"
                    + BoxClient.segment(cl.getOptionValue("call")) + "/answer", null);
            if (!r.ok()) {
                err.println("branchline answer: " + r.error());
                return r.status() == 404 ? ExitCode.USAGE : ExitCode.PROBLEM;
            }
            CallView c = io.branchline.box.web.Json.MAPPER.readValue(r.body(), CallView.class);
            out.println("answered " + c.id() + " from " + (c.numberGiven().isEmpty() ? "(withheld)" : c.numberGiven())
                    + " on " + c.line() + " for agent " + c.agent());
            return ExitCode.OK;
        });
    }
}
