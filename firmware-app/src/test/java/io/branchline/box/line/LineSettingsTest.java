package io.branchline.box.line;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.Box;
import io.branchline.box.BoxApi;
import io.branchline.box.SimulatedBox;
import io.branchline.box.call.CallView;
import io.branchline.box.config.BoxConfig;
import io.branchline.box.config.ConfigLoader;
import io.branchline.box.store.Database;
import io.branchline.box.store.SavedSettings;
import io.branchline.box.web.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's 外呼设置 from the admin page: a line's prefixes, own numbers, rotation, warning limits, and the
 * desk phone's call-forward mode and delay (呼叫转移模式, 呼叫延时) change while the box runs, the next call
 * uses them, they outlive a restart, and whatever the file would refuse the API refuses, by field. The
 * numbers end in 2: the emulated network answers them busy, so each call is over in a second.
 */
class LineSettingsTest {
    @TempDir
    Path dataDir;

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    private static void refused(BoxApi api, String body, int status, String field) throws Exception {
        HttpResponse<String> r = api.send("PUT", "/api/settings/lines/desk-1001", body);
        String shown = body.length() > 200 ? body.substring(0, 200) + "…" : body;
        assertEquals(status, r.statusCode(), shown + " -> " + r.body());
        assertEquals(field, json(r).path("field").asText(), shown + " -> " + r.body());
    }

    @Test
    void aPrefixAndADialModeSavedFromThePageAreWhatTheNextCallUsesAndOutliveARestart() throws Exception {
        try (Box box = SimulatedBox.start(BoxConfig.empty(), dataDir, false)) {
            BoxApi api = new BoxApi(box);
            JsonNode all = json(api.send("GET", "/api/settings/lines", null));
            assertTrue(all.size() >= 4, all.toString());
            JsonNode desk = json(api.send("GET", "/api/settings/lines/desk-1001", null));
            assertEquals("file", desk.path("from").asText());
            assertEquals("by-count", desk.path("settings").path("rotation").path("policy").asText(), desk.toString());
            assertEquals(5, desk.path("slots").size(), "the multiplexer's five slots");

            HttpResponse<String> saved = api.send("PUT", "/api/settings/lines/desk-1001", """
                    {"prefix": "17951", "rotation": {"policy": "fixed", "slot": 1},
                     "frequent-call-warning": {"calls": 50, "minutes": 60, "block": false},
                     "dial-mode": "forward-1-1", "forward-delay-ms": 0}""");
            assertEquals(200, saved.statusCode(), saved.body());
            assertEquals("page", json(saved).path("from").asText());
            assertEquals("cli", json(saved).path("changedBy").asText());

            CallView c = api.call("1001", "13900000002", null);
            assertEquals("forward-1-1", c.mode(), "a request without a mode goes the desk phone's way");
            api.await(c.id(), v -> v.state().equals("ended"));
            // Its lines are free once the forwarding is erased and the record written, a moment after.
            SimulatedBox.await("the lines free", () -> box.calls().active().isEmpty());
            CallView direct = api.call("1001", "13900000012", "direct");
            assertEquals("1795113900000012", direct.numberDialed(), "the prefix saved a moment ago");
            assertEquals("89860012345678901001", direct.simIccid(), "rotation fixed on slot 1's SIM");
            api.await(direct.id(), v -> v.state().equals("ended"));
        }
        try (Box again = SimulatedBox.start(BoxConfig.empty(), dataDir, false)) {
            BoxApi api = new BoxApi(again);
            JsonNode desk = json(api.send("GET", "/api/settings/lines/desk-1001", null));
            assertEquals("page", desk.path("from").asText(), "kept in the database over the file's");
            CallView c = api.call("1001", "13900000032", "direct");
            assertEquals("1795113900000032", c.numberDialed());
            api.await(c.id(), v -> v.state().equals("ended"));

            JsonNode reset = json(api.send("DELETE", "/api/settings/lines/desk-1001", null));
            assertEquals("file", reset.path("from").asText());
            CallView plain = api.call("1001", "13900000042", null);
            assertEquals("direct", plain.mode());
            assertEquals("13900000042", plain.numberDialed(), "back to the file's: no prefix");
            api.await(plain.id(), v -> v.state().equals("ended"));
        }
    }

    @Test
    void whatTheFileWouldRefuseIsRefusedByFieldAndTheSavedSettingsStay() throws Exception {
        try (Box box = SimulatedBox.start(BoxConfig.empty(), dataDir, false)) {
            BoxApi api = new BoxApi(box);
            assertEquals(200, api.send("PUT", "/api/settings/lines/desk-1001", "{\"prefix\":\"12593\"}").statusCode());
            refused(api, "{\"prefix\":\"1;ATD112\"}", 400, "prefix");
            refused(api, "{\"prefix\":\"12345678901\"}", 400, "prefix");
            refused(api, "{\"own-number\":\"*21*13900000000#\"}", 400, "own-number");
            refused(api, "{\"usb-path\":\"1-1.9\"}", 400, "usb-path");
            refused(api, "{\"sim-mux\":{\"select-pins\":[4]}}", 400, "sim-mux.select-pins");
            refused(api, "{\"sim-mux\":{\"slots\":[{\"slot\":9,\"prefix\":\"1\"}]}}", 400, "sim-mux.slots[0].slot");
            refused(api, "{\"sim-mux\":{\"slots\":[{\"slot\":2,\"prefix\":\"#31#;\"}]}}", 400, "sim-mux.slots[1].prefix");
            refused(api, "{\"rotation\":{\"policy\":\"by-mood\"}}", 400, "rotation.policy");
            refused(api, "{\"rotation\":{\"policy\":\"by-count\",\"slots\":[2]}}", 400, "rotation.slots");
            refused(api, "{\"rotation\":{\"policy\":\"by-count\",\"calls\":0}}", 400, "rotation.calls");
            refused(api, "{\"rotation\":{\"policy\":\"by-count\",\"calls\":\"many\"}}", 400, "rotation.calls");
            refused(api, "{\"frequent-call-warning\":{\"calls\":-1}}", 400, "frequent-call-warning.calls");
            refused(api, "{\"dial-mode\":\"*#06#\"}", 400, "dial-mode");
            refused(api, "{\"forward-delay-ms\":3600000}", 400, "forward-delay-ms");
            refused(api, "[1,2,3]", 400, "body");
            refused(api, "not json", 400, "body");
            refused(api, "{\"prefix\":\"" + "1".repeat(1_100_000) + "\"}", 413, "body");
            HttpResponse<String> none = api.send("PUT", "/api/settings/lines/no-such-line", "{}");
            assertEquals(404, none.statusCode());
            assertEquals("line", json(none).path("field").asText());
            // A plain line has one SIM: slots are the multiplexer's alone.
            HttpResponse<String> plain = api.send("PUT", "/api/settings/lines/sim-1",
                    "{\"sim-mux\":{\"slots\":[{\"slot\":1,\"prefix\":\"1\"}]}}");
            assertEquals(400, plain.statusCode());
            assertEquals("sim-mux", json(plain).path("field").asText());

            JsonNode desk = json(api.send("GET", "/api/settings/lines/desk-1001", null));
            assertEquals("12593", desk.path("settings").path("prefix").asText(), "no refusal touched what was saved");
            CallView c = api.call("1001", "13900000052", "direct");
            assertEquals("1259313900000052", c.numberDialed());
        }
    }

    @Test
    void aTestCallGoesOutOnExactlyTheLineAskedWithItsPrefixAndIsRecorded() throws Exception {
        try (Box box = SimulatedBox.start(BoxConfig.empty(), dataDir, false)) {
            BoxApi api = new BoxApi(box);
            assertEquals(200, api.send("PUT", "/api/settings/lines/desk-1002", "{\"prefix\":\"10193\","
                    + "\"rotation\":{\"policy\":\"fixed\",\"slot\":2}}").statusCode());
            HttpResponse<String> r = api.send("POST", "/api/lines/desk-1002/test-call", "{\"number\":\"13900000062\"}");
            assertEquals(201, r.statusCode(), r.body());
            CallView c = Json.MAPPER.readValue(r.body(), CallView.class);
            assertEquals("desk-1002", c.line());
            assertEquals("line-test", c.agent());
            assertEquals("1019313900000062", c.numberDialed());
            CallView ended = api.await(c.id(), v -> v.state().equals("ended"));
            assertEquals("busy", ended.endCause(), "the emulated network's busy number");
            assertTrue(api.send("GET", "/api/calls?agent=line-test", null).body().contains(c.id()), "its record");

            HttpResponse<String> code = api.send("POST", "/api/lines/desk-1002/test-call", "{\"number\":\"*#06#\"}");
            assertEquals(400, code.statusCode(), code.body());
            assertEquals("number", json(code).path("field").asText(), "a service code never reaches the modem");
            HttpResponse<String> none = api.send("POST", "/api/lines/nowhere/test-call", "{\"number\":\"13900000062\"}");
            assertEquals(404, none.statusCode(), none.body());
            HttpResponse<String> empty = api.send("POST", "/api/lines/desk-1002/test-call", "{}");
            assertEquals(400, empty.statusCode());
            assertEquals("number", json(empty).path("field").asText());
        }
    }

    @Test
    void aSavedSettingTheFileNoLongerAllowsIsSetAsideWithItsReasonNotLost() throws Exception {
        BoxConfig.Modem fiveSlots = ConfigLoader.parse("""
                modems:
                  - id: desk-9
                    usb-path: "1-1.9"
                    sim-mux:
                      select-pins: [17, 27, 22]
                      slots: [{slot: 1}, {slot: 2}, {slot: 3}]
                """, "t.yaml").modems().get(0);
        BoxConfig.Modem twoSlots = ConfigLoader.parse("""
                modems:
                  - id: desk-9
                    usb-path: "1-1.9"
                    sim-mux:
                      select-pins: [17, 27, 22]
                      slots: [{slot: 1}, {slot: 2}]
                """, "t.yaml").modems().get(0);
        try (Database db = Database.open(dataDir)) {
            SavedSettings saved = new SavedSettings(db, Clock.systemUTC());
            DialingSettings before = new DialingSettings(Map.of("desk-9", fiveSlots), saved);
            before.atStart();
            before.change("desk-9", Json.MAPPER.readTree("""
                    {"sim-mux": {"slots": [{"slot": 3, "prefix": "17951"}]},
                     "rotation": {"policy": "by-count", "slots": [1, 3]}}"""), "wang");

            DialingSettings after = new DialingSettings(Map.of("desk-9", twoSlots), saved);
            List<BoxConfig.Modem> used = after.atStart();
            assertEquals(null, used.get(0).rotation(), "the file's settings serve");
            DialingSettings.View v = after.find("desk-9").orElseThrow();
            assertEquals("file", v.from());
            assertTrue(v.problem().contains("slot 3 is not one of this line's multiplexer"), v.problem());
            assertTrue(saved.find("line:desk-9").isPresent(), "the saved setting is still there to look at");
            assertFalse(v.changedBy().isEmpty());
        }
    }
}
