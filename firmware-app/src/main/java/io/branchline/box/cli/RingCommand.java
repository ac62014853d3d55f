package io.branchline.box.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.web.Json;
import java.io.PrintStream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code branchline ring} (simulate mode): an emulated customer calls one of the box's lines
 * ({@code --line hotline --from 13912345678}), presses keys in the call ({@code --keys 0}), or hangs up
 * ({@code --hang-up}), so that a newcomer can try the switchboard and the desk phones from a terminal.
 */
final class RingCommand implements Cli.Command {
    @Override
    public String name() {
        return "ring";
    }

    @Override
    public String summary() {
        return "simulate mode: an emulated customer calls a line, presses keys, hangs up";
    }

    @Override
    public Options options() {
        return BoxAddress.add(new Options()
                .addOption(Option.builder().longOpt("line").hasArg().argName("LINE").desc("the line called").build())
                .addOption(Option.builder().longOpt("from").hasArg().argName("NUMBER")
                        .desc("the caller's number (none: withheld)").build())
                .addOption(Option.builder().longOpt("keys").hasArg().argName("DIGITS")
                        .desc("the caller presses these keys (0-9 * #)").build())
                .addOption(Option.builder().longOpt("hang-up").desc("the caller hangs up").build()));
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) {
        if (!cl.hasOption("line")) {
            err.println("branchline ring: say which line with --line LINE");
            return ExitCode.USAGE;
        }
        if (cl.hasOption("keys") && cl.hasOption("hang-up")) {
            err.println("branchline ring: --keys or --hang-up, not both");
            return ExitCode.USAGE;
        }
        String line = BoxClient.segment(cl.getOptionValue("line"));
        return BoxAsking.run("ring", err, () -> {
            BoxClient client = BoxAddress.client(cl);
            BoxClient.Reply r;
            if (cl.hasOption("keys")) {
                r = client.send("POST", "/api/simulate/call/" + line + "/keys?digits="
                        + BoxClient.query(cl.getOptionValue("keys")), null);
            } else if (cl.hasOption("hang-up")) {
                r = client.send("DELETE", "/api/simulate/call/" + line, null);
            } else {
                r = client.send("POST", "/api/simulate/call/" + line + "?from="
                        + BoxClient.query(cl.getOptionValue("from", "")), null);
            }
            if (!r.ok()) {
                err.println("branchline ring: " + r.error());
                return r.status() == 404 || r.status() == 400 || r.status() == 409 ? ExitCode.USAGE : ExitCode.PROBLEM;
            }
            JsonNode a = Json.MAPPER.readTree(r.body());
            out.println(cl.hasOption("keys") ? "the caller on " + cl.getOptionValue("line") + " pressed "
                    + a.path("digits").asText() : cl.hasOption("hang-up") ? "the caller on " + cl.getOptionValue("line")
                    + " hung up" : (a.path("from").asText().isEmpty() ? "a withheld number" : a.path("from").asText())
                    + " calls " + cl.getOptionValue("line"));
            return ExitCode.OK;
        });
    }
}
