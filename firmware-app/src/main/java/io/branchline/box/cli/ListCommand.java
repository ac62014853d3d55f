package io.branchline.box.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.web.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code branchline list --agent A}: an agent's dialing list (轮呼) and where it stands; {@code --add FILE} adds
 * a CSV (name, number, customer id), {@code --start [--auto-next S]}, {@code --pause}, {@code --next
 * next|throw-next|throw-pause|pause} (the agent's choice after a call), {@code --clear}. Without
 * {@code --agent}: every list's progress.
 */
final class ListCommand implements Cli.Command {
    /** The largest CSV the CLI sends (the box takes at most 10,000 numbers at once). */
    static final long MAX_CSV = 1_000_000;

    @Override
    public String name() {
        return "list";
    }

    @Override
    public String summary() {
        return "an agent's dialing list (轮呼): add a CSV, start, pause, next, clear";
    }

    @Override
    public Options options() {
        return BoxAddress.add(new Options()
                .addOption(Option.builder().longOpt("agent").hasArg().argName("A").desc("the agent whose list").build())
                .addOption(Option.builder().longOpt("add").hasArg().argName("FILE").desc("add numbers: name,number,customer id per line").build())
                .addOption(Option.builder().longOpt("start").desc("start or resume dialling").build())
                .addOption(Option.builder().longOpt("auto-next").hasArg().argName("SECONDS").desc("with --start: dial the next number this long after hang-up (0: wait)").build())
                .addOption(Option.builder().longOpt("pause").desc("pause after the call up").build())
                .addOption(Option.builder().longOpt("next").hasArg().argName("ACTION").desc("next, throw-next, throw-pause or pause").build())
                .addOption(Option.builder().longOpt("clear").desc("empty the list").build())
                .addOption(Option.builder().longOpt("json").desc("as JSON").build()));
    }

    /** A CSV file's text, bounded. */
    static String csv(String file) {
        Path p = Path.of(file);
        try {
            if (Files.size(p) > MAX_CSV) {
                throw new UsageException(file + ": larger than " + MAX_CSV + " bytes; split it");
            }
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) {
        boolean acts = cl.hasOption("add") || cl.hasOption("start") || cl.hasOption("pause") || cl.hasOption("next")
                || cl.hasOption("clear");
        if (acts && !cl.hasOption("agent")) {
            err.println("branchline list: name the list with --agent A");
            return ExitCode.USAGE;
        }
        String body = null;
        if (cl.hasOption("add")) {
            try {
                body = Json.MAPPER.createObjectNode().put("csv", csv(cl.getOptionValue("add"))).toString();
            } catch (UsageException e) {
                err.println("branchline list: " + e.getMessage());
                return ExitCode.USAGE;
            }
        }
        Integer autoNext = null;
        if (cl.hasOption("auto-next")) {
            try {
                autoNext = Integer.parseInt(cl.getOptionValue("auto-next"));
            } catch (NumberFormatException e) {
                err.println("branchline list: --auto-next takes whole seconds");
                return ExitCode.USAGE;
            }
        }
        String csvBody = body;
        Integer auto = autoNext;
        return BoxAsking.run("list", err, () -> {
            BoxClient client = BoxAddress.client(cl);
            String base = cl.hasOption("agent") ? "/api/lists/" + BoxClient.segment(cl.getOptionValue("agent")) : "/api/lists";
            BoxClient.Reply r;
            if (csvBody != null) {
                r = client.send("POST", base + "/numbers", csvBody);
            } else if (cl.hasOption("start")) {
                var b = Json.MAPPER.createObjectNode();
                if (auto != null) {
                    b.put("autoNextSeconds", auto);
                }
                r = client.send("POST", base + "/start", b.toString());
            } else if (cl.hasOption("pause")) {
                r = client.send("POST", base + "/pause", null);
            } else if (cl.hasOption("next")) {
                r = client.send("POST", base + "/next", Json.MAPPER.createObjectNode().put("action",
                        cl.getOptionValue("next")).toString());
            } else if (cl.hasOption("clear")) {
                r = client.send("DELETE", base, null);
            } else {
                r = client.send("GET", base, null);
            }
            if (!r.ok()) {
                return BoxAsking.refused("list", err, r);
            }
            JsonNode answer = Json.MAPPER.readTree(r.body());
            if (cl.hasOption("json")) {
                out.println(answer.toPrettyString());
                return ExitCode.OK;
            }
            answer.path("refused").forEach(b -> err.println("line " + b.path("line").asText() + ": "
                    + b.path("field").asText() + ": " + b.path("reason").asText()));
            if (cl.hasOption("clear")) {
                out.println("cleared " + answer.path("cleared").asText() + " numbers");
                return ExitCode.OK;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"AGENT", "STATE", "AUTO-NEXT", "NUMBERS", "DONE", "LEFT", "CURRENT", "RESULTS"});
            List<JsonNode> progress = new ArrayList<>();
            if (answer.isArray()) {
                answer.forEach(progress::add);
            } else {
                progress.add(answer.has("progress") ? answer.path("progress") : answer);
            }
            for (JsonNode p : progress) {
                List<String> results = new ArrayList<>();
                p.path("results").fields().forEachRemaining(e -> results.add(e.getKey() + " " + e.getValue().asText()));
                JsonNode cur = p.path("current");
                rows.add(new String[] {p.path("agent").asText(), p.path("state").asText(),
                    p.path("autoNextSeconds").asInt() == 0 ? "-" : p.path("autoNextSeconds").asText() + "s",
                    p.path("numbers").asText(), p.path("done").asText(), p.path("left").asText(),
                    cur.isMissingNode() || cur.isNull() ? "-" : cur.path("number").asText() + " "
                        + GroupCommand.dash(cur.path("result").asText()), GroupCommand.dash(String.join(", ", results))});
            }
            out.print(TextTable.render(rows));
            if (answer.has("entries")) {
                List<String[]> entries = new ArrayList<>();
                entries.add(new String[] {"#", "NUMBER", "NAME", "CUSTOMER", "RESULT", "DETAIL"});
                answer.path("entries").forEach(e -> entries.add(new String[] {e.path("seq").asText(),
                    e.path("number").asText(), GroupCommand.dash(e.path("name").asText()),
                    GroupCommand.dash(e.path("customerId").asText()), GroupCommand.dash(e.path("result").asText()),
                    GroupCommand.clip(e.path("detail").asText(), 60)}));
                out.print(TextTable.render(entries));
            }
            return ExitCode.OK;
        });
    }
}
