package io.branchline.box.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.web.Json;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code branchline goip --line goip-1 --command reboot-module}: a GoIP port's control commands. */
final class GoipCommand implements Cli.Command {
    @Override
    public String name() {
        return "goip";
    }

    @Override
    public String summary() {
        return "control a GoIP port: get-number, set-number, drop-call, reboot-module, reboot-device, enable, disable,"
                + " out-call-interval";
    }

    @Override
    public Options options() {
        return BoxAddress.add(new Options()
                .addOption(Option.builder().longOpt("line").hasArg().argName("ID").required()
                        .desc("the GoIP port's line").build())
                .addOption(Option.builder().longOpt("command").hasArg().argName("NAME").required()
                        .desc("get-number, set-number, drop-call, reboot-module, reboot-device, enable, disable,"
                                + " out-call-interval").build())
                .addOption(Option.builder().longOpt("value").hasArg().argName("V")
                        .desc("the number (set-number) or the seconds (out-call-interval)").build()));
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) {
        BoxClient box = BoxAddress.client(cl);
        return BoxAsking.run("goip", err, () -> {
            Map<String, String> body = new LinkedHashMap<>();
            body.put("command", cl.getOptionValue("command"));
            if (cl.hasOption("value")) {
                body.put("value", cl.getOptionValue("value"));
            }
            BoxClient.Reply r = box.send("POST", "/api/lines/" + BoxClient.segment(cl.getOptionValue("line"))
                    + "/goip", Json.MAPPER.writeValueAsString(body));
            if (!r.ok()) {
                err.println("branchline goip: " + r.error());
                return r.status() == 400 ? ExitCode.USAGE : ExitCode.PROBLEM;
            }
            JsonNode a = Json.MAPPER.readTree(r.body());
            out.println(TerminalText.safe(a.path("line").asText()) + ": " + TerminalText.safe(a.path("command").asText())
                    + " → " + TerminalText.safe(a.path("answer").asText()));
            return ExitCode.OK;
        });
    }
}
