package io.branchline.box.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.web.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code branchline audit}: the newest changes made through the API: when, who, from where, what, result. */
final class AuditCommand implements Cli.Command {
    @Override
    public String name() {
        return "audit";
    }

    @Override
    public String summary() {
        return "the audit log: every change made through the API (who, when, what, from where)";
    }

    @Override
    public Options options() {
        return BoxAddress.add(new Options()
                .addOption(Option.builder().longOpt("actor").hasArg().argName("NAME").desc("one account or token").build())
                .addOption(Option.builder().longOpt("before").hasArg().argName("SEQ").desc("older than this entry").build())
                .addOption(Option.builder().longOpt("json").desc("as JSON").build()));
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) {
        StringBuilder q = new StringBuilder("/api/audit");
        String sep = "?";
        for (String p : List.of("actor", "before")) {
            if (cl.hasOption(p)) {
                q.append(sep).append(p).append('=').append(BoxClient.query(cl.getOptionValue(p)));
                sep = "&";
            }
        }
        return BoxAsking.run("audit", err, () -> {
            BoxClient.Reply r = BoxAddress.client(cl).send("GET", q.toString(), null);
            if (!r.ok()) {
                err.println("branchline audit: " + r.error());
                return ExitCode.USAGE;
            }
            JsonNode entries = Json.MAPPER.readTree(r.body());
            if (cl.hasOption("json")) {
                out.println(entries.toPrettyString());
                return ExitCode.OK;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"SEQ", "AT", "WHO", "FROM", "REQUEST", "STATUS", "WHAT"});
            entries.forEach(e -> rows.add(new String[] {e.path("seq").asText(), e.path("at").asText(),
                e.path("actor").asText() + " (" + e.path("via").asText() + ")", e.path("remote").asText(),
                e.path("method").asText() + " " + e.path("path").asText(), e.path("status").asText(),
                e.path("what").asText()}));
            out.print(TextTable.render(rows));
            return ExitCode.OK;
        });
    }
}
