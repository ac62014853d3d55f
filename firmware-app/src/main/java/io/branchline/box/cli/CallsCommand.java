package io.branchline.box.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.branchline.box.call.CallRecords;
import io.branchline.box.call.CallView;
import io.branchline.box.web.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code branchline calls}: the call records, the calls up now, or the day's figures per agent or SIM. */
final class CallsCommand implements Cli.Command {
    private static final List<String> FILTERS = List.of("from", "to", "agent", "number", "result", "direction",
            "page");

    @Override
    public String name() {
        return "calls";
    }

    @Override
    public String summary() {
        return "list call records (filters), the calls up now (--active), or a day's figures (--figures)";
    }

    @Override
    public Options options() {
        Options o = new Options()
                .addOption(Option.builder().longOpt("active").desc("the calls up now").build())
                .addOption(Option.builder().longOpt("figures").desc("calls out, connected, connect rate and talk"
                        + " time per agent (or --by sim) for --date (default today)").build())
                .addOption(Option.builder().longOpt("date").hasArg().argName("DAY").desc("with --figures").build())
                .addOption(Option.builder().longOpt("by").hasArg().argName("agent|sim").desc("with --figures").build())
                .addOption(Option.builder().longOpt("json").desc("JSON, for scripts").build());
        for (String f : FILTERS) {
            o.addOption(Option.builder().longOpt(f).hasArg().argName(f.toUpperCase()).desc(describe(f)).build());
        }
        return BoxAddress.add(o);
    }

    private static String describe(String f) {
        return switch (f) {
            case "from" -> "calls started on or after this day (2026-11-22) or instant";
            case "to" -> "calls started before this day or instant";
            case "result" -> "connected, not-connected, normal, cancelled, busy, no_answer, rejected, no_carrier, failed, cut,"
                    + " missed, refused, abandoned";
            case "direction" -> "out (dialled by the box) or in (rang one of its lines)";
            case "page" -> "page of " + CallRecords.PAGE_SIZE + ", newest first (default 1)";
            default -> "only this " + f;
        };
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) {
        BoxClient box = BoxAddress.client(cl);
        String path;
        if (cl.hasOption("figures")) {
            path = "/api/calls/figures?by=" + BoxClient.query(cl.getOptionValue("by", "agent"))
                    + (cl.hasOption("date") ? "&date=" + BoxClient.query(cl.getOptionValue("date")) : "");
        } else if (cl.hasOption("active")) {
            path = "/api/calls?active=true";
        } else {
            StringBuilder q = new StringBuilder();
            for (String f : FILTERS) {
                if (cl.hasOption(f)) {
                    q.append(q.isEmpty() ? "?" : "&").append(f).append('=').append(BoxClient.query(cl.getOptionValue(f)));
                }
            }
            path = "/api/calls" + q;
        }
        return BoxAsking.run("calls", err, () -> {
            BoxClient.Reply r = box.send("GET", path, null);
            if (!r.ok()) {
                err.println("branchline calls: " + r.error());
                return ExitCode.USAGE;
            }
            if (cl.hasOption("json")) {
                out.println(r.body());
            } else if (cl.hasOption("figures")) {
                out.print(CallTables.figures(Json.MAPPER.readValue(r.body(), new TypeReference<Map<String, Object>>() { })));
            } else {
                out.print(CallTables.calls(Json.MAPPER.readValue(r.body(), new TypeReference<List<CallView>>() { })));
            }
            return ExitCode.OK;
        });
    }

}
