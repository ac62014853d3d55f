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

/** {@code branchline token add|list|remove}: API tokens for scripts and the CRM; the secret is printed once. */
final class TokenCommand implements Cli.Command {
    @Override
    public String name() {
        return "token";
    }

    @Override
    public String summary() {
        return "API tokens for scripts and the CRM: add NAME [--role admin], list, remove NAME";
    }

    @Override
    public Options options() {
        return BoxAddress.add(new Options()
                .addOption(Option.builder().longOpt("role").hasArg().argName("ROLE")
                        .desc("installer or admin (default admin)").build())
                .addOption(Option.builder().longOpt("masked").desc("customer numbers masked in its answers").build()));
    }

    @Override
    public boolean takesArguments() {
        return true;
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) {
        var said = Subcommand.of(cl.getArgList(), java.util.Set.of("add", "remove"));
        if (said.isEmpty()) {
            err.println("branchline token: say add NAME, list or remove NAME");
            return ExitCode.USAGE;
        }
        BoxClient box = BoxAddress.client(cl);
        return BoxAsking.run("token", err, () -> {
            String sub = said.get().word();
            String name = said.get().name();
            BoxClient.Reply r = switch (sub) {
                case "add" -> box.send("POST", "/api/tokens", Json.MAPPER.createObjectNode().put("name", name)
                        .put("role", cl.getOptionValue("role", "admin")).put("masked", cl.hasOption("masked")).toString());
                case "remove" -> box.send("DELETE", "/api/tokens/" + BoxClient.segment(name), null);
                default -> box.send("GET", "/api/tokens", null);
            };
            if (!r.ok()) {
                return BoxAsking.refused("token", err, r);
            }
            JsonNode body = Json.MAPPER.readTree(r.body());
            switch (sub) {
                case "add" -> {
                    out.println("token " + name + " (" + body.path("token").path("role").asText() + "); shown"
                            + " this once, send it as Authorization: Bearer ...:");
                    out.println("  " + body.path("secret").asText());
                }
                case "remove" -> out.println("revoked " + name);
                default -> {
                    List<String[]> rows = new ArrayList<>();
                    rows.add(new String[] {"NAME", "ROLE", "MASKED", "CREATED", "LAST USED"});
                    body.forEach(t -> rows.add(new String[] {t.path("name").asText(), t.path("role").asText(),
                        t.path("masked").asBoolean() ? "yes" : "no", t.path("createdAt").asText(),
                        TextTable.dash(t.path("lastUsedAt").asText(""))}));
                    out.print(TextTable.render(rows));
                }
            }
            return ExitCode.OK;
        });
    }
}
