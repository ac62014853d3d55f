package io.branchline.box.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import io.branchline.box.Box;
import io.branchline.box.SimulatedBox;
import io.branchline.box.config.BoxConfig;
import io.branchline.box.line.LineView;
import io.branchline.box.web.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI and the API as a user meets them, against a box running in simulate mode on a free port. */
class CliTest {
    @TempDir
    static Path dataDir;

    static Box box;

    @BeforeAll
    static void startBox() throws Exception {
        box = SimulatedBox.start(BoxConfig.empty(), dataDir, false);
    }

    @AfterAll
    static void stopBox() {
        box.close();
    }

    static CliRun.Result cli(String... args) {
        return CliRun.run(args);
    }

    static String port() {
        return String.valueOf(box.port());
    }

    @Test
    void linesShowsATableOfEveryLine() {
        CliRun.Result r = cli("lines", "--port", port(), "--data-dir", dataDir.toString());
        assertEquals(ExitCode.OK, r.code(), r.err());
        String[] rows = r.out().split("\n");
        assertTrue(rows[0].startsWith("LINE") && rows[0].contains("SIGNAL") && rows[0].contains("ICCID"), rows[0]);
        assertTrue(rows[1].startsWith("sim-1") && rows[1].contains("up") && rows[1].contains("CHINA MOBILE")
                && rows[1].contains("-69 dBm"), rows[1]);
        assertTrue(rows[2].startsWith("sim-2") && rows[2].contains("PIN needed"), rows[2]);
        assertTrue(r.out().contains("sim-2: the SIM asks for its SIM PIN"));
    }

    @Test
    void linesJsonIsForScripts() throws Exception {
        CliRun.Result r = cli("lines", "--json", "--port", port(), "--data-dir", dataDir.toString());
        assertEquals(ExitCode.OK, r.code());
        List<LineView> lines = Json.MAPPER.readValue(r.out(), new TypeReference<>() { });
        assertEquals(List.of("sim-1", "sim-2", "desk-1001", "desk-1002", "desk-1001b", "desk-1002b", "hotline",
                        "goip-1", "goip-2"),
                lines.stream().map(LineView::id).toList());
        LineView one = lines.get(0);
        assertEquals("861234560000011", one.imei());
        assertEquals("89860012345678900011", one.iccid());
        assertEquals("460001234500011", one.imsi());
        assertEquals("+8613800000011", one.ownNumber());
        assertEquals("Quectel EC2x", one.vendor());
        assertEquals("EC25", one.model());
        assertEquals("home", one.registration());
        assertEquals(-69, one.signalDbm());
        assertEquals(5, one.signalBars());
        assertEquals("PIN needed", lines.get(1).state());
        assertEquals("", lines.get(1).imsi());
    }

    @Test
    void theApiAnswersPerLineAndSaysWhichIdIsUnknown() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> one = http.send(io.branchline.box.BoxApi.request(box, "/api/lines/sim-1").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, one.statusCode());
        assertEquals("up", Json.MAPPER.readValue(one.body(), LineView.class).state());
        HttpResponse<String> none = http.send(io.branchline.box.BoxApi.request(box, "/api/lines/nope").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, none.statusCode());
        Map<String, String> err = Json.MAPPER.readValue(none.body(), new TypeReference<>() { });
        assertEquals("id", err.get("field"));
        HttpResponse<String> hw = http.send(io.branchline.box.BoxApi.request(box, "/api/hardware").build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(hw.body().contains("861234560000011") && hw.body().contains("89860012345678900011"), hw.body());
        HttpResponse<String> health = http.send(io.branchline.box.BoxApi.request(box, "/api/health").build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(health.body().contains("\"simulate\":true"), health.body());
    }

    @Test
    void linesWithoutARunningBoxSaysSoAndExits3() {
        CliRun.Result r = cli("lines", "--port", "1");
        assertEquals(ExitCode.BOX_UNREACHABLE, r.code());
        assertTrue(r.err().contains("not running at http://127.0.0.1:1"), r.err());
    }

    @Test
    void usageErrorsExit2AndSayWhatWasWrong() {
        assertEquals(ExitCode.USAGE, cli().code());
        CliRun.Result unknown = cli("dial");
        assertEquals(ExitCode.USAGE, unknown.code());
        assertTrue(unknown.err().contains("unknown command \"dial\""));
        CliRun.Result badOption = cli("lines", "--colour");
        assertEquals(ExitCode.USAGE, badOption.code());
        assertTrue(badOption.err().contains("colour"), badOption.err());
        CliRun.Result badPort = cli("lines", "--port", "x");
        assertEquals(ExitCode.USAGE, badPort.code());
        assertTrue(badPort.err().contains("--port: \"x\" is not a number"));
    }

    @Test
    void helpAndVersion() {
        CliRun.Result help = cli("--help");
        assertEquals(ExitCode.OK, help.code());
        assertTrue(help.out().contains("doctor") && help.out().contains("exit codes"));
        CliRun.Result runHelp = cli("run", "--help");
        assertTrue(runHelp.out().contains("--simulate") && runHelp.out().contains("--data-dir"));
        assertTrue(cli("--version").out().startsWith("branchline "));
    }

    @Test
    void runWithABadConfigNamesTheFieldAndExits2() throws Exception {
        Path bad = dataDir.resolve("bad.yaml");
        Files.writeString(bad, "modems:\n  - id: a\n    usb-path: nowhere\n");
        CliRun.Result r = cli("run", "--config", bad.toString());
        assertEquals(ExitCode.USAGE, r.code());
        assertTrue(r.err().contains("modems[0].usb-path"), r.err());
    }

    @Test
    void callPlacesATestCallAndCallsListsIt() {
        CliRun.Result placed = cli("call", "--agent", "1002", "--number", "13900000002", "--wait", "--port", port(), "--data-dir", dataDir.toString());
        assertEquals(ExitCode.OK, placed.code(), placed.err());
        assertTrue(placed.out().contains("on line desk-1002 (SIM 13800001002)"), placed.out());
        assertTrue(placed.out().contains("ended: busy"), placed.out());
        long deadline = System.currentTimeMillis() + 5000;
        CliRun.Result listed;
        do {
            listed = cli("calls", "--agent", "1002", "--port", port(), "--data-dir", dataDir.toString());
        } while (!listed.out().contains("busy") && System.currentTimeMillis() < deadline);
        assertTrue(listed.out().startsWith("STARTED") && listed.out().contains("13900000002"), listed.out());
        CliRun.Result figures = cli("calls", "--figures", "--by", "sim", "--port", port(), "--data-dir", dataDir.toString());
        assertTrue(figures.out().contains("13800001002") && figures.out().contains("CONNECT RATE"), figures.out());
    }

    @Test
    void promptsAreAddedChosenListedAndDeletedFromTheCommandLine() throws Exception {
        java.nio.file.Path mp3 = java.nio.file.Path.of(CliTest.class.getResource("/prompts/tone-600hz-3s.mp3").toURI());
        CliRun.Result added = cli("prompts", "--add", mp3.toString(), "--name", "贷款开场白", "--port", port(), "--data-dir", dataDir.toString());
        assertEquals(ExitCode.OK, added.code(), added.err());
        String id = added.out().split(" ")[1];
        assertTrue(added.out().contains("\"贷款开场白\" (3.0"), added.out());
        assertEquals(ExitCode.OK, cli("prompts", "--use", id, "--agent", "1001", "--port", port(), "--data-dir", dataDir.toString()).code());
        CliRun.Result listed = cli("prompts", "--port", port(), "--data-dir", dataDir.toString());
        assertTrue(listed.out().contains(id) && listed.out().contains("agent 1001"), listed.out());
        assertTrue(listed.out().contains("6 of 30 prompts"), listed.out()); // with the example switchboard's five
        CliRun.Result noTarget = cli("prompts", "--use", id, "--port", port(), "--data-dir", dataDir.toString());
        assertEquals(ExitCode.USAGE, noTarget.code());
        assertTrue(noTarget.err().contains("--agent ID or --line ID"), noTarget.err());
        java.nio.file.Path text = java.nio.file.Files.createTempFile("notes", ".mp3");
        java.nio.file.Files.writeString(text, "not audio");
        CliRun.Result bad = cli("prompts", "--add", text.toString(), "--port", port(), "--data-dir", dataDir.toString());
        assertEquals(ExitCode.USAGE, bad.code());
        assertTrue(bad.err().contains("upload an MP3 or a WAV file"), bad.err());
        assertEquals(ExitCode.OK, cli("prompts", "--use", "none", "--agent", "1001", "--port", port(), "--data-dir", dataDir.toString()).code());
        assertEquals(ExitCode.OK, cli("prompts", "--delete", id, "--port", port(), "--data-dir", dataDir.toString()).code());
        assertTrue(cli("prompts", "--port", port(), "--data-dir", dataDir.toString()).out().contains("5 of 30 prompts"));
        CliRun.Result takeover = cli("takeover", "--call", "no-such-call", "--port", port(), "--data-dir", dataDir.toString());
        assertEquals(ExitCode.USAGE, takeover.code());
        assertTrue(takeover.err().contains("no active call"), takeover.err());
    }

    @Test
    void callRefusesBadInputWithTheFieldAndExit2() {
        CliRun.Result r = cli("call", "--agent", "1001", "--number", "139;ATH", "--port", port(), "--data-dir", dataDir.toString());
        assertEquals(ExitCode.USAGE, r.code());
        assertTrue(r.err().contains("number: may hold only digits"), r.err());
        CliRun.Result missing = cli("call", "--agent", "1001", "--port", port(), "--data-dir", dataDir.toString());
        assertEquals(ExitCode.USAGE, missing.code());
        assertTrue(missing.err().contains("number"), missing.err());
        assertEquals(ExitCode.USAGE, cli("calls", "--result", "bogus", "--port", port(), "--data-dir", dataDir.toString()).code());
        assertEquals(ExitCode.USAGE, cli("hangup", "--call", "nope", "--port", port(), "--data-dir", dataDir.toString()).code());
    }

    @Test
    void doctorInSimulateModeFindsBothModemsAndSaysHowToConfigureThem() {
        CliRun.Result r = cli("doctor", "--simulate", "--port", port(), "--data-dir", dataDir.toString());
        assertEquals(ExitCode.OK, r.code(), r.out());
        assertTrue(r.out().contains("Quectel EC25"), r.out());
        assertTrue(r.out().contains("usb-path: \"1-1.1\", usb-interface: 2"), r.out());
        assertTrue(r.out().contains("PIN needed"), r.out());
        assertTrue(r.out().contains("running at http://127.0.0.1:" + port()), r.out());
    }

    @Test
    void everyCommandHasHelpEvenWithRequiredOptions() {
        for (String command : new String[] {"call", "hangup", "provision", "takeover", "sync", "prompts", "run"}) {
            CliRun.Result r = cli(command, "--help");
            assertEquals(ExitCode.OK, r.code(), command + ": " + r.err());
            assertTrue(r.out().contains("usage: branchline " + command), command + ": " + r.out());
        }
        assertTrue(cli("call", "--help").out().contains("forward-auto"), "--mode lists the modes");
        assertTrue(cli("sync", "--help").out().contains("branchline sync use private|public"), "and sync its subcommands");
        assertTrue(cli("calls", "--help").out().contains("cancelled"));
    }

    @Test
    void anInstallerFillsAListAndATaskFromCsvFilesAndSeesTheirResults() throws Exception {
        Path csv = dataDir.resolve("numbers.csv");
        java.nio.file.Files.writeString(csv, "name,number,customer id\n张三,13912340715,C1\n坏号,*#21#,C2\n");
        String[] at = {"--port", port(), "--data-dir", dataDir.toString()};
        CliRun.Result added = cli(concat(new String[] {"list", "--agent", "1002", "--add", csv.toString()}, at));
        assertEquals(0, added.code(), added.err());
        assertTrue(added.err().contains("line 3: number"), added.err());
        assertTrue(added.out().contains("1002") && added.out().contains("stopped"), added.out());
        CliRun.Result shown = cli(concat(new String[] {"list", "--agent", "1002"}, at));
        assertTrue(shown.out().contains("13912340715") && shown.out().contains("张三"), shown.out());
        CliRun.Result badNext = cli(concat(new String[] {"list", "--agent", "1002", "--next", "jump"}, at));
        assertEquals(ExitCode.USAGE, badNext.code());
        assertTrue(badNext.err().contains("action"), badNext.err());
        assertEquals(ExitCode.USAGE, cli(concat(new String[] {"list", "--start"}, at)).code(), "which list?");
        CliRun.Result cleared = cli(concat(new String[] {"list", "--agent", "1002", "--clear"}, at));
        assertTrue(cleared.out().contains("cleared 1"), cleared.out());

        CliRun.Result made = cli(concat(new String[] {"group", "--create", "回访", "--csv", csv.toString(), "--agents",
            "1001,1002", "--ratio", "2"}, at));
        assertEquals(0, made.code(), made.err());
        assertTrue(made.out().contains("回访") && made.out().contains("ready"), made.out());
        String task = made.out().lines().skip(1).findFirst().orElseThrow().split("\\s+")[0];
        CliRun.Result shownTask = cli(concat(new String[] {"group", "--show", task}, at));
        assertTrue(shownTask.out().contains("13912340715"), shownTask.out());
        CliRun.Result bad = cli(concat(new String[] {"group", "--create", "x", "--csv", csv.toString(), "--agents", "1001",
            "--ratio", "0"}, at));
        assertEquals(ExitCode.USAGE, bad.code());
        assertTrue(bad.err().contains("ratio"), bad.err());
        assertEquals(ExitCode.USAGE, cli(concat(new String[] {"group", "--join", task}, at)).code(), "who joins?");
        CliRun.Result deleted = cli(concat(new String[] {"group", "--delete", task}, at));
        assertEquals(0, deleted.code(), deleted.err());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
