package io.branchline.box.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.web.Json;
import io.branchline.box.web.RequestBody;
import io.branchline.hw.audio.WavFile;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /api/prompts}: the opening messages.
 * <pre>
 * curl --data-binary @hello.mp3 'http://127.0.0.1:8080/api/prompts?name=开场白&amp;filename=hello.mp3'
 * curl http://127.0.0.1:8080/api/prompts
 * curl -o hello.wav http://127.0.0.1:8080/api/prompts/ID/audio
 * curl -X PUT -d '{"agent":"1001","prompt":"ID"}' http://127.0.0.1:8080/api/prompts/opening
 * curl -X PUT -d '{"line":"desk-1002","prompt":null}' http://127.0.0.1:8080/api/prompts/opening
 * curl -X DELETE http://127.0.0.1:8080/api/prompts/ID
 * </pre>
 */
public final class PromptsService implements HttpService {
    /** A 60 s MP3 at 320 kbit/s is 2.4 MB and a 60 s 48 kHz stereo WAV 11.5 MB: 16 MB covers what is allowed. */
    static final int MAX_UPLOAD = 16 * 1024 * 1024;

    private final Prompts prompts;

    public PromptsService(Prompts prompts) {
        this.prompts = prompts;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .post("/", this::upload)
                .put("/opening", this::choose)
                .get("/{id}/audio", this::audio)
                .delete("/{id}", this::delete);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("prompts", prompts.list());
        body.put("opening", prompts.choices());
        body.put("max", Prompts.MAX_PROMPTS);
        body.put("maxSeconds", PromptDecoder.MAX_MILLIS / 1000);
        Json.ok(res, body);
    }

    private void upload(ServerRequest req, ServerResponse res) {
        byte[] file = RequestBody.bytes(req, MAX_UPLOAD, "file", "an opening message lasts at most 60 s");
        try {
            Prompts.Prompt p = prompts.add(req.query().first("name").orElse(null),
                    req.query().first("filename").orElse(""), file);
            Json.send(res, Status.CREATED_201, p);
        } catch (PromptException e) {
            Json.error(res, e.conflict() ? Status.CONFLICT_409 : Status.BAD_REQUEST_400, e.field(), e.getMessage());
        }
    }

    private void choose(ServerRequest req, ServerResponse res) {
        JsonNode body = Json.bodyOrNull(req);
        if (body == null || !body.isObject() || (body.has("agent") == body.has("line"))) {
            Json.error(res, Status.BAD_REQUEST_400, "agent", "send {\"agent\": ID, \"prompt\": ID or null} or"
                    + " {\"line\": ID, \"prompt\": ID or null}");
            return;
        }
        String scope = body.has("agent") ? "agent" : "line";
        io.branchline.box.access.Viewer v = io.branchline.box.access.AccessFilter.viewer(req);
        boolean office = v.scope().all();
        if (scope.equals("line") ? !office : !v.sees(body.get("agent").asText())) {
            Json.error(res, Status.FORBIDDEN_403, scope, scope.equals("line") ? "a line's opening message is the"
                    + " office's choice (admin or installer)" : "you choose the opening message of the agents you"
                    + " see (an agent their own)");
            return;
        }
        JsonNode prompt = body.get("prompt");
        try {
            prompts.choose(scope, body.get(scope).asText(), prompt == null || prompt.isNull() ? null : prompt.asText());
            Json.ok(res, prompts.choices());
        } catch (PromptException e) {
            Json.error(res, e.conflict() ? Status.NOT_FOUND_404 : Status.BAD_REQUEST_400, e.field(), e.getMessage());
        }
    }

    private void audio(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        var pcm = prompts.pcm(id);
        if (pcm.isEmpty()) {
            Json.error(res, Status.NOT_FOUND_404, "id", "no prompt " + id);
            return;
        }
        byte[] data = pcm.get();
        byte[] out = new byte[WavFile.HEADER_BYTES + data.length];
        WavFile.header(1, data.length).get(out, 0, WavFile.HEADER_BYTES);
        System.arraycopy(data, 0, out, WavFile.HEADER_BYTES, data.length);
        res.header(HeaderNames.CONTENT_TYPE, "audio/wav");
        res.send(out);
    }

    private void delete(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        try {
            if (!prompts.delete(id)) {
                Json.error(res, Status.NOT_FOUND_404, "id", "no prompt " + id);
                return;
            }
        } catch (PromptException e) {
            Json.error(res, Status.CONFLICT_409, e.field(), e.getMessage());
            return;
        }
        Json.ok(res, Map.of("deleted", id));
    }
}
