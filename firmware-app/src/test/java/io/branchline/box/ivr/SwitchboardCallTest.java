package io.branchline.box.ivr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.box.RunningBox;
import io.branchline.box.SimulatedBox;
import io.branchline.box.call.CallRecords;
import io.branchline.box.call.CallView;
import io.branchline.box.web.Json;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A customer calls the switchboard (总机): the box answers with the menu, hears the keys the caller presses in
 * the voice, follows them to a second menu and to an agent, who answers; a caller who presses nothing goes
 * where the fallback says; every call leaves a record with its way through the menus.
 */
class SwitchboardCallTest {
    @RegisterExtension
    static final RunningBox running = RunningBox.overPtys();

    @BeforeAll
    static void aSwitchboard() throws Exception {
        byte[] mp3;
        try (InputStream in = SwitchboardCallTest.class.getResourceAsStream("/prompts/tone-600hz-3s.mp3")) {
            mp3 = in.readAllBytes();
        }
        HttpResponse<String> p = running.api().upload("/api/prompts?name=welcome", mp3);
        String prompt = Json.MAPPER.readTree(p.body()).path("id").asText();
        assertEquals(200, running.api().send("PUT", "/api/switchboard/menus/loans", ("{\"prompt\":\"P\",\"timeout\":2,"
                + "\"retries\":0,\"keys\":{\"1\":{\"type\":\"agent\",\"target\":\"1001\"}},\"fallback\":{\"type\":\"hangup\"}}")
                .replace("P", prompt)).statusCode());
        assertEquals(200, running.api().send("PUT", "/api/switchboard/menus/main", ("{\"prompt\":\"P\",\"timeout\":2,"
                + "\"retries\":1,\"keys\":{\"2\":{\"type\":\"menu\",\"target\":\"loans\"},\"0\":{\"type\":\"distribute\"}},"
                + "\"fallback\":{\"type\":\"hangup\"}}").replace("P", prompt)).statusCode());
        HttpResponse<String> line = running.api().send("PUT", "/api/settings/lines/sim-1",
                "{\"inbound\":\"switchboard\",\"inbound-menu\":\"main\"}");
        assertEquals(200, line.statusCode(), line.body());
    }

    static CallView recordFrom(String caller) {
        var f = CallRecords.Filter.inboundFrom(caller);
        SimulatedBox.await("the record of " + caller, () -> !running.box().calls().records().list(f).isEmpty());
        return running.box().calls().records().list(f).get(0);
    }

    static CallView up(String line) {
        SimulatedBox.await("a call up on " + line, () -> running.box().calls().active().stream()
                .anyMatch(c -> c.line().equals(line)));
        return running.box().calls().active().stream().filter(c -> c.line().equals(line)).findFirst().orElseThrow();
    }

    @Test
    void keysTwoThenOneReachAgent1001WhoAnswersAndTheRecordSaysTheWay() throws Exception {
        running.api().send("POST", "/api/simulate/call/sim-1?from=13912345690", null);
        CallView call = up("sim-1");
        running.api().await(call.id(), v -> v.state().equals("active")); // the switchboard answered
        Thread.sleep(500);
        assertEquals(200, running.api().send("POST", "/api/simulate/call/sim-1/keys?digits=2", null).statusCode());
        Thread.sleep(700);
        running.api().send("POST", "/api/simulate/call/sim-1/keys?digits=1", null);
        running.api().await(call.id(), v -> v.agent().equals("1001"));
        assertEquals(200, running.api().send("POST", "/api/calls/" + call.id() + "/answer", null).statusCode());
        Thread.sleep(300);
        running.api().send("DELETE", "/api/simulate/call/sim-1", null);
        CallView done = recordFrom("13912345690");
        assertEquals("normal", done.endCause(), done.detail());
        assertEquals("1001", done.agent());
        assertTrue(done.detail().contains("main:2 loans:1"), done.detail());
        assertTrue(done.hasRecording(), done.detail());
    }

    @Test
    void theEmulatedCallersKeysAreCheckedAndNeedACaller() throws Exception {
        assertEquals(404, running.api().send("POST", "/api/simulate/call/sim-2/keys?digits=1", null).statusCode(),
                "nobody calls sim-2");
        running.api().send("POST", "/api/simulate/call/sim-1?from=13912345692", null);
        up("sim-1");
        for (String bad : new String[] {"", "12a", "1".repeat(33), "%0D%0AATH"}) {
            HttpResponse<String> r = running.api().send("POST", "/api/simulate/call/sim-1/keys?digits=" + bad, null);
            assertEquals(400, r.statusCode(), bad + " -> " + r.body());
            assertEquals("digits", Json.MAPPER.readTree(r.body()).path("field").asText());
        }
        running.api().send("DELETE", "/api/simulate/call/sim-1", null);
        assertEquals("abandoned", recordFrom("13912345692").endCause(), "hung up in the menu");
    }

    @Test
    void aCallerWhoPressesNothingHearsTheMenuTwiceThenTheFallbackHangsUp() throws Exception {
        running.api().send("POST", "/api/simulate/call/sim-1?from=13912345691", null);
        CallView done = recordFrom("13912345691");
        assertTrue(done.detail().contains("main:- main:-") && done.detail().contains("hung up"), done.detail());
        assertEquals("", done.agent());
    }
}
