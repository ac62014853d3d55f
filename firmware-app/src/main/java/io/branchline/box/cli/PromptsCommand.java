package io.branchline.box.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.web.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.OptionGroup;
import org.apache.commons.cli.Options;

/**
 * {@code branchline prompts}: the opening messages (人机互动). Lists them and who they open calls for; adds
 * an MP3 or WAV (at most five, 60 s each); deletes one; chooses one for an agent or a line.
 */
final class PromptsCommand implements Cli.Command {
    @Override
    public String name() {
        return "prompts";
    }

    @Override
    public String summary() {
        return "list, add, delete or choose the opening messages played when a customer answers";
    }

    @Override
    public Options options() {
        OptionGroup what = new OptionGroup();
        what.addOption(Option.builder().longOpt("add").hasArg().argName("FILE").desc("upload an MP3 or WAV file")
                .build());
        what.addOption(Option.builder().longOpt("delete").hasArg().argName("ID").desc("delete a prompt").build());
        what.addOption(Option.builder().longOpt("use").hasArg().argName("ID|none")
                .desc("open the calls of --agent or --line with this prompt (none: no opening message)").build());
        return BoxAddress.add(new Options().addOptionGroup(what)
                .addOption(Option.builder().longOpt("name").hasArg().argName("NAME").desc("with --add: its name").build())
                .addOption(Option.builder().longOpt("agent").hasArg().argName("ID").desc("with --use").build())
                .addOption(Option.builder().longOpt("line").hasArg().argName("ID").desc("with --use").build()));
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) {
        BoxClient box = BoxAddress.client(cl);
        try {
            if (cl.hasOption("add")) {
                Path file = Path.of(cl.getOptionValue("add"));
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(file);
                } catch (IOException e) {
                    err.println("branchline prompts: --add: cannot read " + file + ": " + e.getMessage());
                    return ExitCode.USAGE;
                }
                String q = "?filename=" + BoxClient.query(file.getFileName().toString())
                        + (cl.hasOption("name") ? "&name=" + BoxClient.query(cl.getOptionValue("name")) : "");
                return report(box.upload("/api/prompts" + q, bytes), out, err, r -> "added "
                        + r.path("id").asText() + " \"" + r.path("name").asText() + "\" (" + r.path("millis").asLong() / 1000.0
                        + " s)");
            }
            if (cl.hasOption("delete")) {
                return report(box.send("DELETE", "/api/prompts/" + cl.getOptionValue("delete"), null), out, err,
                        r -> "deleted " + cl.getOptionValue("delete"));
            }
            if (cl.hasOption("use")) {
                if (cl.hasOption("agent") == cl.hasOption("line")) {
                    throw new UsageException("--use needs --agent ID or --line ID");
                }
                String scope = cl.hasOption("agent") ? "agent" : "line";
                String id = cl.getOptionValue("use");
                String body = Json.MAPPER.createObjectNode().put(scope, cl.getOptionValue(scope))
                        .put("prompt", id.equals("none") ? null : id).toString();
                return report(box.send("PUT", "/api/prompts/opening", body), out, err, r -> id.equals("none")
                        ? "no opening message for " + scope + " " + cl.getOptionValue(scope)
                        : scope + " " + cl.getOptionValue(scope) + " opens calls with " + id);
            }
            JsonNode all = Json.MAPPER.readTree(box.getText("/api/prompts"));
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"ID", "NAME", "LENGTH", "OPENS CALLS OF"});
            for (JsonNode p : all.path("prompts")) {
                List<String> used = new ArrayList<>();
                for (JsonNode c : all.path("opening")) {
                    if (c.path("promptId").asText().equals(p.path("id").asText())) {
                        used.add(c.path("scope").asText() + " " + c.path("target").asText());
                    }
                }
                rows.add(new String[] {p.path("id").asText(), p.path("name").asText(),
                        String.format("%.1f s", p.path("millis").asLong() / 1000.0), TextTable.dash(String.join(", ", used))});
            }
            out.print(TextTable.render(rows));
            out.println((rows.size() - 1) + " of " + all.path("max").asInt() + " prompts");
            return ExitCode.OK;
        } catch (BoxClient.Unreachable e) {
            err.println("branchline prompts: " + e.getMessage());
            return ExitCode.BOX_UNREACHABLE;
        } catch (IOException e) {
            err.println("branchline prompts: " + e.getMessage());
            return ExitCode.PROBLEM;
        }
    }

    private static int report(BoxClient.Reply r, PrintStream out, PrintStream err,
                              java.util.function.Function<JsonNode, String> ok) throws IOException {
        if (!r.ok()) {
            err.println("branchline prompts: " + r.error());
            return r.status() >= 500 ? ExitCode.PROBLEM : ExitCode.USAGE;
        }
        out.println(ok.apply(Json.MAPPER.readTree(r.body().isEmpty() ? "{}" : r.body())));
        return ExitCode.OK;
    }

}
