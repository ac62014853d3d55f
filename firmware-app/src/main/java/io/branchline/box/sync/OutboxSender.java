package io.branchline.box.sync;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.branchline.box.store.TimeText;
import io.branchline.box.web.Json;
import io.branchline.hw.time.Scheduler;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox to the CRM: registers, sends a heartbeat every 30 s, and uploads unsent items in order,
 * in batches, each with its idempotency key. An item is marked sent only when the CRM says it has it
 * (accepted now or a duplicate of an earlier send). Failures are retried with exponential backoff and
 * jitter and counted; repeated failures move to the public server (see {@link CrmEndpoints}).
 */
public final class OutboxSender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    static final int BATCH = 200;
    private static final Duration HEARTBEAT = Duration.ofSeconds(30);
    /**
     * How long an idle sender waits before it looks again (heartbeat due, the early-morning return). New
     * items do not wait for it: every commit that adds to the outbox wakes the sender at once.
     */
    static final Duration IDLE_CHECK = Duration.ofSeconds(5);

    private final Outbox outbox;
    private final CrmClient client;
    private final CrmEndpoints endpoints;
    private final String boxId;
    private final Scheduler scheduler;
    private final Random random;
    /** What the box reports with registration and heartbeat: {"lines": [...], "agents": [...]}. */
    private final Supplier<Map<String, Object>> report;
    private final Semaphore wake = new Semaphore(0);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private volatile Instant lastSuccess;
    private volatile String lastError = "";
    private volatile boolean running = true;
    private volatile boolean registered;
    private volatile Instant nextHeartbeat = Instant.MIN;
    private final Thread loop;
    private volatile RecordingFiles recordingFiles;

    /** Where the box keeps its recordings, and who hears that the CRM has one. */
    public interface RecordingFiles {
        /** The file of a call's recording, while it is on disk. */
        java.util.Optional<java.nio.file.Path> file(String callId);

        void uploaded(String callId);
    }

    public OutboxSender(Outbox outbox, CrmClient client, CrmEndpoints endpoints, String boxId, Scheduler scheduler,
                        Random random, Supplier<Map<String, Object>> report) {
        this.outbox = outbox;
        this.client = client;
        this.endpoints = endpoints;
        this.boxId = boxId;
        this.scheduler = scheduler;
        this.random = random;
        this.report = report;
        outbox.onAdded(this::wake);
        this.loop = Thread.ofVirtual().name("outbox-sender").start(this::run);
    }

    /** Recordings are uploaded (before their outbox item) from these files; without, only their details go. */
    public void uploadRecordingsFrom(RecordingFiles files) {
        this.recordingFiles = files;
    }

    /** Send now rather than at the next idle check (the outbox calls this on every commit that adds to it). */
    public void wake() {
        wake.release();
    }

    public SyncStatus status() {
        var e = endpoints.current();
        Instant ok = lastSuccess;
        return new SyncStatus(e.name(), e.base().toString(), outbox.backlog(), outbox.oldestUnsent().orElse(null),
                ok == null ? null : TimeText.of(ok), sent.get(), retries.get(), lastError, endpoints.lastSwitch(), "");
    }

    public CrmEndpoints endpoints() {
        return endpoints;
    }

    private void run() {
        int failuresInARow = 0;
        while (running) {
            try {
                endpoints.maybeReturn(this::answers);
                if (!registered) {
                    register();
                }
                heartbeatIfDue();
                List<Outbox.Row> rows = outbox.unsent(BATCH);
                if (rows.isEmpty()) {
                    wake.tryAcquire(IDLE_CHECK.toMillis(), TimeUnit.MILLISECONDS);
                    continue;
                }
                send(rows);
                failuresInARow = 0;
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (!running) {
                    return;
                }
                failuresInARow++;
                retries.incrementAndGet();
                lastError = e.getMessage() == null ? e.toString() : e.getMessage();
                if (endpoints.failure().isPresent()) {
                    registered = false;
                }
                waitBackoff(failuresInARow);
            }
        }
    }

    private void send(List<Outbox.Row> rows) throws IOException {
        RecordingFiles files = recordingFiles;
        List<String> uploadedCalls = new ArrayList<>();
        if (files != null) {
            // The file goes first: an item marked sent always means the CRM has the recording too.
            for (Outbox.Row r : rows) {
                if (r.kind().equals("recording")) {
                    JsonNode p = Json.MAPPER.readTree(r.payload());
                    String callId = p.path("callId").asText();
                    var file = files.file(callId);
                    if (file.isPresent()) {
                        RecordingUpload.upload(client, endpoints.current().base(), boxId, callId, file.get(),
                                p.path("bytes").asLong(), p.path("sha256").asText());
                        uploadedCalls.add(callId);
                    } else {
                        log.warn("event=recording-file-missing call={}", callId);
                    }
                }
            }
        }
        ObjectNode batch = Json.MAPPER.createObjectNode().put("v", 1).put("box", boxId);
        ArrayNode items = batch.putArray("items");
        for (Outbox.Row r : rows) {
            ObjectNode i = items.addObject().put("key", r.key()).put("kind", r.kind()).put("seq", r.seq());
            putPayload(i, r);
        }
        CrmClient.Answer a = client.post(endpoints.current().base(), "/v1/boxes/" + boxId + "/events",
                Json.MAPPER.writeValueAsString(batch), Duration.ofSeconds(15));
        if (!a.ok()) {
            throw new IOException("the CRM answered " + a.status() + " to a batch of " + rows.size());
        }
        JsonNode answer = Json.MAPPER.readTree(a.body());
        List<String> stored = new ArrayList<>();
        answer.path("accepted").forEach(k -> stored.add(k.asText()));
        answer.path("duplicates").forEach(k -> stored.add(k.asText()));
        if (!answer.path("accepted").isArray() || stored.isEmpty()) {
            throw new IOException("the CRM's answer to a batch names no stored item");
        }
        outbox.markSent(stored);
        if (files != null) {
            uploadedCalls.stream().filter(c -> stored.contains("recording:" + c)).forEach(files::uploaded);
        }
        sent.addAndGet(stored.size());
        lastSuccess = scheduler.clock().instant();
        endpoints.success();
    }

    /**
     * The stored JSON goes as it is, not parsed into a tree and written again (a third of the drain's time),
     * once a streaming pass has found it one well-formed object. A row that is not (a damaged disk) still
     * goes, as an "unreadable" item naming what it held, so that it cannot hold back every item behind it.
     */
    private static void putPayload(ObjectNode item, Outbox.Row r) {
        if (isOneObject(r.payload())) {
            item.putRawValue("payload", new RawValue(r.payload()));
            return;
        }
        log.warn("event=outbox-item-unreadable seq={} key={}", r.seq(), r.key());
        String raw = r.payload();
        item.putObject("payload").put("v", 1).put("type", r.kind()).put("unreadable", true)
                .put("stored", raw.length() > UNREADABLE_KEPT ? raw.substring(0, UNREADABLE_KEPT) : raw);
    }

    static final int UNREADABLE_KEPT = 2000;

    private static boolean isOneObject(String json) {
        try (JsonParser p = Json.MAPPER.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    private void register() throws IOException {
        ObjectNode body = Json.MAPPER.createObjectNode().put("v", 1).put("box", boxId)
                .put("version", io.branchline.box.Version.current());
        body.setAll((ObjectNode) Json.MAPPER.valueToTree(report.get()));
        CrmClient.Answer a = client.post(endpoints.current().base(), "/v1/boxes/" + boxId + "/register",
                Json.MAPPER.writeValueAsString(body), Duration.ofSeconds(10));
        if (!a.ok()) {
            throw new IOException("registration at " + endpoints.current().name() + " answered " + a.status());
        }
        registered = true;
        log.info("event=crm-registered endpoint={} url={}", endpoints.current().name(), endpoints.current().base());
    }

    private void heartbeatIfDue() throws IOException {
        Instant now = scheduler.clock().instant();
        if (now.isBefore(nextHeartbeat)) {
            return;
        }
        ObjectNode body = Json.MAPPER.createObjectNode().put("v", 1).put("box", boxId).put("at", TimeText.of(now))
                .put("backlog", outbox.backlog());
        body.setAll((ObjectNode) Json.MAPPER.valueToTree(report.get()));
        CrmClient.Answer a = client.post(endpoints.current().base(), "/v1/boxes/" + boxId + "/heartbeat",
                Json.MAPPER.writeValueAsString(body), Duration.ofSeconds(10));
        if (!a.ok()) {
            throw new IOException("heartbeat answered " + a.status());
        }
        nextHeartbeat = now.plus(HEARTBEAT);
    }

    /** The return-hour health check: does the server take a registration? */
    private boolean answers(CrmEndpoints.Endpoint e) {
        try {
            return client.post(e.base(), "/v1/boxes/" + boxId + "/register", "{\"v\":1,\"box\":\"" + boxId + "\"}",
                    Duration.ofSeconds(10)).ok();
        } catch (IOException ex) {
            return false;
        }
    }

    /** 0.5 s, 1 s, 2 s ... up to 60 s, each with ±50 % jitter so that boxes do not retry in step. */
    private void waitBackoff(int failures) {
        long base = Math.min(60_000, 500L << Math.min(failures - 1, 7));
        long millis = (long) (base * (0.5 + random.nextDouble()));
        log.warn("event=crm-send-failed endpoint={} failures_in_a_row={} retry_in_ms={} error=\"{}\"",
                endpoints.current().name(), failures, millis, lastError);
        CompletableFuture<Void> f = new CompletableFuture<>();
        scheduler.schedule(Duration.ofMillis(millis), () -> f.complete(null));
        try {
            f.get();
        } catch (Exception e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        loop.interrupt();
    }
}
