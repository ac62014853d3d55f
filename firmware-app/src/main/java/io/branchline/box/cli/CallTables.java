package io.branchline.box.cli;

import static io.branchline.box.cli.TextTable.dash;

import io.branchline.box.call.CallView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The readable tables of {@code branchline calls}. */
final class CallTables {
    private CallTables() {
    }

    static String calls(List<CallView> calls) {
        if (calls.isEmpty()) {
            return "no calls\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"STARTED", "DIR", "AGENT", "LINE", "SIM", "NUMBER", "STATE", "RESULT", "WAIT", "TALK",
            "ID"});
        for (CallView c : calls) {
            String number = c.numberGiven().isEmpty() && c.direction().equals(CallView.IN) ? "(withheld)" : c.numberGiven();
            rows.add(new String[] {c.startedAt(), c.direction(), dash(c.agent()), c.line(), dash(c.simNumber()), number,
                c.state(),
                dash(c.endCause()), seconds(c.waitMs()), seconds(c.talkMs()), c.id()});
        }
        return table(rows);
    }

    @SuppressWarnings("unchecked")
    static String figures(Map<String, Object> f) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {f.get("by").toString().toUpperCase(), "CALLS OUT", "CONNECTED", "NOT CONNECTED",
            "CONNECT RATE", "TALK TOTAL", "TALK AVERAGE"});
        for (Map<String, Object> r : (List<Map<String, Object>>) f.get("rows")) {
            rows.add(new String[] {r.get("key").toString(), r.get("callsOut").toString(), r.get("connected").toString(),
                r.get("notConnected").toString(), String.format("%.0f%%", ((Number) r.get("connectRate")).doubleValue()
                * 100), seconds(((Number) r.get("talkMsTotal")).longValue()),
                seconds(((Number) r.get("talkMsAverage")).longValue())});
        }
        return f.get("date") + "\n" + table(rows);
    }

    private static String table(List<String[]> rows) {
        return TextTable.render(rows);
    }

    private static String seconds(long ms) {
        return String.format("%.1f s", ms / 1000.0);
    }

}
