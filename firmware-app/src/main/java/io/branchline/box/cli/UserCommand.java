package io.branchline.box.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.branchline.box.web.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code branchline user add|passwd|list|remove}: the box's accounts, through the API with the CLI's token.
 * A new account and {@code passwd} print a one-time password, which its owner replaces at the first login.
 */
final class UserCommand implements Cli.Command {
    @Override
    public String name() {
        return "user";
    }

    @Override
    public String summary() {
        return "accounts: add NAME --role R, passwd NAME (new one-time password), list, remove NAME";
    }

    @Override
    public Options options() {
        return BoxAddress.add(new Options()
                .addOption(Option.builder().longOpt("role").hasArg().argName("ROLE")
                        .desc("installer, admin, supervisor or agent (add, change)").build())
                .addOption(Option.builder().longOpt("agent").hasArg().argName("ID")
                        .desc("an agent account: the agent it is (工号)").build())
                .addOption(Option.builder().longOpt("team").hasArg().argName("ID,ID")
                        .desc("a supervisor's agents").build())
                .addOption(Option.builder().longOpt("masked").desc("show customer numbers as 150****4763 (隐号;"
                        + " agents' default)").build())
                .addOption(Option.builder().longOpt("unmasked").desc("show customer numbers whole").build())
                .addOption(Option.builder().longOpt("json").desc("list as JSON").build()));
    }

    @Override
    public String footer() {
        return "subcommands:\n"
                + "  branchline user add NAME --role installer|admin|supervisor|agent [--agent ID] [--team ID,ID]\n"
                + "  branchline user change NAME [--role R] [--agent ID] [--team ID,ID] [--masked|--unmasked]\n"
                + "  branchline user passwd NAME     a new one-time password (the old password stops working)\n"
                + "  branchline user list\n"
                + "  branchline user remove NAME";
    }

    @Override
    public boolean takesArguments() {
        return true;
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) {
        var said = Subcommand.of(cl.getArgList(), java.util.Set.of("add", "change", "passwd", "remove"));
        if (said.isEmpty()) {
            err.println("branchline user: say add NAME, change NAME, passwd NAME, list or remove NAME");
            return ExitCode.USAGE;
        }
        if (cl.hasOption("masked") && cl.hasOption("unmasked")) {
            err.println("branchline user: --masked or --unmasked, not both");
            return ExitCode.USAGE;
        }
        BoxClient box = BoxAddress.client(cl);
        return BoxAsking.run("user", err, () -> {
            String sub = said.get().word();
            String name = said.get().name();
            BoxClient.Reply r = switch (sub) {
                case "add" -> box.send("POST", "/api/users", account(cl).put("name", name).toString());
                case "change" -> box.send("PUT", "/api/users/" + BoxClient.segment(name), account(cl).toString());
                case "passwd" -> box.send("POST", "/api/users/" + BoxClient.segment(name) + "/password", null);
                case "remove" -> box.send("DELETE", "/api/users/" + BoxClient.segment(name), null);
                default -> box.send("GET", "/api/users", null);
            };
            if (!r.ok()) {
                return BoxAsking.refused("user", err, r);
            }
            JsonNode body = Json.MAPPER.readTree(r.body());
            switch (sub) {
                case "add", "passwd" -> {
                    JsonNode account = body.path("account");
                    String who = account.isMissingNode() ? name : account.path("name").asText();
                    out.println((sub.equals("add") ? "added " + who + " (" + account.path("role").asText() + ")"
                            : "new password for " + who) + "; one-time password, valid "
                            + body.path("validHours").asInt() + " h, to be changed at the first login:");
                    out.println("  " + body.path("oneTimePassword").asText());
                }
                case "change" -> out.println("changed " + name + "; its sessions were signed out");
                case "remove" -> out.println("removed " + name);
                default -> out.print(cl.hasOption("json") ? body.toPrettyString() + "\n" : table(body));
            }
            return ExitCode.OK;
        });
    }

    private static ObjectNode account(CommandLine cl) {
        ObjectNode b = Json.MAPPER.createObjectNode();
        if (cl.hasOption("role")) {
            b.put("role", cl.getOptionValue("role"));
        }
        if (cl.hasOption("agent")) {
            b.put("agent", cl.getOptionValue("agent"));
        }
        if (cl.hasOption("team")) {
            var team = b.putArray("team");
            Arrays.stream(cl.getOptionValue("team").split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .forEach(team::add);
        }
        if (cl.hasOption("masked") || cl.hasOption("unmasked")) {
            b.put("masked", cl.hasOption("masked"));
        }
        return b;
    }


    private static String table(JsonNode accounts) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "ROLE", "AGENT", "TEAM", "MASKED", "PASSWORD"});
        for (JsonNode a : accounts) {
            List<String> team = new ArrayList<>();
            a.path("team").forEach(t -> team.add(t.asText()));
            rows.add(new String[] {a.path("name").asText(), a.path("role").asText(),
                TextTable.dash(a.path("agent").asText("")), TextTable.dash(String.join(",", team)),
                a.path("masked").asBoolean() ? "yes" : "no",
                a.path("oneTimePassword").asBoolean() ? "one-time, until " + a.path("oneTimeUntil").asText() : "set"});
        }
        return TextTable.render(rows);
    }
}
