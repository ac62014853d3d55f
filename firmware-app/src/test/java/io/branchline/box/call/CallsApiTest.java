package io.branchline.box.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import io.branchline.box.Box;
import io.branchline.box.SimulatedBox;
import io.branchline.box.config.BoxConfig;
import io.branchline.box.web.Json;
import io.branchline.hw.emulator.ModemEmulator;
import io.branchline.hw.modem.LineState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Click-to-call through the API of a simulated box, with the emulated network's real timings. */
class CallsApiTest {
    @TempDir
    static Path dataDir;

    static Box box;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        box = SimulatedBox.start(BoxConfig.empty(), dataDir, false);
    }

    @AfterAll
    static void stop() {
        box.close();
    }

    static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = io.branchline.box.BoxApi.request(box, path);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static CallView post(String agent, String number) throws Exception {
        HttpResponse<String> r = send("POST", "/api/calls", "{\"agent\":\"" + agent + "\",\"number\":\"" + number
                + "\",\"customerId\":\"cust-9\"}");
        assertEquals(201, r.statusCode(), r.body());
        return Json.MAPPER.readValue(r.body(), CallView.class);
    }

    static CallView awaitCall(String id, Predicate<CallView> cond) throws Exception {
        long deadline = System.currentTimeMillis() + 15_000;
        CallView v = null;
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> r = send("GET", "/api/calls/" + id, null);
            v = Json.MAPPER.readValue(r.body(), CallView.class);
            if (cond.test(v)) {
                return v;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("call never got there; last: " + v);
    }

    static ModemEmulator desk1001() {
        return box.simulated().orElseThrow().bus().modemAt("1-1.3");
    }

    @Test
    void aCallIsPlacedAnsweredHungUpAndRecordedWithItsOutboxRow() throws Exception {
        int outboxBefore = box.calls().records().outboxRows();
        CallView placed = post("1001", "13900000005");
        assertEquals("desk-1001", placed.line());
        assertEquals("13800001001", placed.simNumber());
        CallView up = awaitCall(placed.id(), v -> v.state().equals("active"));
        assertNotNull(up.answeredAt());
        assertEquals(202, send("DELETE", "/api/calls/" + placed.id(), null).statusCode());
        CallView ended = awaitCall(placed.id(), v -> v.state().equals("ended") && v.endCause() != null
                && box.calls().get(v.id()).map(x -> x.state().equals("ended")).orElse(false)
                && box.calls().active().stream().noneMatch(a -> a.id().equals(v.id())));
        assertEquals("normal", ended.endCause());
        assertTrue(ended.waitMs() >= 2000 && ended.waitMs() < 3500, "wait " + ended.waitMs());
        assertTrue(ended.talkMs() > 0);
        assertEquals("cust-9", ended.customerId());
        assertEquals("direct", ended.mode());
        assertEquals(outboxBefore + 1, box.calls().records().outboxRows());
        assertTrue(box.calls().records().find(placed.id()).isPresent(), "written to the database");
        assertEquals(409, send("DELETE", "/api/calls/" + placed.id(), null).statusCode(), "already ended");
    }

    @Test
    void byFrequencyRotationMovesDesk1002ToItsSecondSimAfterFourCallsWithinTenMinutes() throws Exception {
        await(() -> box.calls().active().isEmpty());
        int before = box.calls().records().countCalls("89860012345678901002",
                java.time.Instant.now().minus(java.time.Duration.ofMinutes(10)));
        List<String> sims = new java.util.ArrayList<>();
        for (int i = before; i < 5; i++) {
            CallView placed = post("1002", "13900000002");
            awaitCall(placed.id(), v -> box.calls().records().find(v.id()).isPresent()
                    && box.calls().active().stream().noneMatch(a -> a.id().equals(v.id())));
            sims.add(box.calls().records().find(placed.id()).orElseThrow().simNumber());
        }
        assertEquals("13800002002", sims.get(sims.size() - 1), sims.toString());
        assertTrue(sims.subList(0, sims.size() - 1).stream().allMatch("13800001002"::equals), sims.toString());
    }

    static void await(java.util.function.BooleanSupplier c) {
        io.branchline.box.SimulatedBox.await("condition", c);
    }

    @Test
    void theSimsOfTheDeskPhonesAreListedWithTheirCounters() throws Exception {
        HttpResponse<String> r = send("GET", "/api/sims", null);
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("\"line\":\"desk-1001\"") && r.body().contains("\"rotation\":\"by-count\"")
                && r.body().contains("\"callsToday\""), r.body());
        assertEquals(200, send("GET", "/api/sims/warnings", null).statusCode());
    }

    @Test
    void aBusyNumberEndsBusyAndIsFoundByItsResult() throws Exception {
        CallView placed = post("1002", "13900000002");
        awaitCall(placed.id(), v -> "busy".equals(v.endCause()));
        awaitCall(placed.id(), v -> box.calls().records().find(v.id()).isPresent());
        HttpResponse<String> r = send("GET", "/api/calls?agent=1002&result=busy", null);
        List<CallView> found = Json.MAPPER.readValue(r.body(), new TypeReference<>() { });
        assertTrue(found.stream().anyMatch(c -> c.id().equals(placed.id())), r.body());
        HttpResponse<String> f = send("GET", "/api/calls/figures?by=agent", null);
        assertTrue(f.body().contains("\"key\":\"1002\""), f.body());
    }

    @Test
    void aSecondCallOnABusyLineIsAConflictAndDialsNothing() throws Exception {
        CallView ringing = post("1001", "13900000003");
        awaitCall(ringing.id(), v -> v.state().equals("alerting"));
        desk1001().drainCommands();
        HttpResponse<String> r = send("POST", "/api/calls", "{\"agent\":\"1001\",\"number\":\"13900000005\"}");
        assertEquals(409, r.statusCode());
        assertTrue(r.body().contains("\"field\":\"agent\"") && r.body().contains("busy"), r.body());
        assertTrue(desk1001().drainCommands().stream().noneMatch(c -> c.startsWith("ATD")));
        send("DELETE", "/api/calls/" + ringing.id(), null);
        awaitCall(ringing.id(), v -> v.state().equals("ended"));
    }

    @Test
    void badInputNamesTheFieldDialsNothingAndStoresNothing() throws Exception {
        Map<String, String> cases = Map.of(
                "{\"agent\":\"1001\",\"number\":\"139abc\"}", "number",
                "{\"agent\":\"1001\",\"number\":\"**21*13812345678#\"}", "number",
                "{\"agent\":\"1001\",\"number\":\"139;ATH\"}", "number",
                "{\"agent\":\"1001\",\"number\":\"139\\rATD110;\"}", "number",
                "{\"agent\":\"1001\",\"number\":13900000005}", "number",
                "{\"agent\":\"9999\",\"number\":\"13900000005\"}", "agent",
                "{\"agent\":\"1001\",\"number\":\"13900000005\",\"mode\":\"teleport\"}", "mode",
                "{\"agent\":\"1001\",\"number\":\"13900000005\",\"customerId\":\"a b\"}", "customerId");
        Thread.sleep(300);
        desk1001().drainCommands();
        int records = box.calls().records().list(new CallRecords.Filter(java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), 1)).size();
        int outbox = box.calls().records().outboxRows();
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> r = send("POST", "/api/calls", c.getKey());
            assertEquals(400, r.statusCode(), c.getKey() + " -> " + r.body());
            Map<String, String> err = Json.MAPPER.readValue(r.body(), new TypeReference<>() { });
            assertEquals(c.getValue(), err.get("field"), c.getKey());
        }
        assertEquals(400, send("POST", "/api/calls", "not json").statusCode());
        assertTrue(desk1001().drainCommands().stream().noneMatch(c -> c.startsWith("ATD")), "no ATD written");
        assertEquals(outbox, box.calls().records().outboxRows());
        assertEquals(records, box.calls().records().list(new CallRecords.Filter(java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), 1)).size());
        assertEquals(400, send("GET", "/api/calls?page=0", null).statusCode());
        assertEquals(400, send("GET", "/api/calls?from=yesterday", null).statusCode());
        assertEquals(404, send("GET", "/api/calls/nope", null).statusCode());
    }

    @Test
    void aBlacklistedNumberIsRefusedNamingTheFieldAndNothingReachesAModem() throws Exception {
        HttpResponse<String> bad = send("POST", "/api/guard/blacklist", "{\"numbers\":[\"13900000041;ATH\"]}");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("\"field\":\"numbers[0]\""), bad.body());
        assertEquals(201, send("POST", "/api/guard/blacklist", "{\"numbers\":[\"139 0000 0041\"],\"reason\":\"停止联系\"}")
                .statusCode());
        assertTrue(send("GET", "/api/guard/blacklist", null).body().contains("\"number\":\"13900000041\""));
        desk1001().drainCommands();
        HttpResponse<String> refused = send("POST", "/api/calls", "{\"agent\":\"1001\",\"number\":\"13900000041\"}");
        assertEquals(409, refused.statusCode());
        assertTrue(refused.body().contains("\"field\":\"number\"") && refused.body().contains("blacklist"),
                refused.body());
        assertTrue(desk1001().drainCommands().stream().noneMatch(c -> c.startsWith("ATD")));
        assertEquals(200, send("DELETE", "/api/guard/blacklist/13900000041", null).statusCode());
        assertTrue(!send("GET", "/api/guard/blacklist", null).body().contains("13900000041"));
    }

    @Test
    void aRiskNumberIsInterceptedWithAHintAndPlacedWhenForced() throws Exception {
        assertEquals(201, send("POST", "/api/guard/risk", "{\"numbers\":[\"13900000045\"],\"reason\":\"敏感人群\"}")
                .statusCode());
        HttpResponse<String> intercepted = send("POST", "/api/calls", "{\"agent\":\"1001\",\"number\":\"13900000045\"}");
        assertEquals(409, intercepted.statusCode());
        assertTrue(intercepted.body().contains("risk number (敏感人群)") && intercepted.body().contains("with force"),
                intercepted.body());
        assertEquals(400, send("POST", "/api/calls", "{\"agent\":\"1001\",\"number\":\"13900000045\",\"force\":\"yes\"}")
                .statusCode());
        HttpResponse<String> forced = send("POST", "/api/calls",
                "{\"agent\":\"1001\",\"number\":\"13900000045\",\"force\":true}");
        assertEquals(201, forced.statusCode(), forced.body());
        String id = Json.MAPPER.readValue(forced.body(), CallView.class).id();
        send("DELETE", "/api/calls/" + id, null);
        awaitCall(id, v -> "ended".equals(v.state()));
        assertTrue(send("GET", "/api/guard/settings", null).body().contains("\"enabled\":true"));
        assertEquals(200, send("POST", "/api/guard/approvals", "{\"number\":\"13900000045\"}").statusCode());
        assertEquals(200, send("DELETE", "/api/guard/risk/13900000045", null).statusCode());
    }
}
