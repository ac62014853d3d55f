package io.branchline.box.ivr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.RunningBox;
import io.branchline.box.web.Json;
import java.io.InputStream;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The switchboard's menus (总机, 智能语音导航) as data: a two-level menu in the seed's way is kept, and what a
 * caller could not get through is refused on save with the reason and the key that is wrong.
 */
class SwitchboardMenusTest {
    @RegisterExtension
    static final RunningBox running = RunningBox.inMemory();

    static String prompt;

    @BeforeAll
    static void aPrompt() throws Exception {
        byte[] mp3;
        try (InputStream in = SwitchboardMenusTest.class.getResourceAsStream("/prompts/tone-600hz-3s.mp3")) {
            mp3 = in.readAllBytes();
        }
        HttpResponse<String> r = running.api().upload("/api/prompts?name=%E6%80%BB%E6%9C%BA", mp3);
        assertEquals(201, r.statusCode(), r.body());
        prompt = Json.MAPPER.readTree(r.body()).path("id").asText();
    }

    static HttpResponse<String> put(String id, String body) throws Exception {
        return running.api().send("PUT", "/api/switchboard/menus/" + id, body.replace("P", prompt));
    }

    static void refused(String id, String body, String field, String words) throws Exception {
        HttpResponse<String> r = put(id, body);
        assertEquals(400, r.statusCode(), body + " -> " + r.body());
        JsonNode e = Json.MAPPER.readTree(r.body());
        assertEquals(field, e.path("field").asText(), r.body());
        assertTrue(e.path("error").asText().contains(words), r.body());
    }

    @Test
    void aTwoLevelMenuIsKeptAndWhatACallerCouldNotGetThroughIsRefusedByKey() throws Exception {
        assertEquals(200, put("loans", """
                {"name": "贷款咨询", "prompt": "P", "keys": {"1": {"type": "agent", "target": "1001"},
                 "2": {"type": "agent", "target": "1002"}, "9": {"type": "repeat"}},
                 "fallback": {"type": "distribute"}}""").statusCode());
        HttpResponse<String> main = put("main", """
                {"name": "总机", "prompt": "P", "keys": {"1": {"type": "menu", "target": "loans"},
                 "0": {"type": "distribute"}, "#": {"type": "extension"}}, "timeout": 6, "retries": 1,
                 "fallback": {"type": "message", "target": "P"}}""");
        assertEquals(200, main.statusCode(), main.body());
        JsonNode list = Json.MAPPER.readTree(running.api().send("GET", "/api/switchboard/menus", null).body());
        JsonNode loans = null;
        for (JsonNode s : list) {
            loans = s.path("menu").path("id").asText().equals("loans") ? s : loans;
        }
        assertEquals(5, list.size(), "the example's three and these two");
        assertEquals("cli", loans.path("changedBy").asText());

        refused("bad", "{\"prompt\": \"\", \"fallback\": {\"type\": \"hangup\"}}", "prompt", "choose the prompt");
        refused("bad", "{\"prompt\": \"nope\", \"fallback\": {\"type\": \"hangup\"}}", "prompt", "no prompt");
        refused("bad", "{\"prompt\": \"P\", \"keys\": {\"12\": {\"type\": \"hangup\"}}, \"fallback\": {\"type\": \"hangup\"}}",
                "keys.12", "0-9, * and #");
        refused("bad", "{\"prompt\": \"P\", \"keys\": {\"A\": {\"type\": \"hangup\"}}, \"fallback\": {\"type\": \"hangup\"}}",
                "keys.A", "0-9, * and #");
        refused("bad", "{\"prompt\": \"P\", \"keys\": {\"3\": {\"type\": \"agent\", \"target\": \"9999\"}},"
                + " \"fallback\": {\"type\": \"hangup\"}}", "keys.3", "no agent");
        refused("bad", "{\"prompt\": \"P\", \"keys\": {\"3\": {\"type\": \"menu\", \"target\": \"ghost\"}},"
                + " \"fallback\": {\"type\": \"hangup\"}}", "keys.3", "no menu");
        refused("bad", "{\"prompt\": \"P\", \"keys\": {\"3\": {\"type\": \"teleport\"}}, \"fallback\": {\"type\": \"hangup\"}}",
                "keys.3", "one of menu");
        refused("bad", "{\"prompt\": \"P\"}", "fallback", "where a caller goes");
        refused("bad", "{\"prompt\": \"P\", \"fallback\": {\"type\": \"repeat\"}}", "fallback", "for ever");
        refused("bad", "{\"prompt\": \"P\", \"timeout\": 0, \"fallback\": {\"type\": \"hangup\"}}", "timeout", "1 to 60");
        refused("bad", "{\"prompt\": \"P\", \"retries\": 9, \"fallback\": {\"type\": \"hangup\"}}", "retries", "0 to 5");
        refused("bad", "{\"prompt\": \"P\", \"timeout\": \"soon\", \"fallback\": {\"type\": \"hangup\"}}", "timeout", "");
        refused("bad", "{\"prompt\": \"P\", \"colour\": \"red\", \"fallback\": {\"type\": \"hangup\"}}", "colour", "");
        refused("Bad%20Id", "{\"prompt\": \"P\", \"fallback\": {\"type\": \"hangup\"}}", "id", "a-z");
        // A loop with no way out: loops only leads back to main, main's every way now leads to loops.
        assertEquals(200, put("loop", """
                {"prompt": "P", "keys": {"1": {"type": "menu", "target": "main"}}, "fallback": {"type": "menu", "target": "main"}}""")
                .statusCode());
        refused("main", """
                {"prompt": "P", "keys": {"1": {"type": "menu", "target": "loop"}, "2": {"type": "repeat"}},
                 "fallback": {"type": "menu", "target": "loop"}}""", "keys", "main → loop → main");
        HttpResponse<String> kept = running.api().send("GET", "/api/switchboard/menus/main", null);
        assertTrue(kept.body().contains("\"#\":{\"type\":\"extension\""), "the refused edit changed nothing: " + kept.body());

        HttpResponse<String> inUse = running.api().send("DELETE", "/api/switchboard/menus/loans", null);
        assertEquals(409, inUse.statusCode(), inUse.body());
        assertTrue(inUse.body().contains("main sends its key 1 here"), inUse.body());
        assertEquals(404, running.api().send("DELETE", "/api/switchboard/menus/ghost", null).statusCode());
        assertEquals(200, running.api().send("DELETE", "/api/switchboard/menus/loop", null).statusCode());
        HttpResponse<String> big = running.api().send("PUT", "/api/switchboard/menus/big", "{\"name\":\""
                + "长".repeat(65) + "\",\"prompt\":\"" + prompt + "\",\"fallback\":{\"type\":\"hangup\"}}");
        assertEquals(400, big.statusCode());
        assertEquals("name", Json.MAPPER.readTree(big.body()).path("field").asText());
    }
}
