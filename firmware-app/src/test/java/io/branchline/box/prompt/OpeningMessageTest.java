package io.branchline.box.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.RunningBox;
import io.branchline.box.call.CallView;
import io.branchline.box.web.Json;
import io.branchline.hw.audio.Tone;
import io.branchline.hw.audio.ToneMeter;
import io.branchline.hw.audio.WavFile;
import io.branchline.hw.emulator.EmulatedHandset;
import io.branchline.hw.emulator.ModemEmulator;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 人机互动 as the manual has it: up to five uploaded MP3s, one chosen as the opening message; after the
 * customer answers it plays while the agent listens, and F2 (here the API) switches to the agent without
 * the customer noticing. The prompt is a 600 Hz tone, the agent 1 kHz, the customer 440 Hz.
 */
class OpeningMessageTest {
    @RegisterExtension
    static final RunningBox running = RunningBox.inMemory();

    static byte[] resource(String name) throws Exception {
        try (InputStream in = OpeningMessageTest.class.getResourceAsStream("/prompts/" + name)) {
            return in.readAllBytes();
        }
    }

    static HttpResponse<String> upload(byte[] file, String query) throws Exception {
        return running.api().upload("/api/prompts?" + query, file);
    }

    static HttpResponse<String> send(String method, String path, String body) throws Exception {
        return running.api().send(method, path, body);
    }

    static int promptCount() throws Exception {
        return Json.MAPPER.readTree(send("GET", "/api/prompts", null).body()).get("prompts").size();
    }

    @Test
    void uploadsThatAreNotAudioTooLongOrOneTooManyAreRefusedAndChangeNothing() throws Exception {
        for (JsonNode p : Json.MAPPER.readTree(send("GET", "/api/prompts", null).body()).get("prompts")) {
            send("DELETE", "/api/prompts/" + p.get("id").asText(), null);
        }
        int kept = promptCount(); // the simulate mode's example switchboard plays its own and keeps them
        HttpResponse<String> notAudio = upload("这不是音频".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "name=x&filename=notes.mp3");
        assertEquals(400, notAudio.statusCode());
        assertEquals("file", Json.MAPPER.readTree(notAudio.body()).get("field").asText());
        assertTrue(notAudio.body().contains("upload an MP3 or a WAV file"), notAudio.body());
        HttpResponse<String> tooLong = upload(resource("tone-600hz-61s.mp3"), "filename=long.mp3");
        assertEquals(400, tooLong.statusCode());
        assertTrue(tooLong.body().contains("at most 60 s"), tooLong.body());
        assertEquals(kept, promptCount());

        for (int i = kept + 1; i <= io.branchline.box.prompt.Prompts.MAX_PROMPTS; i++) {
            assertEquals(201, upload(resource("tone-600hz-3s.mp3"), "name=p" + i).statusCode());
        }
        HttpResponse<String> oneTooMany = upload(resource("tone-600hz-3s.mp3"), "name=p31");
        assertEquals(409, oneTooMany.statusCode());
        assertTrue(oneTooMany.body().contains("already 30"), oneTooMany.body());
        assertEquals(io.branchline.box.prompt.Prompts.MAX_PROMPTS, promptCount());
        for (JsonNode p : Json.MAPPER.readTree(send("GET", "/api/prompts", null).body()).get("prompts")) {
            send("DELETE", "/api/prompts/" + p.get("id").asText(), null);
        }
        assertEquals(kept, promptCount());
    }

    @Test
    void theOpeningMessagePlaysToTheCustomerUntilTheAgentTakesOverWithinOneFrame() throws Exception {
        HttpResponse<String> up = upload(resource("tone-600hz-3s.mp3"), "name=%E5%BC%80%E5%9C%BA%E7%99%BD&filename=hello.mp3");
        assertEquals(201, up.statusCode(), up.body());
        JsonNode prompt = Json.MAPPER.readTree(up.body());
        assertEquals("开场白", prompt.get("name").asText());
        assertTrue(Math.abs(prompt.get("millis").asLong() - 3000) <= 100, up.body()); // MP3 frames pad the end
        HttpResponse<byte[]> audio = running.api().bytes("/api/prompts/" + prompt.get("id").asText() + "/audio", null);
        Path wavFile = running.dataDir().resolve("prompt.wav");
        Files.write(wavFile, audio.body());
        WavFile.Contents converted = WavFile.read(wavFile);
        assertEquals(1, converted.channels());
        assertEquals(8000, converted.sampleRate());
        assertTrue(ToneMeter.shareBetween(converted.data(), 100, 2900, 600) > 0.9, "decoded and converted once");

        HttpResponse<String> chosen = send("PUT", "/api/prompts/opening",
                "{\"agent\":\"1002\",\"prompt\":\"" + prompt.get("id").asText() + "\"}");
        assertEquals(200, chosen.statusCode(), chosen.body());
        assertEquals(404, send("PUT", "/api/prompts/opening", "{\"agent\":\"nobody\",\"prompt\":null}").statusCode());

        running.box().simulated().orElseThrow().keepWhatIsHeard(30);
        ModemEmulator modem = running.box().simulated().orElseThrow().bus().modemAt("1-1.4");
        modem.voice().customerSays(() -> Tone.endless(440));
        EmulatedHandset handset = running.box().simulated().orElseThrow().handset("1002");
        String id = running.api().call("1002", "13900000005", null).id();
        running.api().await(id, v -> "active".equals(v.state()));
        Thread.sleep(1000);
        byte[] customerHeard = modem.voice().heard().bytes();
        long heardMs = customerHeard.length / 16;
        assertTrue(ToneMeter.shareBetween(customerHeard, heardMs - 500, heardMs, 600) > 0.9, "the customer hears the prompt");
        byte[] agentHeard = handset.heard().bytes();
        long agentMs = agentHeard.length / 16;
        assertTrue(ToneMeter.shareBetween(agentHeard, agentMs - 500, agentMs, 600) > 0.3, "the agent listens to it");
        assertTrue(ToneMeter.shareBetween(agentHeard, agentMs - 500, agentMs, 440) > 0.3, "and to the customer");

        HttpResponse<String> takeover = send("POST", "/api/calls/" + id + "/takeover", null);
        assertEquals(200, takeover.statusCode(), takeover.body());
        long atMs = Json.MAPPER.readTree(takeover.body()).get("atMs").asLong();
        Thread.sleep(600);
        customerHeard = modem.voice().heard().bytes();
        heardMs = customerHeard.length / 16;
        assertTrue(ToneMeter.shareBetween(customerHeard, heardMs - 400, heardMs, 1000) > 0.9, "now the agent's voice");
        send("DELETE", "/api/calls/" + id, null);
        running.api().await(id, CallView::hasRecording);
        byte[] left = running.api().recording(id, running.dataDir()).channel(0);
        assertTrue(ToneMeter.shareBetween(left, atMs - 400, atMs, 600) > 0.9, "the recording holds the prompt");
        assertTrue(ToneMeter.shareBetween(left, atMs + 20, atMs + 400, 1000) > 0.9,
                "and the agent from one frame after the takeover on");
        CallView ended = running.api().get(id);
        assertTrue(ended.detail().contains("taken over after " + atMs + " ms"), ended.detail());
    }

    @Test
    void liftingTheHandsetTakesOverAndPuttingItDownHangsUp() throws Exception {
        HttpResponse<String> up = upload(resource("tone-600hz-3s.mp3"), "name=hook");
        String promptId = Json.MAPPER.readTree(up.body()).get("id").asText();
        assertEquals(200, send("PUT", "/api/prompts/opening", "{\"line\":\"desk-1002\",\"prompt\":\"" + promptId
                + "\"}").statusCode());
        send("POST", "/api/simulate/hook/desk-1002?off-hook=false", null); // the handset rests while the call rings
        running.box().simulated().orElseThrow().keepWhatIsHeard(30);
        ModemEmulator modem = running.box().simulated().orElseThrow().bus().modemAt("1-1.4");
        modem.voice().customerSays(() -> Tone.endless(440));
        String id = running.api().call("1002", "13900000006", null).id();
        running.api().await(id, v -> "active".equals(v.state()));
        Thread.sleep(700);
        byte[] heard = modem.voice().heard().bytes();
        assertTrue(ToneMeter.shareBetween(heard, heard.length / 16 - 400, heard.length / 16, 600) > 0.9, "the prompt");
        send("POST", "/api/simulate/hook/desk-1002?off-hook=true", null);
        Thread.sleep(600);
        heard = modem.voice().heard().bytes();
        assertTrue(ToneMeter.shareBetween(heard, heard.length / 16 - 400, heard.length / 16, 1000) > 0.9,
                "the agent, once the handset is lifted");
        send("POST", "/api/simulate/hook/desk-1002?off-hook=false", null);
        CallView ended = running.api().await(id, v -> "ended".equals(v.state()) && v.hasRecording());
        assertTrue(ended.detail().contains("taken over after"), ended.detail());
        send("DELETE", "/api/prompts/" + promptId, null);
    }
}
