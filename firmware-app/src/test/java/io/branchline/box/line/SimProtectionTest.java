package io.branchline.box.line;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.RunningBox;
import io.branchline.box.SimulatedBox;
import io.branchline.box.web.Json;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SIM protection (防封号) with an emulated SIM whose network starts refusing its calls, as a carrier's risk
 * control does before it blocks the card: the SIM's score falls with the reason, the SIM is put to rest (the
 * CRM hears of it), the group dialer leaves it alone, and an admin's ending the rest lets it dial again.
 */
class SimProtectionTest {
    @RegisterExtension
    static final RunningBox running = RunningBox.inMemory();

    static final String SIM_1 = "89860012345678900011";

    static Optional<JsonNode> health(String iccid) throws Exception {
        HttpResponse<String> r = running.api().send("GET", "/api/sims/health", null);
        assertEquals(200, r.statusCode(), r.body());
        return StreamSupport.stream(Json.MAPPER.readTree(r.body()).spliterator(), false)
                .filter(s -> s.path("iccid").asText().equals(iccid)).findFirst();
    }

    @Test
    void aSimTheNetworkStartsRefusingIsRestedAndTheDialersLeaveItAlone() throws Exception {
        var api = running.api();
        assertEquals(100, health(SIM_1).orElseThrow().path("score").asInt(), "a fresh SIM is healthy");
        var network = running.box().simulated().orElseThrow().network();
        network.throttle("+8613800000011", true);
        for (int i = 0; i < 4 && health(SIM_1).orElseThrow().path("resting").isNull(); i++) {
            HttpResponse<String> call = api.send("POST", "/api/lines/sim-1/test-call", "{\"number\":\"1391234" + (6000 + i)
                    + "\"}");
            assertEquals(201, call.statusCode(), call.body());
            String id = Json.MAPPER.readTree(call.body()).path("id").asText();
            SimulatedBox.await("the call over", () -> running.box().calls().active().stream()
                    .noneMatch(c -> c.id().equals(id)));
            Thread.sleep(200);
        }
        JsonNode sim = health(SIM_1).orElseThrow();
        assertFalse(sim.path("resting").isNull(), sim.toString());
        assertTrue(sim.path("score").asInt() < 40, sim.toString());
        assertTrue(sim.path("reasons").toString().contains("cleared by the network"), sim.toString());
        SimulatedBox.await("the CRM warned", () -> running.box().crmStubs().stream()
                .flatMap(s -> s.store().items().stream()).anyMatch(i -> i.kind().equals("sim.rest")
                        && i.payload().path("sim").path("iccid").asText().equals(SIM_1)));

        network.throttle("+8613800000011", false);
        // the GoIP ports (free lines nobody owns) switched off, so that sim-1 is the task's only line
        for (String goip : new String[] {"goip-1", "goip-2"}) {
            assertEquals(200, api.send("POST", "/api/lines/" + goip + "/goip", "{\"command\":\"disable\"}").statusCode());
        }
        HttpResponse<String> task = api.send("POST", "/api/group-tasks", "{\"name\":\"回访\",\"concurrency\":1,"
                + "\"intervalSeconds\":1,\"agents\":[\"1001\"],\"numbers\":[\"13912346015\"]}");
        String taskId = Json.MAPPER.readTree(task.body()).path("task").path("id").asText();
        assertEquals(200, api.send("POST", "/api/group-tasks/" + taskId + "/join", "{\"agent\":\"1001\"}").statusCode());
        assertEquals(200, api.send("POST", "/api/group-tasks/" + taskId + "/start", null).statusCode());
        Thread.sleep(2500);
        assertTrue(running.box().calls().active().isEmpty(), "sim-1 rests: the task's only line is left alone");

        assertEquals(200, api.send("DELETE", "/api/sims/" + SIM_1 + "/rest", null).statusCode());
        assertEquals(404, api.send("DELETE", "/api/sims/" + SIM_1 + "/rest", null).statusCode());
        SimulatedBox.await("dialled once the rest ended", () -> running.box().calls().active().stream()
                .anyMatch(c -> c.line().equals("sim-1")));
        running.box().groupCalls().dialer().delete(taskId);
        running.box().calls().active().forEach(c -> running.box().calls().hangUp(c.id()));
        for (String goip : new String[] {"goip-1", "goip-2"}) {
            api.send("POST", "/api/lines/" + goip + "/goip", "{\"command\":\"enable\"}");
        }
    }

    @Test
    void theSettingsAreBoundedAndNamedWhenRefused() throws Exception {
        var api = running.api();
        for (String[] c : new String[][] {{"{\"dailyCalls\":0}", "dailyCalls"}, {"{\"restBelow\":101}", "restBelow"},
            {"{\"restHours\":0}", "restHours"}, {"{\"dailyTalkMinutes\":99999}", "dailyTalkMinutes"},
            {"{\"colour\":1}", "colour"}, {"[]", "body"}}) {
            HttpResponse<String> r = api.send("PUT", "/api/settings/sim-protection", c[0]);
            assertEquals(400, r.statusCode(), c[0] + ": " + r.body());
            assertEquals(c[1], Json.MAPPER.readTree(r.body()).path("field").asText(), r.body());
        }
        HttpResponse<String> ok = api.send("PUT", "/api/settings/sim-protection", "{\"dailyCalls\":60}");
        assertEquals(200, ok.statusCode(), ok.body());
        JsonNode s = Json.MAPPER.readTree(api.send("GET", "/api/settings/sim-protection", null).body());
        assertEquals(60, s.path("dailyCalls").asInt());
        assertNotNull(s.get("restHours"));
        api.send("PUT", "/api/settings/sim-protection", "{}");
    }
}
