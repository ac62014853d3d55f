package io.branchline.box.cli;

import java.io.PrintStream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** {@code branchline sync status} and {@code branchline sync use private|public}. */
final class SyncCommand implements Cli.Command {
    @Override
    public String name() {
        return "sync";
    }

    @Override
    public String summary() {
        return "CRM sync: status (server, backlog, last success), or use private|public";
    }

    @Override
    public Options options() {
        return BoxAddress.add(new Options());
    }

    @Override
    public String footer() {
        return "subcommands:\n  branchline sync status                 server in use, backlog, oldest unsent, last success,"
                + " last command error\n  branchline sync use private|public     switch the CRM server by hand";
    }

    @Override
    public boolean takesArguments() {
        return true;
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) {
        var args = cl.getArgList();
        BoxClient box = BoxAddress.client(cl);
        return BoxAsking.run("sync", err, () -> {
            BoxClient.Reply r;
            if (args.equals(java.util.List.of("status")) || args.isEmpty()) {
                r = box.send("GET", "/api/sync", null);
            } else if (args.size() == 2 && args.get(0).equals("use")) {
                r = box.send("POST", "/api/sync/use/" + args.get(1), null);
            } else {
                err.println("branchline sync: say status, or use private|public");
                return ExitCode.USAGE;
            }
            if (!r.ok()) {
                return BoxAsking.refused("sync", err, r);
            }
            var s = io.branchline.box.web.Json.MAPPER.readTree(r.body());
            out.printf("server:        %s (%s)%n", s.path("endpoint").asText(), s.path("url").asText());
            out.printf("backlog:       %d item(s), oldest %s%n", s.path("backlog").asInt(),
                    s.path("oldestUnsent").isNull() ? "-" : s.path("oldestUnsent").asText());
            out.printf("last success:  %s%n", s.path("lastSuccess").isNull() ? "never" : s.path("lastSuccess").asText());
            out.printf("sent:          %d, retries %d%n", s.path("sent").asLong(), s.path("retries").asLong());
            if (!s.path("lastError").asText().isEmpty()) {
                out.printf("last error:    %s%n", TerminalText.safe(s.path("lastError").asText()));
            }
            if (!s.path("lastSwitch").asText().isEmpty()) {
                out.printf("last switch:   %s%n", TerminalText.safe(s.path("lastSwitch").asText()));
            }
            if (!s.path("lastCommandError").asText().isEmpty()) {
                out.printf("last command:  %s%n", TerminalText.safe(s.path("lastCommandError").asText()));
            }
            return ExitCode.OK;
        });
    }
}
