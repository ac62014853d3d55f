package io.branchline.box.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.web.Json;
import java.io.PrintStream;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code branchline ussd --line L --code *100#}: a balance or a carrier code, answered decoded. */
final class UssdCommand implements Cli.Command {
    @Override
    public String name() {
        return "ussd";
    }

    @Override
    public String summary() {
        return "ask a line's network by USSD (balance *100#, codes); never sent twice";
    }

    @Override
    public Options options() {
        return BoxAddress.add(new Options()
                .addOption(Option.builder().longOpt("line").hasArg().argName("ID").required()
                        .desc("the line whose SIM asks").build())
                .addOption(Option.builder().longOpt("code").hasArg().argName("CODE").required()
                        .desc("digits, * and # (a menu's choice is the next code)").build())
                .addOption(Option.builder().longOpt("raw").desc("also print the raw answer and its DCS").build()));
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) {
        BoxClient box = BoxAddress.client(cl);
        return BoxAsking.run("ussd", err, () -> {
            BoxClient.Reply r = box.send("POST", "/api/ussd", Json.MAPPER.writeValueAsString(Map.of(
                    "line", cl.getOptionValue("line"), "code", cl.getOptionValue("code"))));
            if (!r.ok()) {
                err.println("branchline ussd: " + r.error());
                return r.status() == 400 ? ExitCode.USAGE : ExitCode.PROBLEM;
            }
            JsonNode a = Json.MAPPER.readTree(r.body());
            out.println(TerminalText.safe(a.path("text").asText()));
            if (a.path("more").asBoolean()) {
                out.println("(the network waits for a choice: send it with --code)");
            }
            if (cl.hasOption("raw")) {
                out.println("raw: " + TerminalText.safe(a.path("raw").asText()) + "  dcs: " + a.path("dcs").asText("-"));
            }
            return ExitCode.OK;
        });
    }
}
