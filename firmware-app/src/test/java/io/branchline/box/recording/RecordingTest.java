package io.branchline.box.recording;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.box.RunningBox;
import io.branchline.box.call.CallView;
import io.branchline.box.web.Json;
import io.branchline.hw.audio.ToneAfterSilence;
import io.branchline.hw.audio.ToneMeter;
import io.branchline.hw.audio.WavFile;
import io.branchline.hw.emulator.ModemEmulator;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Recordings of a simulated box whose modems are on real ptys: every answered call is recorded in stereo,
 * agent left (the emulated handset's 1 kHz) and customer right (the emulated customer's 440 Hz, after
 * half a second of silence), exactly as long as the talk time; an unanswered one has none and says so.
 */
class RecordingTest {
    @RegisterExtension
    static final RunningBox running = RunningBox.overPtys();

    static ModemEmulator desk1001() {
        return running.box().simulated().orElseThrow().bus().modemAt("1-1.3");
    }

    @Test
    void anAnsweredCallIsRecordedAgentLeftCustomerRightAsLongAsItsTalkTime() throws Exception {
        desk1001().voice().customerSays(() -> new ToneAfterSilence(500, 440, 60_000));
        CallView placed = running.api().call("1001", "13900000005", null);
        running.api().await(placed.id(), v -> "active".equals(v.state()));
        Thread.sleep(2500);
        assertEquals(202, running.api().send("DELETE", "/api/calls/" + placed.id(), null).statusCode());
        CallView ended = running.api().await(placed.id(), v -> "ended".equals(v.state()) && v.hasRecording());

        HttpResponse<byte[]> whole = running.api().bytes("/api/calls/" + placed.id() + "/recording", null);
        assertEquals(200, whole.statusCode());
        assertEquals("audio/wav", whole.headers().firstValue("Content-Type").orElse(""));
        Path file = running.dataDir().resolve("downloaded.wav");
        Files.write(file, whole.body());
        WavFile.Contents wav = WavFile.read(file);
        assertEquals(2, wav.channels());
        assertTrue(Math.abs(wav.millis() - ended.talkMs()) <= 20, wav.millis() + " ms of audio for " + ended.talkMs()
                + " ms of talk");
        byte[] customer = wav.channel(1);
        byte[] agent = wav.channel(0);
        assertTrue(ToneMeter.rms(customer, 0, 300) < 50, "the customer is silent at first");
        assertTrue(ToneMeter.shareBetween(customer, 900, 2000, 440) > 0.9, "then the customer's 440 Hz, on the right");
        assertTrue(ToneMeter.shareBetween(agent, 300, 2000, 1000) > 0.9, "the agent's 1 kHz is on the left");
        assertTrue(ToneMeter.shareBetween(agent, 300, 2000, 440) < 0.05, "and only there");

        HttpResponse<byte[]> head = running.api().bytes("/api/calls/" + placed.id() + "/recording", "bytes=0-43");
        assertEquals(206, head.statusCode());
        assertEquals("bytes 0-43/" + whole.body().length, head.headers().firstValue("Content-Range").orElse(""));
        assertArrayEquals(java.util.Arrays.copyOf(whole.body(), 44), head.body());
        HttpResponse<byte[]> tail = running.api().bytes("/api/calls/" + placed.id() + "/recording", "bytes=-100");
        assertArrayEquals(java.util.Arrays.copyOfRange(whole.body(), whole.body().length - 100, whole.body().length),
                tail.body());
        assertEquals(416, running.api().bytes("/api/calls/" + placed.id() + "/recording", "bytes=999999999-").statusCode());
    }

    @Test
    void anUnansweredCallHasNoRecordingAndSaysSo() throws Exception {
        CallView placed = running.api().call("1001", "13900000002", null);
        CallView ended = running.api().await(placed.id(), v -> "busy".equals(v.endCause()));
        assertFalse(ended.hasRecording());
        HttpResponse<String> r;
        long deadline = System.currentTimeMillis() + 5000;
        do {
            r = running.api().send("GET", "/api/calls/" + placed.id() + "/recording", null);
        } while (r.body().contains("not ended") && System.currentTimeMillis() < deadline);
        assertEquals(404, r.statusCode());
        assertTrue(r.body().contains("was not answered, so nothing was recorded"), r.body());
        Map<?, ?> err = Json.MAPPER.readValue(r.body(), Map.class);
        assertEquals("id", err.get("field"));
    }
}
