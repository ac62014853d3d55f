package io.branchline.box.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.branchline.box.web.Json;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code branchline group}: the group-call tasks (群呼) with their figures; {@code --create NAME --csv FILE
 * --agents A,B [--concurrency N --interval S --ratio R --pacing fixed|adaptive|progressive]} makes one;
 * {@code --show ID} its numbers and results; {@code --start}, {@code --pause}, {@code --delete ID};
 * {@code --join ID --agent A} / {@code --leave ID --agent A}.
 */
final class GroupCommand implements Cli.Command {
    @Override
    public String name() {
        return "group";
    }

    @Override
    public String summary() {
        return "group-call tasks (群呼): create from a CSV, start, pause, join, results";
    }

    @Override
    public Options options() {
        Options o = new Options();
        for (String[] a : new String[][] {
            {"create", "NAME", "make a task with this name (with --csv and --agents)"},
            {"csv", "FILE", "the numbers: name,number,customer id per line"},
            {"agents", "A,B", "the agents who may join"},
            {"concurrency", "N", "lines the task holds at most (并发; default 2)"},
            {"interval", "SECONDS", "how often numbers go out (呼叫频率; default 10)"},
            {"ratio", "R", "numbers per joined agent each time (呼叫比率; default 1)"},
            {"pacing", "MODE", "fixed (the ratio), adaptive (abandoned calls kept under 3 %), progressive"},
            {"show", "TASK", "a task's numbers and what came of each"},
            {"start", "TASK", "start or resume a task"},
            {"pause", "TASK", "pause a task"},
            {"delete", "TASK", "delete a task"},
            {"join", "TASK", "an agent joins (with --agent)"},
            {"leave", "TASK", "an agent leaves (with --agent)"},
            {"agent", "A", "the agent joining or leaving"},
            {"page", "N", "with --show: the page (100 numbers each)"}}) {
            o.addOption(Option.builder().longOpt(a[0]).hasArg().argName(a[1]).desc(a[2]).build());
        }
        o.addOption(Option.builder().longOpt("json").desc("as JSON").build());
        return BoxAddress.add(o);
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) {
        if ((cl.hasOption("join") || cl.hasOption("leave")) && !cl.hasOption("agent")) {
            err.println("branchline group: --join and --leave go with --agent A");
            return ExitCode.USAGE;
        }
        if (cl.hasOption("create") && (!cl.hasOption("csv") || !cl.hasOption("agents"))) {
            err.println("branchline group: --create goes with --csv FILE and --agents A,B");
            return ExitCode.USAGE;
        }
        ObjectNode create = null;
        if (cl.hasOption("create")) {
            create = Json.MAPPER.createObjectNode();
            create.put("name", cl.getOptionValue("create"));
            try {
                create.put("csv", ListCommand.csv(cl.getOptionValue("csv")));
                create.put("concurrency", Integer.parseInt(cl.getOptionValue("concurrency", "2")));
                create.put("intervalSeconds", Integer.parseInt(cl.getOptionValue("interval", "10")));
                create.put("ratio", Double.parseDouble(cl.getOptionValue("ratio", "1")));
            } catch (NumberFormatException e) {
                err.println("branchline group: --concurrency, --interval and --ratio take numbers");
                return ExitCode.USAGE;
            } catch (UsageException e) {
                err.println("branchline group: " + e.getMessage());
                return ExitCode.USAGE;
            }
            var agents = create.putArray("agents");
            Arrays.stream(cl.getOptionValue("agents").split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .forEach(agents::add);
            create.put("pacing", cl.getOptionValue("pacing", "fixed"));
        }
        ObjectNode body = create;
        return BoxAsking.run("group", err, () -> {
            BoxClient client = BoxAddress.client(cl);
            BoxClient.Reply r;
            if (body != null) {
                r = client.send("POST", "/api/group-tasks", body.toString());
            } else if (cl.hasOption("show")) {
                r = client.send("GET", "/api/group-tasks/" + BoxClient.segment(cl.getOptionValue("show")) + "/numbers?page="
                        + BoxClient.segment(cl.getOptionValue("page", "1")), null);
            } else if (cl.hasOption("start") || cl.hasOption("pause")) {
                String what = cl.hasOption("start") ? "start" : "pause";
                r = client.send("POST", "/api/group-tasks/" + BoxClient.segment(cl.getOptionValue(what)) + "/" + what, null);
            } else if (cl.hasOption("join") || cl.hasOption("leave")) {
                String what = cl.hasOption("join") ? "join" : "leave";
                r = client.send("POST", "/api/group-tasks/" + BoxClient.segment(cl.getOptionValue(what)) + "/" + what,
                        Json.MAPPER.createObjectNode().put("agent", cl.getOptionValue("agent")).toString());
            } else if (cl.hasOption("delete")) {
                r = client.send("DELETE", "/api/group-tasks/" + BoxClient.segment(cl.getOptionValue("delete")), null);
            } else {
                r = client.send("GET", "/api/group-tasks", null);
            }
            if (!r.ok()) {
                return BoxAsking.refused("group", err, r);
            }
            JsonNode answer = Json.MAPPER.readTree(r.body());
            if (cl.hasOption("json")) {
                out.println(answer.toPrettyString());
                return ExitCode.OK;
            }
            List<String[]> rows = new ArrayList<>();
            if (cl.hasOption("show")) {
                rows.add(new String[] {"#", "NUMBER", "NAME", "RESULT", "AGENT", "DETAIL"});
                answer.path("numbers").forEach(n -> rows.add(new String[] {n.path("seq").asText(),
                    n.path("number").asText(), dash(n.path("name").asText()), dash(n.path("result").asText()),
                    dash(n.path("agent").asText("")), clip(n.path("detail").asText(), 60)}));
            } else if (cl.hasOption("delete")) {
                out.println("deleted " + answer.path("deleted").asText());
                return ExitCode.OK;
            } else {
                rows.add(new String[] {"TASK", "NAME", "STATE", "PACING", "JOINED", "NUMBERS", "LEFT", "DIALLED",
                    "ANSWERED", "ABANDONED", "WAIT"});
                for (JsonNode t : answer.isArray() ? answer : Json.MAPPER.createArrayNode().add(answer)) {
                    JsonNode f = t.path("figures");
                    List<String> joined = new ArrayList<>();
                    t.path("joined").forEach(j -> joined.add(j.asText()));
                    rows.add(new String[] {t.path("task").path("id").asText(), t.path("task").path("name").asText(),
                        t.path("state").asText(), t.path("task").path("pacing").asText(), dash(String.join(",", joined)),
                        f.path("numbers").asText(), f.path("left").asText(), f.path("dialled").asText(),
                        percent(f.path("answerRate").asDouble()), percent(f.path("abandonedRate").asDouble()),
                        String.format(Locale.ROOT, "%.1fs", f.path("meanWaitSeconds").asDouble())});
                }
                answer.path("refused").forEach(b -> err.println("line " + b.path("line").asText() + ": "
                        + b.path("field").asText() + ": " + b.path("reason").asText()));
            }
            out.print(TextTable.render(rows));
            return ExitCode.OK;
        });
    }

    static String clip(String s, int max) {
        return s.codePointCount(0, s.length()) <= max ? s : s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    static String dash(String s) {
        return s == null || s.isEmpty() || s.equals("null") ? "-" : s;
    }
}
