package io.branchline.box.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.web.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Uploads one recording to the CRM in chunks, resumably: it asks how many bytes the CRM already has, sends
 * the rest from there, and the CRM checks the whole file against its SHA-256 at the end. A connection cut
 * mid-chunk costs only what the CRM did not keep.
 */
final class RecordingUpload {
    static final int CHUNK = 256 * 1024;

    private RecordingUpload() {
    }

    /** Returns once the CRM has the whole file and its checksum matched; throws to be retried later. */
    static void upload(CrmClient client, URI base, String boxId, String callId, Path file, long total, String sha256)
            throws IOException {
        String path = "/v1/boxes/" + boxId + "/recordings/" + callId;
        CrmClient.Answer state = client.get(base, path, Duration.ofSeconds(10));
        if (!state.ok()) {
            throw new IOException("the CRM answered " + state.status() + " when asked about recording " + callId);
        }
        JsonNode s = Json.MAPPER.readTree(state.body());
        if (s.path("complete").asBoolean(false)) {
            return;
        }
        long offset = s.path("received").asLong(0);
        if (offset < 0 || offset > total) {
            offset = 0;
        }
        Map<String, String> headers = Map.of("X-Recording-Length", String.valueOf(total), "X-Recording-Sha256", sha256);
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(offset);
            while (offset < total) {
                byte[] chunk = in.readNBytes((int) Math.min(CHUNK, total - offset));
                if (chunk.length == 0) {
                    throw new IOException("recording " + file + " is shorter than the " + total + " bytes noted");
                }
                CrmClient.Answer a = client.put(base, path + "?offset=" + offset, chunk, headers,
                        Duration.ofSeconds(30));
                if (a.status() == 409 || a.status() == 422) {
                    throw new IOException("the CRM's copy of recording " + callId + " is elsewhere (" + a.status()
                            + "); resuming from its count");
                }
                if (!a.ok()) {
                    throw new IOException("the CRM answered " + a.status() + " to recording " + callId);
                }
                offset += chunk.length;
                if (Json.MAPPER.readTree(a.body()).path("received").asLong(-1) != offset) {
                    throw new IOException("the CRM holds a different count of recording " + callId + " than sent");
                }
            }
        }
    }
}
