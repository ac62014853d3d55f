package io.branchline.box.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.web.Json;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code branchline sms send --number N --text T [--line L] [--wait]}, {@code branchline sms sent} and
 * {@code branchline sms show ID}: text messages from the installer's terminal.
 */
final class SmsCommand implements Cli.Command {
    @Override
    public String name() {
        return "sms";
    }

    @Override
    public String summary() {
        return "text messages: send one, list those sent, show one with its delivery reports";
    }

    @Override
    public Options options() {
        return BoxAddress.add(new Options()
                .addOption(Option.builder().longOpt("number").hasArg().argName("N")
                        .desc("send: the phone number, or a short service number such as 10086").build())
                .addOption(Option.builder().longOpt("text").hasArg().argName("TEXT")
                        .desc("send: the message (up to 10 parts; Chinese and emoji go as UCS2)").build())
                .addOption(Option.builder().longOpt("line").hasArg().argName("ID")
                        .desc("send: the line to send on (default: any line that is up, in turn)").build())
                .addOption(Option.builder().longOpt("force")
                        .desc("send: to a risk number the call guard intercepts (never a blacklisted one)").build())
                .addOption(Option.builder().longOpt("wait")
                        .desc("send: follow the message until it is delivered or ends (at most 2 minutes)").build()));
    }

    @Override
    public String footer() {
        return "subcommands:\n  branchline sms send --number N --text T [--line L] [--wait]\n"
                + "  branchline sms sent                     the newest messages sent, newest first\n"
                + "  branchline sms show ID                  one message, each part's reference and report";
    }

    @Override
    public boolean takesArguments() {
        return true;
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) {
        List<String> args = cl.getArgList();
        BoxClient box = BoxAddress.client(cl);
        return BoxAsking.run("sms", err, () -> {
            if (args.equals(List.of("send"))) {
                return send(box, cl, out, err);
            }
            if (args.equals(List.of("sent")) || args.isEmpty()) {
                BoxClient.Reply r = box.send("GET", "/api/sms/sent", null);
                if (!r.ok()) {
                    return BoxAsking.refused("sms", err, r);
                }
                List<String[]> rows = new java.util.ArrayList<>();
                rows.add(new String[] {"ID", "STATE", "NUMBER", "LINE", "PARTS", "CREATED", "TEXT"});
                for (JsonNode m : Json.MAPPER.readTree(r.body()).path("messages")) {
                    String text = m.path("text").asText().replace('\n', ' ');
                    rows.add(new String[] {m.path("id").asText(), m.path("state").asText(), m.path("number").asText(),
                            TextTable.dash(m.path("lineId").asText()), m.path("parts").asText(),
                            m.path("createdAt").asText(), text.length() > 30 ? text.substring(0, 30) + "…" : text});
                }
                if (rows.size() == 1) {
                    out.println("no text messages sent yet");
                } else {
                    out.print(TextTable.render(rows));
                }
                return ExitCode.OK;
            }
            if (args.size() == 2 && args.get(0).equals("show")) {
                BoxClient.Reply r = box.send("GET", "/api/sms/sent/" + java.net.URLEncoder.encode(args.get(1),
                        java.nio.charset.StandardCharsets.UTF_8), null);
                if (!r.ok()) {
                    return BoxAsking.refused("sms", err, r);
                }
                show(Json.MAPPER.readTree(r.body()), out);
                return ExitCode.OK;
            }
            err.println("branchline sms: say send, sent, or show ID");
            return ExitCode.USAGE;
        });
    }

    private static int send(BoxClient box, CommandLine cl, PrintStream out, PrintStream err) throws java.io.IOException {
        if (!cl.hasOption("number") || !cl.hasOption("text")) {
            err.println("branchline sms send: give --number and --text");
            return ExitCode.USAGE;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("number", cl.getOptionValue("number"));
        body.put("text", cl.getOptionValue("text"));
        if (cl.hasOption("line")) {
            body.put("line", cl.getOptionValue("line"));
        }
        if (cl.hasOption("force")) {
            body.put("force", true);
        }
        BoxClient.Reply r = box.send("POST", "/api/sms", Json.MAPPER.writeValueAsString(body));
        if (!r.ok()) {
            err.println("branchline sms: " + r.error());
            return r.status() == 403 ? ExitCode.PROBLEM : ExitCode.USAGE;
        }
        JsonNode m = Json.MAPPER.readTree(r.body());
        out.println("sms " + m.path("id").asText() + ": " + m.path("state").asText() + ", " + m.path("parts").asInt()
                + " part(s), " + m.path("encoding").asText());
        if (!cl.hasOption("wait")) {
            return ExitCode.OK;
        }
        String id = m.path("id").asText();
        String last = m.path("state").asText();
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            m = Json.MAPPER.readTree(box.send("GET", "/api/sms/sent/" + id, null).body());
            String state = m.path("state").asText();
            if (!state.equals(last)) {
                out.println("  " + state + (m.path("lineId").asText().isEmpty() ? "" : " on line "
                        + m.path("lineId").asText()) + (m.path("detail").asText().isEmpty() ? ""
                        : ": " + TerminalText.safe(m.path("detail").asText())));
                last = state;
            }
            if (List.of("delivered", "failed", "blocked", "unknown").contains(state)) {
                return state.equals("delivered") ? ExitCode.OK : ExitCode.PROBLEM;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ExitCode.PROBLEM;
            }
        }
        out.println("  still " + last + " after 2 minutes (branchline sms show " + id + ")");
        return ExitCode.OK;
    }

    private static void show(JsonNode m, PrintStream out) {
        out.printf("id:       %s%n", m.path("id").asText());
        out.printf("state:    %s%n", m.path("state").asText());
        out.printf("number:   %s%n", m.path("number").asText());
        out.printf("line:     %s%n", m.path("lineId").asText().isEmpty() ? "-" : m.path("lineId").asText());
        out.printf("parts:    %d (%s)%n", m.path("parts").asInt(), m.path("encoding").asText());
        out.printf("created:  %s  sent: %s  done: %s%n", m.path("createdAt").asText(),
                m.path("sentAt").asText("-"), m.path("doneAt").asText("-"));
        if (!m.path("detail").asText().isEmpty()) {
            out.printf("detail:   %s%n", TerminalText.safe(m.path("detail").asText()));
        }
        for (JsonNode p : m.path("sent")) {
            out.printf("  part %d: reference %d, %s%n", p.path("part").asInt(), p.path("reference").asInt(),
                    p.path("status").isNull() ? "no report yet" : "status " + p.path("status").asInt()
                            + " at " + p.path("reportedAt").asText());
        }
        out.printf("text:%n%s%n", TerminalText.safe(m.path("text").asText()));
    }
}
