package io.branchline.box.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.branchline.box.store.Database;
import io.branchline.box.web.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the box while it drains its outbox to a CRM stub running as its own process: after a restart
 * every item arrives, none is lost, and the stub holds each once (a batch the box sent but had not marked
 * sent is sent again and answered as a duplicate, which is what the keys are for).
 */
class KillMidBatchTest {
    @TempDir
    Path dir;


    private Process java(String... args) throws IOException {
        return io.branchline.box.BoxProcess.main(dir, args);
    }

    /** The box's configuration, pointing at the stub on {@code stubPort}. */
    private Path configFor(int stubPort) throws IOException {
        Path config = dir.resolve("branchline.yaml");
        Files.writeString(config, "box:\n  id: killed\ncrm:\n  private-url: http://127.0.0.1:" + stubPort
                + "/crm\n  box-token: kill-token-1\n  allow-plain-http: true\n");
        return config;
    }

    /** The CRM stub as its own process, once it answers. */
    private Process startStub(int port) throws Exception {
        Process stub = java("crm-stub", "--port", String.valueOf(port));
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 20_000;
        while (stubItems(http, port) < 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        return stub;
    }

    private static int stubItems(HttpClient http, int port) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/stub/stats")).build(), HttpResponse.BodyHandlers.ofString());
            return Json.MAPPER.readTree(r.body()).path("items").asInt();
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    @Test
    void killedMidDrainTheBoxLosesNothingAndTheCrmStoresEachItemOnce() throws Exception {
        int n = 20_000;
        Path data = dir.resolve("data");
        try (Database db = Database.open(data)) {
            Outbox outbox = new Outbox(db, Clock.systemUTC());
            db.with(dsl -> {
                for (int i = 0; i < n; i++) {
                    outbox.add("call.record", "call:" + i, "{\"n\":" + i + "}");
                }
                return null;
            });
        }
        int stubPort = io.branchline.box.BoxProcess.freePort();
        Path config = configFor(stubPort);
        Process stub = startStub(stubPort);
        HttpClient http = HttpClient.newHttpClient();
        try {
            long deadline = System.currentTimeMillis() + 20_000;
            Process box = java("run", "--config", config.toString(), "--data-dir",
                    data.toString(), "--port", String.valueOf(io.branchline.box.BoxProcess.freePort()));
            while (stubItems(http, stubPort) < 2_000 && System.currentTimeMillis() < deadline + 30_000) {
                Thread.sleep(5);
            }
            box.destroyForcibly();
            box.waitFor();
            int atKill = stubItems(http, stubPort);
            System.out.println("killed the box with " + atKill + " of " + n + " at the CRM");
            Process again = java("run", "--config", config.toString(), "--data-dir",
                    data.toString(), "--port", String.valueOf(io.branchline.box.BoxProcess.freePort()));
            try {
                long until = System.currentTimeMillis() + 60_000;
                while (stubItems(http, stubPort) < n && System.currentTimeMillis() < until) {
                    Thread.sleep(50);
                }
                assertEquals(n, stubItems(http, stubPort), "every item at the CRM, each once");
                int backlog = -1;
                while (backlog != 0 && System.currentTimeMillis() < until) {
                    try (Database db = Database.open(data)) {
                        backlog = new Outbox(db, Clock.systemUTC()).backlog();
                    }
                    Thread.sleep(50);
                }
                assertEquals(0, backlog, "and the box knows it");
            } finally {
                again.destroy();
                again.waitFor();
            }
        } finally {
            stub.destroy();
            stub.waitFor();
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode stubRecording(HttpClient http, int port) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/stub/recordings")).build(), HttpResponse.BodyHandlers.ofString());
            var all = Json.MAPPER.readTree(r.body());
            return all.size() == 0 ? null : all.get(0);
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }

    @Test
    void killedMidUploadTheBoxResumesTheRecordingAndTheCrmGetsItWholeAndOnce() throws Exception {
        Path data = dir.resolve("data");
        String callId = "0d7c8a52-0000-4000-8000-000000000001";
        String sha;
        long size;
        try (Database db = Database.open(data)) {
            // A 60 s recorded call, ended and owed to the CRM: about 1.9 MB, eight chunks.
            io.branchline.box.recording.Recordings recs = new io.branchline.box.recording.Recordings(db, data,
                    Clock.systemUTC(), java.time.ZoneOffset.UTC);
            String at = io.branchline.box.store.TimeText.of(java.time.Instant.now());
            io.branchline.box.call.CallView v = new io.branchline.box.call.CallView(callId, "1001", "desk-1001", "8986",
                    "138", "139", "139", "direct", "", "active", at, at, null, 0, 0, null, "", false, null, "out");
            io.branchline.hw.audio.WavRecorder r = recs.begin(v);
            io.branchline.hw.audio.Tone tone = io.branchline.hw.audio.Tone.endless(440);
            for (int i = 0; i < 3000; i++) {
                r.frame(tone.next(), tone.next());
            }
            io.branchline.box.recording.Recordings.Done d = recs.finish(callId, r, 3000);
            new io.branchline.box.call.CallRecords(db, Clock.systemUTC()).save(v.endedAs(at, 60_000, "normal", "", true),
                    dsl -> recs.markPresent(dsl, d, "complete"));
            sha = d.sha256();
            size = d.bytes();
        }
        int stubPort = io.branchline.box.BoxProcess.freePort();
        Path config = configFor(stubPort);
        Process stub = startStub(stubPort);
        HttpClient http = HttpClient.newHttpClient();
        try {
            long deadline = System.currentTimeMillis() + 20_000;
            // Slow answers, so that the box is caught between chunks.
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stubPort + "/stub/faults"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"stallMillis\":600}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Process box = java("run", "--config", config.toString(), "--data-dir",
                    data.toString(), "--port", String.valueOf(io.branchline.box.BoxProcess.freePort()));
            var seen = stubRecording(http, stubPort);
            while ((seen == null || seen.path("received").asLong() == 0) && System.currentTimeMillis() < deadline + 30_000) {
                Thread.sleep(5);
                seen = stubRecording(http, stubPort);
            }
            box.destroyForcibly();
            box.waitFor();
            seen = stubRecording(http, stubPort);
            long atKill = seen.path("received").asLong();
            System.out.println("killed the box with " + atKill + " of " + size + " bytes of the recording at the CRM");
            assertEquals(false, seen.path("complete").asBoolean(), "killed mid-upload");
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stubPort + "/stub/faults"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            Process again = java("run", "--config", config.toString(), "--data-dir",
                    data.toString(), "--port", String.valueOf(io.branchline.box.BoxProcess.freePort()));
            try {
                long until = System.currentTimeMillis() + 60_000;
                while (stubItems(http, stubPort) < 2 && System.currentTimeMillis() < until) {
                    Thread.sleep(50);
                }
                seen = stubRecording(http, stubPort);
                assertEquals(true, seen.path("complete").asBoolean(), seen.toString());
                assertEquals(size, seen.path("received").asLong());
                assertEquals(sha, seen.path("sha256").asText(), "the CRM's copy matches the box's checksum");
                assertEquals(2, stubItems(http, stubPort), "the call record and the recording, each once");
                HttpResponse<String> stats = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stubPort
                        + "/stub/stats")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(0, Json.MAPPER.readTree(stats.body()).path("duplicates").asInt(), stats.body());
            } finally {
                again.destroy();
                again.waitFor();
            }
        } finally {
            stub.destroy();
            stub.waitFor();
        }
    }
}
