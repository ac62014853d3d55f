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
 * {@code branchline switchboard}: the switchboard list (every inbound call, its way through the menus and
 * queues, handled or not; {@code --unhandled} for the ones still owed a call back), {@code --handled ID
 * [--note TEXT]} marks one handled, {@code --waiting} shows the callers in the queues now.
 */
final class SwitchboardCommand implements Cli.Command {
    @Override
    public String name() {
        return "switchboard";
    }

    @Override
    public String summary() {
        return "the inbound calls, handled or not; mark one handled; the callers waiting in the queues";
    }

    @Override
    public Options options() {
        return BoxAddress.add(new Options()
                .addOption(Option.builder().longOpt("unhandled").desc("only calls nobody has handled yet").build())
                .addOption(Option.builder().longOpt("page").hasArg().argName("N").desc("the page (50 calls each)").build())
                .addOption(Option.builder().longOpt("handled").hasArg().argName("CALL").desc("mark a call handled").build())
                .addOption(Option.builder().longOpt("note").hasArg().argName("TEXT").desc("with --handled: a note").build())
                .addOption(Option.builder().longOpt("waiting").desc("the callers waiting in the queues now").build())
                .addOption(Option.builder().longOpt("json").desc("as JSON").build()));
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) {
        if (cl.hasOption("note") && !cl.hasOption("handled")) {
            err.println("branchline switchboard: --note goes with --handled CALL");
            return ExitCode.USAGE;
        }
        return BoxAsking.run("switchboard", err, () -> {
            BoxClient client = BoxAddress.client(cl);
            BoxClient.Reply r;
            if (cl.hasOption("handled")) {
                r = client.send("POST", "/api/switchboard/calls/" + BoxClient.segment(cl.getOptionValue("handled"))
                        + "/handled", Json.MAPPER.writeValueAsString(Map.of("note", cl.getOptionValue("note", ""))));
            } else if (cl.hasOption("waiting")) {
                r = client.send("GET", "/api/switchboard/waiting", null);
            } else {
                r = client.send("GET", "/api/switchboard/calls?unhandled=" + cl.hasOption("unhandled") + "&page="
                        + BoxClient.segment(cl.getOptionValue("page", "1")), null);
            }
            if (!r.ok()) {
                err.println("branchline switchboard: " + r.error());
                return r.status() == 404 || r.status() == 400 ? ExitCode.USAGE : ExitCode.PROBLEM;
            }
            JsonNode answer = Json.MAPPER.readTree(r.body());
            if (cl.hasOption("json")) {
                out.println(answer.toPrettyString());
                return ExitCode.OK;
            }
            List<String[]> rows = new ArrayList<>();
            if (cl.hasOption("handled")) {
                out.println("call " + cl.getOptionValue("handled") + ": " + answer.path("handled").asText() + " by "
                        + answer.path("handledBy").asText());
                return ExitCode.OK;
            } else if (cl.hasOption("waiting")) {
                rows.add(new String[] {"QUEUE", "PLACE", "CALLER", "SINCE", "CALL"});
                answer.fields().forEachRemaining(q -> {
                    int place = 1;
                    for (JsonNode c : q.getValue()) {
                        rows.add(new String[] {q.getKey(), String.valueOf(place++), dash(c.path("numberGiven").asText()),
                            c.path("startedAt").asText(), c.path("id").asText()});
                    }
                });
            } else {
                rows.add(new String[] {"STARTED", "CALLER", "LINE", "PATH", "AGENT", "END", "HANDLED", "CALL"});
                answer.forEach(e -> {
                    JsonNode c = e.path("call");
                    List<String> path = new ArrayList<>();
                    e.path("path").forEach(p -> path.add(p.asText()));
                    rows.add(new String[] {c.path("startedAt").asText(), dash(c.path("numberGiven").asText()),
                        c.path("line").asText(), dash(String.join(" ", path)), dash(c.path("agent").asText()),
                        dash(c.path("endCause").asText()), e.path("handled").asText().isEmpty() ? "no"
                            : e.path("handled").asText(), c.path("id").asText()});
                });
            }
            out.print(TextTable.render(rows));
            return ExitCode.OK;
        });
    }

    private static String dash(String s) {
        return s.isEmpty() ? "-" : s;
    }
}
