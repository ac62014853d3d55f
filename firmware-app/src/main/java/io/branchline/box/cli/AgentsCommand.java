package io.branchline.box.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.web.Json;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code branchline agents}: the agents with their seat states (示闲 / 示忙 / 小休中) and what they are doing;
 * {@code --agent ID --state STATE [--reason R]} sets one, {@code --agent ID --history} shows its changes.
 */
final class AgentsCommand implements Cli.Command {
    @Override
    public String name() {
        return "agents";
    }

    @Override
    public String summary() {
        return "the agents and their seat states; set one (idle, busy, break with a reason) or see its history";
    }

    @Override
    public Options options() {
        return BoxAddress.add(new Options()
                .addOption(Option.builder().longOpt("agent").hasArg().argName("ID").desc("one agent").build())
                .addOption(Option.builder().longOpt("state").hasArg().argName("idle|busy|break")
                        .desc("with --agent: set the seat state").build())
                .addOption(Option.builder().longOpt("reason").hasArg().argName("TEXT")
                        .desc("with --state: why (a break's reason)").build())
                .addOption(Option.builder().longOpt("history").desc("with --agent: the newest changes").build())
                .addOption(Option.builder().longOpt("json").desc("as JSON").build()));
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) {
        if ((cl.hasOption("state") || cl.hasOption("history")) && !cl.hasOption("agent")) {
            err.println("branchline agents: --state and --history need --agent ID");
            return ExitCode.USAGE;
        }
        return BoxAsking.run("agents", err, () -> {
            BoxClient client = BoxAddress.client(cl);
            BoxClient.Reply r;
            if (cl.hasOption("state")) {
                String body = Json.MAPPER.writeValueAsString(Map.of("state", cl.getOptionValue("state"), "reason",
                        cl.getOptionValue("reason", "")));
                r = client.send("PUT", "/api/agents/" + BoxClient.segment(cl.getOptionValue("agent")) + "/state", body);
            } else if (cl.hasOption("history")) {
                r = client.send("GET", "/api/agents/" + BoxClient.segment(cl.getOptionValue("agent")) + "/states", null);
            } else {
                r = client.send("GET", "/api/agents", null);
            }
            if (!r.ok()) {
                err.println("branchline agents: " + r.error());
                return r.status() == 404 || r.status() == 400 ? ExitCode.USAGE : ExitCode.PROBLEM;
            }
            JsonNode answer = Json.MAPPER.readTree(r.body());
            if (cl.hasOption("json") || cl.hasOption("state")) {
                out.println(cl.hasOption("json") ? answer.toPrettyString() : "agent " + cl.getOptionValue("agent") + ": "
                        + answer.path("state").asText() + (answer.path("reason").asText().isEmpty() ? ""
                        : " (" + answer.path("reason").asText() + ")"));
                return ExitCode.OK;
            }
            List<String[]> rows = new ArrayList<>();
            if (cl.hasOption("history")) {
                rows.add(new String[] {"AT", "STATE", "REASON", "BY", "VIA"});
                answer.forEach(c -> rows.add(new String[] {c.path("at").asText(), c.path("state").asText(),
                    dash(c.path("reason").asText()), c.path("by").asText(), c.path("via").asText()}));
            } else {
                rows.add(new String[] {"AGENT", "NAME", "STATE", "REASON", "DOING", "LINE"});
                answer.forEach(a -> rows.add(new String[] {a.path("id").asText(), dash(a.path("name").asText()),
                    a.path("state").asText(), dash(a.path("reason").asText()), dash(a.path("activity").asText()),
                    dash(a.path("line").asText())}));
            }
            out.print(TextTable.render(rows));
            return ExitCode.OK;
        });
    }

    private static String dash(String s) {
        return s.isEmpty() ? "-" : s;
    }
}
