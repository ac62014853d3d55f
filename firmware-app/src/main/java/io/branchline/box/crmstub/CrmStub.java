package io.branchline.box.crmstub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.branchline.box.web.ApiServer;
import io.branchline.box.web.Json;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A CRM server for tests, benchmarks and the simulate mode: the server side of docs/crm-sync.openapi.yaml
 * with an in-memory store, an inspection API, and faults on demand.
 * <pre>
 * curl http://127.0.0.1:8090/stub/calls                       # the call records received
 * curl http://127.0.0.1:8090/stub/stats                       # items, duplicates, heartbeats
 * curl -X POST -d '{"box":"branchline","type":"call.start","args":{"agent":"1001","number":"13900000005"}}' \
 *      http://127.0.0.1:8090/stub/commands
 * curl -X POST -d '{"errorRate":0.1,"dropRate":0.3,"stallMillis":50}' http://127.0.0.1:8090/stub/faults
 * </pre>
 */
public final class CrmStub implements AutoCloseable {
    private final CrmStubStore store = new CrmStubStore();
    private final StubRecordings recordings = new StubRecordings();
    private volatile int cutUploadAfterBytes = -1;
    private final ApiServer server;
    private final Random random = new Random();
    private volatile double errorRate;
    private volatile double dropRate;
    private volatile long stallMillis;
    private volatile boolean down;

    private CrmStub(String host, int port) {
        this.server = ApiServer.start(host, port, this::routing);
    }

    public static CrmStub start(String host, int port) {
        return new CrmStub(host, port);
    }

    public int port() {
        return server.port();
    }

    public CrmStubStore store() {
        return store;
    }

    /** Answers 5xx to this share of the box's requests, and stalls each by up to this long (tests of retries). */
    public void faults(double errorShare, long stall) {
        this.errorRate = errorShare;
        this.stallMillis = stall;
    }

    /** Cuts this share of the box's requests' connections without an answer (a flaky network). */
    public void drops(double share) {
        this.dropRate = share;
    }

    /** The next recording upload breaks off after this many bytes of its body (once). */
    public void cutNextUploadAfter(int bytes) {
        this.cutUploadAfterBytes = bytes;
    }

    public StubRecordings recordings() {
        return recordings;
    }

    /** Answers every box request with 503 until set back, as a server that is down. */
    public void down(boolean isDown) {
        this.down = isDown;
    }

    private static final java.util.regex.Pattern ACK =
            java.util.regex.Pattern.compile("/crm/v1/boxes/[^/]+/commands/([^/]+)/ack");

    private void routing(HttpRouting.Builder r) {
        r.post("/crm/v1/boxes/{box}/register", (req, res) -> box(req, res, () -> {
            store.registered();
            ok(res);
        }));
        r.post("/crm/v1/boxes/{box}/heartbeat", (req, res) -> box(req, res, () -> {
            store.heartbeat();
            ok(res);
        }));
        r.post("/crm/v1/boxes/{box}/events", (req, res) -> box(req, res, () -> events(req, res)));
        r.get("/crm/v1/boxes/{box}/commands", (req, res) -> box(req, res, () -> commands(req, res)));
        // Acknowledgements are matched on the raw path: an id is one percent-encoded segment, whatever it holds
        // ("a/b", "../x"), and the routing's decoded, normalised path would lose it.
        r.route(io.helidon.http.Method.POST, io.helidon.http.PathMatchers.any(), (req, res) -> {
            java.util.regex.Matcher m = ACK.matcher(req.path().rawPath());
            if (!m.matches()) {
                res.next();
                return;
            }
            box(req, res, () -> {
                store.ack(java.net.URLDecoder.decode(m.group(1).replace("+", "%2B"),
                        java.nio.charset.StandardCharsets.UTF_8), body(req));
                ok(res);
            });
        });
        // Inbound distribution: the agent who last called this number.
        r.get("/crm/v1/numbers/{number}/owner", (req, res) -> box(req, res, () -> {
            String number = req.path().pathParameters().get("number");
            List<CrmStubStore.Item> items = store.items();
            for (int i = items.size() - 1; i >= 0; i--) {
                JsonNode call = items.get(i).payload().path("call");
                if (items.get(i).kind().equals("call.record") && call.path("numberGiven").asText().equals(number)) {
                    Json.ok(res, Map.of("v", 1, "agent", call.path("agent").asText()));
                    return;
                }
            }
            Json.error(res, Status.NOT_FOUND_404, "number", "nobody owns " + number);
        }));
        r.get("/crm/v1/boxes/{box}/recordings/{call}", (req, res) -> box(req, res, () -> {
            String box = req.path().pathParameters().get("box");
            String call = req.path().pathParameters().get("call");
            Json.ok(res, Map.of("v", 1, "received", recordings.received(box, call), "complete",
                    recordings.complete(box, call)));
        }));
        r.put("/crm/v1/boxes/{box}/recordings/{call}", (req, res) -> box(req, res, () -> upload(req, res)));
        r.get("/stub/recordings", (req, res) -> Json.ok(res, recordings.all()));
        r.get("/stub/calls", (req, res) -> Json.ok(res, store.items().stream().filter(i -> i.kind().equals("call.record"))
                .map(i -> i.payload().get("call")).toList()));
        r.get("/stub/events", (req, res) -> Json.ok(res, store.items()));
        r.get("/stub/stats", (req, res) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("items", store.items().size());
            m.put("duplicates", store.duplicates());
            m.put("registrations", store.registrations());
            m.put("heartbeats", store.heartbeats());
            m.put("acks", store.acks());
            Json.ok(res, m);
        });
        r.post("/stub/commands", (req, res) -> {
            JsonNode b = body(req);
            if (b == null || !b.hasNonNull("type")) {
                Json.error(res, Status.BAD_REQUEST_400, "type", "a command needs a type");
                return;
            }
            String box = b.hasNonNull("box") ? b.get("box").asText() : "branchline";
            Json.send(res, Status.CREATED_201, store.issue(box, b.get("type").asText(), b.get("args")));
        });
        r.post("/stub/faults", (req, res) -> {
            JsonNode b = body(req);
            faults(b.path("errorRate").asDouble(0), b.path("stallMillis").asLong(0));
            drops(b.path("dropRate").asDouble(0));
            down(b.path("down").asBoolean(false));
            ok(res);
        });
    }

    private interface Handler {
        void run() throws Exception;
    }

    /** The box's requests: a bearer token is required, and the configured faults apply. */
    private void box(ServerRequest req, ServerResponse res, Handler h) {
        String auth = req.headers().first(HeaderNames.AUTHORIZATION).orElse("");
        if (!auth.startsWith("Bearer ") || auth.length() < 8) {
            Json.error(res, Status.UNAUTHORIZED_401, null, "a box token is required");
            return;
        }
        try {
            if (stallMillis > 0) {
                Thread.sleep(random.nextLong(stallMillis + 1)); // up to stallMillis, at random
            }
            if (random.nextDouble() < dropRate) {
                throw new io.helidon.webserver.CloseConnectionException("stub drops the connection");
            }
            if (down || random.nextDouble() < errorRate) {
                Json.error(res, Status.SERVICE_UNAVAILABLE_503, null, "stub fault");
                return;
            }
            h.run();
        } catch (io.helidon.webserver.CloseConnectionException e) {
            throw e;
        } catch (Exception e) {
            Json.error(res, Status.BAD_REQUEST_400, null, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private void events(ServerRequest req, ServerResponse res) throws IOException {
        JsonNode b = body(req);
        String box = req.path().pathParameters().get("box");
        List<CrmStubStore.Item> batch = new ArrayList<>();
        for (JsonNode i : b.path("items")) {
            batch.add(new CrmStubStore.Item(box, i.path("key").asText(), i.path("kind").asText(), i.path("seq").asLong(),
                    i.path("payload")));
        }
        Map<String, List<String>> r = store.store(batch);
        ObjectNode out = Json.MAPPER.createObjectNode().put("v", 1);
        out.set("accepted", Json.MAPPER.valueToTree(r.get("accepted")));
        out.set("duplicates", Json.MAPPER.valueToTree(r.get("duplicates")));
        Json.ok(res, out);
    }

    /**
     * PUT of a recording's bytes from {@code offset}: headers X-Recording-Length (the whole file) and
     * X-Recording-Sha256 (of the whole file). 409 with the stub's count when the offset is not where its copy
     * ends; 422 when the finished file does not match its checksum (the copy is dropped, to be sent again).
     */
    private void upload(ServerRequest req, ServerResponse res) throws IOException {
        String box = req.path().pathParameters().get("box");
        String call = req.path().pathParameters().get("call");
        long offset = req.query().first("offset").asOptional().map(Long::parseLong).orElse(0L);
        long total = Long.parseLong(req.headers().first(HeaderNames.create("X-Recording-Length")).orElse("-1"));
        String sha = req.headers().first(HeaderNames.create("X-Recording-Sha256")).orElse("");
        if (total < 0 || sha.isEmpty()) {
            Json.error(res, Status.BAD_REQUEST_400, "X-Recording-Length", "length and checksum headers are required");
            return;
        }
        int cut = cutUploadAfterBytes;
        if (cut >= 0) {
            cutUploadAfterBytes = -1;
            byte[] part = req.content().inputStream().readNBytes(cut);
            recordings.cutAfter(box, call, offset, part, total, sha);
            throw new io.helidon.webserver.CloseConnectionException("stub cuts the upload after " + cut + " bytes");
        }
        StubRecordings.Put p = recordings.append(box, call, offset, req.content().as(byte[].class), total, sha);
        if (p.offsetWrong()) {
            Json.send(res, Status.CONFLICT_409, Map.of("v", 1, "received", p.received()));
        } else if (p.checksumWrong()) {
            Json.error(res, Status.create(422, "Unprocessable Content"), "X-Recording-Sha256",
                    "the recording does not match its checksum; send it again from the start");
        } else {
            Json.send(res, p.complete() ? Status.CREATED_201 : Status.OK_200, Map.of("v", 1, "received", p.received(),
                    "complete", p.complete()));
        }
    }

    private void commands(ServerRequest req, ServerResponse res) throws InterruptedException {
        long wait = Math.min(30, req.query().first("wait").asOptional().map(Long::parseLong).orElse(25L));
        List<JsonNode> cmds = store.take(req.path().pathParameters().get("box"), wait * 1000);
        Json.ok(res, Map.of("v", 1, "commands", cmds));
    }

    private static JsonNode body(ServerRequest req) throws IOException {
        return Json.MAPPER.readTree(req.content().as(String.class));
    }

    private static void ok(ServerResponse res) {
        Json.ok(res, Map.of("v", 1));
    }

    @Override
    public void close() {
        server.close();
    }
}
