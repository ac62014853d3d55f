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
        List<String> args = cl.getArgList();
        String sub = args.isEmpty() ? "list" : args.get(0);
        boolean named = sub.equals("add") || sub.equals("remove");
        if (!(named ? args.size() == 2 : sub.equals("list") && args.size() <= 1)) {
            err.println("branchline token: say add NAME, list or remove NAME");
            return ExitCode.USAGE;
        }
        BoxClient box = BoxAddress.client(cl);
        try {
            BoxClient.Reply r = switch (sub) {
                case "add" -> box.send("POST", "/api/tokens", Json.MAPPER.createObjectNode().put("name", args.get(1))
                        .put("role", cl.getOptionValue("role", "admin")).put("masked", cl.hasOption("masked")).toString());
                case "remove" -> box.send("DELETE", "/api/tokens/" + java.net.URLEncoder.encode(args.get(1),
                        java.nio.charset.StandardCharsets.UTF_8), null);
                default -> box.send("GET", "/api/tokens", null);
            };
            if (!r.ok()) {
                err.println("branchline token: " + r.error());
                return r.status() == 404 ? ExitCode.PROBLEM : ExitCode.USAGE;
            }
            JsonNode body = Json.MAPPER.readTree(r.body());
            switch (sub) {
                case "add" -> {
                    out.println("token " + args.get(1) + " (" + body.path("token").path("role").asText() + "); shown"
                            + " this once, send it as Authorization: Bearer ...:");
                    out.println("  " + body.path("secret").asText());
                }
                case "remove" -> out.println("revoked " + args.get(1));
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
        } catch (IOException e) {
            err.println("branchline token: the box sent an answer this CLI cannot read");
            return ExitCode.PROBLEM;
        } catch (BoxClient.Unreachable e) {
            err.println("branchline token: " + e.getMessage());
            return ExitCode.BOX_UNREACHABLE;
        }
    }
}
