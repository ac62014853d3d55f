package io.branchline.box.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.Box;
import io.branchline.box.BoxApi;
import io.branchline.box.SimulatedBox;
import io.branchline.box.call.CallView;
import io.branchline.box.config.BoxConfig;
import io.branchline.box.config.ConfigLoader;
import io.branchline.box.store.Database;
import io.branchline.box.web.Json;
import io.branchline.hw.time.ManualScheduler;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seat states (示闲 / 示忙 / 小休中) as the seed's agents use them: a break with its reason is kept with who set
 * it and through what, reported to the CRM, outlives a restart and adds up to the day's time in each state;
 * after an answered call the agent wraps up for the configured time and takes no inbound call meanwhile.
 */
class SeatStatesTest {
    @TempDir
    Path dataDir;

    @Test
    void aBreakWithItsReasonIsKeptReportedAndOutlivesARestart() throws Exception {
        try (Box box = SimulatedBox.start(BoxConfig.empty(), dataDir, false)) {
            BoxApi api = new BoxApi(box);
            HttpResponse<String> set = api.send("PUT", "/api/agents/1001/state", "{\"state\":\"break\",\"reason\":\"午饭\"}");
            assertEquals(200, set.statusCode(), set.body());
            JsonNode agents = Json.MAPPER.readTree(api.send("GET", "/api/agents", null).body());
            assertEquals("午饭", agents.get(0).path("reason").asText(), agents.toString());
            JsonNode history = Json.MAPPER.readTree(api.send("GET", "/api/agents/1001/states", null).body());
            assertEquals("break", history.get(0).path("state").asText());
            assertEquals("cli", history.get(0).path("by").asText());
            assertEquals("local", history.get(0).path("via").asText());
            SimulatedBox.await("the CRM hears of it", () -> box.crmStubs().stream().flatMap(s -> s.store().items()
                    .stream()).anyMatch(i -> i.kind().equals("agent.state") && i.payload().toString().contains("午饭")));

            for (String bad : new String[] {"{\"state\":\"break\",\"reason\":\"" + "长".repeat(65) + "\"}",
                "{\"state\":\"break\",\"reason\":\"a\\u0007b\"}", "{\"state\":\"break\",\"reason\":7}"}) {
                HttpResponse<String> r = api.send("PUT", "/api/agents/1001/state", bad);
                assertEquals(400, r.statusCode(), bad + " -> " + r.body());
                assertEquals("reason", Json.MAPPER.readTree(r.body()).path("field").asText());
            }
            assertEquals(404, api.send("GET", "/api/agents/9999/states", null).statusCode());

            String port = String.valueOf(box.port());
            String dir = dataDir.toString();
            var set2 = io.branchline.box.cli.CliRun.run("agents", "--agent", "1002", "--state", "busy", "--reason", "开会",
                    "--port", port, "--data-dir", dir);
            assertEquals(0, set2.code(), set2.err());
            assertTrue(set2.out().contains("agent 1002: busy (开会)"), set2.out());
            var list = io.branchline.box.cli.CliRun.run("agents", "--port", port, "--data-dir", dir);
            assertTrue(list.out().contains("1001") && list.out().contains("午饭") && list.out().contains("开会"), list.out());
            var changes = io.branchline.box.cli.CliRun.run("agents", "--agent", "1002", "--history", "--port", port,
                    "--data-dir", dir);
            assertTrue(changes.out().contains("busy") && changes.out().contains("local"), changes.out());
            var noAgent = io.branchline.box.cli.CliRun.run("agents", "--state", "busy", "--port", port, "--data-dir", dir);
            assertEquals(io.branchline.box.cli.ExitCode.USAGE, noAgent.code());
            var badState = io.branchline.box.cli.CliRun.run("agents", "--agent", "1002", "--state", "asleep", "--port",
                    port, "--data-dir", dir);
            assertTrue(badState.code() != 0 && badState.err().contains("state"), badState.code() + " " + badState.out() + " / " + badState.err());
        }
        try (Box again = SimulatedBox.start(BoxConfig.empty(), dataDir, false)) {
            JsonNode agents = Json.MAPPER.readTree(new BoxApi(again).send("GET", "/api/agents", null).body());
            assertEquals("break", agents.get(0).path("state").asText(), "the state after a restart");
            assertEquals("午饭", agents.get(0).path("reason").asText());
        }
    }

    @Test
    void theEndOfAWrapUpIsAChangeTooSoThatTheDashboardAndTheQueuesHearOfIt() {
        try (Database db = Database.open(dataDir)) {
            SeatStates seats = new SeatStates(db, java.time.Clock.systemUTC(), Duration.ofMillis(300));
            java.util.concurrent.atomic.AtomicInteger changes = new java.util.concurrent.atomic.AtomicInteger();
            seats.onChange(changes::incrementAndGet);
            seats.callEnded("1001");
            assertEquals("wrap-up", seats.activity("1001"));
            assertEquals(1, changes.get());
            SimulatedBox.await("the wrap-up's end heard", () -> changes.get() == 2);
            assertEquals("", seats.activity("1001"));
        }
    }

    @Test
    void theDaysTimeInEachStateAddsUpFromTheChangesKept() {
        ManualScheduler time = new ManualScheduler();
        try (Database db = Database.open(dataDir)) {
            SeatStates seats = new SeatStates(db, time.clock(), Duration.ZERO);
            String from = time.clock().instant().toString();
            seats.set("1001", "idle", "", "wang", "session");
            time.advance(Duration.ofMinutes(60));
            seats.set("1001", "break", "午饭", "wang", "session");
            time.advance(Duration.ofMinutes(30));
            seats.set("1001", "busy", "", "crm", "crm");
            time.advance(Duration.ofMinutes(15));
            String to = time.clock().instant().plus(Duration.ofHours(5)).toString(); // the rest is still to come
            Map<String, Long> t = seats.times(from, to, Optional.empty()).get("1001");
            assertEquals(Duration.ofMinutes(60).toMillis(), t.get("idle"));
            assertEquals(Duration.ofMinutes(30).toMillis(), t.get("break"));
            assertEquals(Duration.ofMinutes(15).toMillis(), t.get("busy"));
            // A range that starts mid-break counts the break from the range's start.
            String mid = time.clock().instant().minus(Duration.ofMinutes(30)).toString();
            Map<String, Long> later = seats.times(mid, to, Optional.empty()).get("1001");
            assertEquals(Duration.ofMinutes(15).toMillis(), later.get("break"));
            assertEquals(Duration.ofMinutes(15).toMillis(), later.get("busy"));
            assertTrue(seats.times(from, to, Optional.of(java.util.Set.of("1002"))).isEmpty(), "another's scope");
        }
    }

    @Test
    void afterAnAnsweredCallTheAgentWrapsUpAndTakesNoInboundCallUntilItIsOver() throws Exception {
        BoxConfig config = ConfigLoader.parse("calls:\n  wrap-up-seconds: 2\n", "t.yaml");
        try (Box box = SimulatedBox.start(config, dataDir, false)) {
            BoxApi api = new BoxApi(box);
            CallView out = api.call("1001", "13900000005", "direct"); // answers after 2 s, talks until hung up
            api.await(out.id(), v -> v.state().equals("active"));
            JsonNode during = Json.MAPPER.readTree(api.send("GET", "/api/agents", null).body());
            assertEquals("on-call", during.get(0).path("activity").asText());
            api.send("DELETE", "/api/calls/" + out.id(), null);
            api.await(out.id(), v -> v.state().equals("ended"));
            SimulatedBox.await("wrapping up", () -> box.calls().records().find(out.id()).isPresent());
            JsonNode after = Json.MAPPER.readTree(api.send("GET", "/api/agents", null).body());
            assertEquals("wrap-up", after.get(0).path("activity").asText(), after.toString());

            api.send("POST", "/api/simulate/call/desk-1001?from=13912345680", null);
            var filter = io.branchline.box.call.CallRecords.Filter.inboundFrom("13912345680");
            SimulatedBox.await("the missed call's record", () -> !box.calls().records().list(filter).isEmpty());
            CallView missed = box.calls().records().list(filter).get(0);
            assertEquals("missed", missed.endCause());
            assertTrue(missed.detail().contains("wrapping up"), missed.detail());
            Thread.sleep(2200);
            assertEquals("", Json.MAPPER.readTree(api.send("GET", "/api/agents", null).body()).get(0)
                    .path("activity").asText(), "wrap-up over");
            JsonNode figures = Json.MAPPER.readTree(api.send("GET", "/api/calls/figures?by=agent", null).body());
            assertTrue(figures.path("seatTimes").isObject(), figures.toString());
        }
    }
}
