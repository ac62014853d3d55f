package io.branchline.box.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.branchline.box.forward.ForwardingJournal;
import io.branchline.box.web.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durable first, tested the hard way: the box runs as its own process (simulate mode) and is killed with
 * SIGKILL. A call that has ended keeps its record and outbox row; a call-forward registration cut off
 * mid-call is still in the journal, and the next start erases it once the line is back.
 */
class KillNineTest {
    @TempDir
    Path dataDir;

    final HttpClient http = HttpClient.newHttpClient();

    private Process startBox(int port) throws IOException {
        return io.branchline.box.BoxProcess.main(dataDir, "run", "--simulate", "--port", String.valueOf(port),
                "--data-dir", dataDir.toString());
    }


    private HttpResponse<String> send(int port, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = io.branchline.box.BoxApi.request(port, io.branchline.box.BoxApi.tokenIn(dataDir), path);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitState(int port, String path, String needle) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                HttpResponse<String> r = send(port, "GET", path, null);
                if (r.body().contains(needle)) {
                    return;
                }
            } catch (IOException notUpYet) {
                // the box is still starting
            }
            Thread.sleep(50);
        }
        throw new AssertionError(path + " never showed " + needle);
    }

    /**
     * Starts a box, places a call for {@code agent}, waits until it is in {@code state} and {@code thenMillis}
     * more, and kills the box with SIGKILL; returns the call's id.
     */
    private String placeThenKill(String agent, String number, String state, long thenMillis) throws Exception {
        int port = io.branchline.box.BoxProcess.freePort();
        Process box = startBox(port);
        try {
            awaitState(port, "/api/lines/desk-" + agent, "\"state\":\"up\"");
            HttpResponse<String> placed = send(port, "POST", "/api/calls",
                    "{\"agent\":\"" + agent + "\",\"number\":\"" + number + "\"}");
            String id = Json.MAPPER.readValue(placed.body(), Map.class).get("id").toString();
            awaitState(port, "/api/calls/" + id, "\"state\":\"" + state + "\"");
            Thread.sleep(thenMillis);
            return id;
        } finally {
            box.destroyForcibly(); // SIGKILL: no shutdown hook runs
            box.waitFor();
        }
    }

    @Test
    void anEndedCallAndItsOutboxRowSurviveKillNineAndAForwardingCutOffMidCallIsErasedAfterRestart()
            throws Exception {
        int port = io.branchline.box.BoxProcess.freePort();
        Process box = startBox(port);
        try {
            awaitState(port, "/api/lines/desk-1001", "\"state\":\"up\"");
            awaitState(port, "/api/lines/desk-1001b", "\"state\":\"up\"");
            awaitState(port, "/api/lines/desk-1002", "\"state\":\"up\"");
            HttpResponse<String> busy = send(port, "POST", "/api/calls", "{\"agent\":\"1002\",\"number\":\"13900000002\"}");
            String endedId = Json.MAPPER.readValue(busy.body(), Map.class).get("id").toString();
            awaitState(port, "/api/calls/" + endedId, "\"endCause\":\"busy\"");
            awaitState(port, "/api/calls?agent=1002", endedId); // written to the database
            HttpResponse<String> fwd = send(port, "POST", "/api/calls",
                    "{\"agent\":\"1001\",\"number\":\"13900000005\",\"mode\":\"forward-1-1\"}");
            assertEquals(201, fwd.statusCode(), fwd.body());
            String cutId = Json.MAPPER.readValue(fwd.body(), Map.class).get("id").toString();
            awaitState(port, "/api/calls/" + cutId, "\"state\":\"active\"");
        } finally {
            box.destroyForcibly(); // SIGKILL: no shutdown hook runs
            box.waitFor();
        }
        try (Database db = Database.open(dataDir)) {
            int records = db.with(dsl -> dsl.fetchCount(io.branchline.box.store.schema.Tables.CALL_RECORD));
            int outbox = db.with(dsl -> dsl.fetchCount(io.branchline.box.store.schema.Tables.OUTBOX,
                    io.branchline.box.store.schema.Tables.OUTBOX.KIND.eq("call.record")));
            assertEquals(1, records, "the ended call's record");
            assertEquals(1, outbox, "and its outbox row");
            List<ForwardingJournal.Entry> open = new ForwardingJournal(db, Clock.systemUTC()).open();
            assertEquals(1, open.size(), "the forwarding of the call cut off mid-call is still known");
            assertEquals("desk-1001", open.get(0).lineId());
        }
        int port2 = io.branchline.box.BoxProcess.freePort();
        Process again = startBox(port2);
        try {
            awaitState(port2, "/api/lines/desk-1001", "\"state\":\"up\"");
            long deadline = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < deadline) {
                try (Database db = Database.open(dataDir)) {
                    if (new ForwardingJournal(db, Clock.systemUTC()).open().isEmpty()) {
                        return;
                    }
                }
                Thread.sleep(100);
            }
            throw new AssertionError("the forwarding left by the crash was not erased after the restart");
        } finally {
            again.destroy();
            again.waitFor();
        }
    }

    @Test
    void killNineDuringARecordedCallLeavesAPlayableRecordingAndARecordThatSaysItWasCut() throws Exception {
        String id = placeThenKill("1001", "13900000005", "active", 3500);
        int port2 = io.branchline.box.BoxProcess.freePort();
        Process again = startBox(port2);
        try {
            awaitState(port2, "/api/calls/" + id, "\"endCause\":\"cut\"");
            io.branchline.box.call.CallView v = Json.MAPPER.readValue(send(port2, "GET", "/api/calls/" + id, null).body(),
                    io.branchline.box.call.CallView.class);
            assertEquals(true, v.hasRecording(), v.toString());
            assertEquals(true, v.talkMs() >= 2000 && v.talkMs() <= 4000, "recorded up to the last second: " + v);
            assertEquals(true, v.detail().contains("stopped during the call"), v.detail());
            HttpResponse<byte[]> wav = http.send(io.branchline.box.BoxApi.request(port2,
                    io.branchline.box.BoxApi.tokenIn(dataDir), "/api/calls/" + id + "/recording").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, wav.statusCode());
            Path file = dataDir.resolve("cut.wav");
            java.nio.file.Files.write(file, wav.body());
            io.branchline.hw.audio.WavFile.Contents c = io.branchline.hw.audio.WavFile.read(file);
            assertEquals(v.talkMs(), c.millis(), "the header was repaired to the data on disk");
            assertEquals(true, io.branchline.hw.audio.ToneMeter.shareBetween(c.channel(1), 200, c.millis() - 100, 440)
                    > 0.9, "the customer's voice is in it");
            awaitState(port2, "/api/sync", "\"backlog\"");
        } finally {
            again.destroy();
            again.waitFor();
        }
        try (Database db = Database.open(dataDir)) {
            int records = db.with(dsl -> dsl.fetchCount(io.branchline.box.store.schema.Tables.OUTBOX,
                    io.branchline.box.store.schema.Tables.OUTBOX.IDEMPOTENCY_KEY.eq("call:" + id)));
            int recordings = db.with(dsl -> dsl.fetchCount(io.branchline.box.store.schema.Tables.OUTBOX,
                    io.branchline.box.store.schema.Tables.OUTBOX.IDEMPOTENCY_KEY.eq("recording:" + id)));
            assertEquals(1, records, "the cut call is owed to the CRM once");
            assertEquals(1, recordings, "and so is its recording");
        }
    }

    @Test
    void killNineWhileACallRingsLeavesItsRecordEndedAsCutAfterTheRestart() throws Exception {
        String id = placeThenKill("1002", "13900000003", "alerting", 0); // rings, never answered
        int port2 = io.branchline.box.BoxProcess.freePort();
        Process again = startBox(port2);
        try {
            awaitState(port2, "/api/calls/" + id, "\"endCause\":\"cut\"");
            io.branchline.box.call.CallView v = Json.MAPPER.readValue(send(port2, "GET", "/api/calls/" + id, null)
                    .body(), io.branchline.box.call.CallView.class);
            assertEquals("13900000003", v.numberGiven());
            assertEquals(true, v.detail().contains("alerting"), v.detail());
        } finally {
            again.destroy();
            again.waitFor();
        }
        try (Database db = Database.open(dataDir)) {
            int owed = db.with(dsl -> dsl.fetchCount(io.branchline.box.store.schema.Tables.OUTBOX,
                    io.branchline.box.store.schema.Tables.OUTBOX.IDEMPOTENCY_KEY.eq("call:" + id)));
            int attempts = db.with(dsl -> dsl.fetchCount(io.branchline.box.store.schema.Tables.CALL_ATTEMPT));
            assertEquals(1, owed, "the CRM, which heard it ring, gets its record once");
            assertEquals(0, attempts, "nothing left half-told");
        }
    }
}
