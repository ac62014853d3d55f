package io.branchline.box.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import io.branchline.box.RunningBox;
import io.branchline.box.SimulatedBox;
import io.branchline.box.web.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a call says about itself while it is up and once it ended, as an agent's screen shows it. */
class CallStatesTest {
    @RegisterExtension
    static final RunningBox running = RunningBox.inMemory();

    @Test
    void aCallThatIsUpShowsItsTalkTimeSoFar() throws Exception {
        CallView v = running.api().call("1002", "13900000006", null);
        running.api().await(v.id(), c -> c.state().equals("active"));
        Thread.sleep(1500);
        List<CallView> up = Json.MAPPER.readValue(running.api().send("GET", "/api/calls?active=true", null).body(),
                new TypeReference<>() { });
        CallView now = up.stream().filter(c -> c.id().equals(v.id())).findFirst().orElseThrow();
        assertTrue(now.talkMs() >= 1000, "talk so far: " + now.talkMs());
        running.api().send("DELETE", "/api/calls/" + v.id(), null);
        CallView ended = running.api().await(v.id(), c -> c.state().equals("ended") && c.endCause() != null);
        assertEquals("normal", ended.endCause(), "talked, then hung up");
    }

    @Test
    void aCallHungUpBeforeTheAnswerIsCancelledNotNormal() throws Exception {
        CallView v = running.api().call("1002", "13900000003", null); // rings, never answered
        running.api().await(v.id(), c -> c.state().equals("alerting"));
        running.api().send("DELETE", "/api/calls/" + v.id(), null);
        SimulatedBox.await("recorded", () -> running.box().calls().records().find(v.id()).isPresent());
        CallView ended = running.box().calls().records().find(v.id()).orElseThrow();
        assertEquals("cancelled", ended.endCause());
        assertEquals(0, ended.talkMs());
        assertTrue(running.api().send("GET", "/api/calls?result=cancelled", null).body().contains(v.id()));
    }
}
