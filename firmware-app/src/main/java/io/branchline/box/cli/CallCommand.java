package io.branchline.box.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.branchline.box.call.CallView;
import io.branchline.box.web.Json;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code branchline call --agent A --number N}: a test call from the installer's terminal. */
final class CallCommand implements Cli.Command {
    @Override
    public String name() {
        return "call";
    }

    @Override
    public String summary() {
        return "place a call for an agent (click-to-call); --wait follows it to the end";
    }

    @Override
    public Options options() {
        return BoxAddress.add(new Options()
                .addOption(Option.builder().longOpt("agent").hasArg().argName("ID").required()
                        .desc("the agent the call is for").build())
                .addOption(Option.builder().longOpt("number").hasArg().argName("N").required()
                        .desc("the number to call (digits, + * # only)").build())
                .addOption(Option.builder().longOpt("customer").hasArg().argName("ID")
                        .desc("the CRM's customer id, kept with the record").build())
                .addOption(Option.builder().longOpt("mode").hasArg().argName("MODE")
                        .desc("dialing mode (default direct): " + io.branchline.box.call.DialMode.NAMES).build())
                .addOption(Option.builder().longOpt("force")
                        .desc("dial a risk number the call guard intercepts (never a blacklisted one)").build())
                .addOption(Option.builder().longOpt("wait").desc("follow the call until it ends").build()));
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) {
        BoxClient box = BoxAddress.client(cl);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agent", cl.getOptionValue("agent"));
        body.put("number", cl.getOptionValue("number"));
        if (cl.hasOption("customer")) {
            body.put("customerId", cl.getOptionValue("customer"));
        }
        if (cl.hasOption("force")) {
            body.put("force", true);
        }
        if (cl.hasOption("mode")) {
            body.put("mode", cl.getOptionValue("mode"));
        }
        try {
            BoxClient.Reply r = box.send("POST", "/api/calls", Json.MAPPER.writeValueAsString(body));
            if (!r.ok()) {
                err.println("branchline call: " + r.error());
                return r.status() == 409 ? ExitCode.PROBLEM : ExitCode.USAGE;
            }
            CallView v = Json.MAPPER.readValue(r.body(), CallView.class);
            out.println("call " + v.id() + ": " + v.state() + " " + v.numberDialed() + " for agent " + v.agent()
                    + " on line " + v.line() + (v.simNumber().isEmpty() ? "" : " (SIM " + v.simNumber() + ")"));
            return cl.hasOption("wait") ? follow(box, v.id(), out) : ExitCode.OK;
        } catch (JsonProcessingException e) {
            err.println("branchline call: the box sent an answer this CLI cannot read: " + e.getMessage());
            return ExitCode.PROBLEM;
        } catch (BoxClient.Unreachable e) {
            err.println("branchline call: " + e.getMessage());
            return ExitCode.BOX_UNREACHABLE;
        }
    }

    private static int follow(BoxClient box, String id, PrintStream out) throws JsonProcessingException {
        String last = "dialing";
        long deadline = System.currentTimeMillis() + 10 * 60_000;
        while (System.currentTimeMillis() < deadline) {
            BoxClient.Reply r = box.send("GET", "/api/calls/" + id, null);
            CallView v = Json.MAPPER.readValue(r.body(), CallView.class);
            if (!v.state().equals(last)) {
                last = v.state();
                if (last.equals("ended")) {
                    out.printf("ended: %s%s, wait %.1f s, talk %.1f s%n", v.endCause(),
                            v.detail().isEmpty() ? "" : " (" + v.detail() + ")", v.waitMs() / 1000.0,
                            v.talkMs() / 1000.0);
                    return ExitCode.OK;
                }
                out.println(last);
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ExitCode.PROBLEM;
            }
        }
        return ExitCode.PROBLEM;
    }
}
