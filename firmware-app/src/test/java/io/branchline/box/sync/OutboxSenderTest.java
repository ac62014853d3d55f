package io.branchline.box.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.box.SimulatedBox;
import io.branchline.box.crmstub.CrmStub;
import io.branchline.box.crmstub.CrmStubStore;
import io.branchline.box.store.Database;
import io.branchline.box.store.StoreException;
import io.branchline.hw.time.SystemScheduler;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sender against a CRM stub over loopback, with an outbox of its own. */
class OutboxSenderTest {
    @TempDir
    Path dir;

    SystemScheduler time;
    Database db;
    CrmStub stub;
    Outbox outbox;

    @BeforeEach
    void open() {
        time = new SystemScheduler();
        db = Database.open(dir);
        stub = CrmStub.start("127.0.0.1", 0);
        outbox = new Outbox(db, time.clock());
    }

    @AfterEach
    void close() {
        stub.close();
        db.close();
        time.close();
    }

    OutboxSender sender() {
        CrmEndpoints endpoints = new CrmEndpoints(List.of(new CrmEndpoints.Endpoint("private",
                URI.create("http://127.0.0.1:" + stub.port() + "/crm"))), 5, Duration.ofSeconds(120), 3, time.clock());
        return new OutboxSender(outbox, new CrmClient("test-token", ""), endpoints, "test-box", time, new Random(1),
                Map::of);
    }

    CrmStubStore.Item at(String key) {
        return stub.store().items().stream().filter(i -> i.key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void aDamagedItemGoesAsUnreadableAndTheItemsBehindItStillArrive() {
        outbox.add("call.record", "call:good-1", "{\"v\":1,\"type\":\"call.record\",\"n\":1}");
        outbox.add("call.record", "call:cut", "{\"v\":1,\"type\":\"call.rec");
        outbox.add("call.record", "call:array", "[1,2]");
        outbox.add("call.record", "call:two", "{\"v\":1} {\"v\":2}");
        outbox.add("sms", "sms:huge", "x".repeat(100_000));
        outbox.add("call.record", "call:good-2", "{\"v\":1,\"type\":\"call.record\",\"n\":2}");
        try (OutboxSender sender = sender()) {
            SimulatedBox.await("all six at the CRM", () -> stub.store().items().size() == 6);
            assertEquals(0, sender.status().backlog());
        }
        assertEquals(2, at("call:good-2").payload().path("n").asInt(), "a good item behind the damaged ones");
        assertEquals(1, at("call:good-1").payload().path("n").asInt());
        for (String bad : List.of("call:cut", "call:array", "call:two", "sms:huge")) {
            assertTrue(at(bad).payload().path("unreadable").asBoolean(), bad);
        }
        assertEquals("{\"v\":1,\"type\":\"call.rec", at("call:cut").payload().path("stored").asText());
        assertEquals("sms", at("sms:huge").payload().path("type").asText());
        assertEquals(OutboxSender.UNREADABLE_KEPT, at("sms:huge").payload().path("stored").asText().length(),
                "what a damaged item held is sent bounded");
    }

    @Test
    void anItemAddedToAnIdleOutboxGoesAtOnceNotAtTheNextIdleCheck() throws Exception {
        try (OutboxSender sender = sender()) {
            SimulatedBox.await("registered", () -> stub.store().registrations() >= 1);
            Thread.sleep(300); // the sender is now waiting out its idle check
            long t0 = System.nanoTime();
            outbox.add("line.state", "line:1", "{\"v\":1,\"type\":\"line.state\"}");
            SimulatedBox.await("at the CRM", () -> stub.store().items().size() == 1);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(millis < OutboxSender.IDLE_CHECK.toMillis() / 2,
                    "woken by the commit, not by the idle check: " + millis + " ms");
        }
    }

    @Test
    void onlyACommittedInsertIntoTheWatchedTableRingsTheBell() {
        AtomicInteger rung = new AtomicInteger();
        outbox.onAdded(rung::incrementAndGet);
        outbox.add("line.state", "line:a", "{}");
        assertEquals(1, rung.get());
        outbox.add("line.state", "line:a", "{}"); // the same key: nothing inserted
        assertEquals(1, rung.get());
        assertThrows(StoreException.class, () -> db.with(dsl -> {
            dsl.insertInto(io.branchline.box.store.schema.Tables.OUTBOX)
                    .set(io.branchline.box.store.schema.Tables.OUTBOX.KIND, "x")
                    .set(io.branchline.box.store.schema.Tables.OUTBOX.IDEMPOTENCY_KEY, "rolled-back")
                    .set(io.branchline.box.store.schema.Tables.OUTBOX.PAYLOAD, "{}")
                    .set(io.branchline.box.store.schema.Tables.OUTBOX.CREATED_AT, "2026-12-03T00:00:00Z").execute();
            throw new IllegalStateException("the call record failed");
        }));
        assertEquals(1, rung.get(), "a rolled-back insert wakes nobody");
        db.with(dsl -> dsl.fetchCount(io.branchline.box.store.schema.Tables.OUTBOX));
        assertEquals(1, rung.get(), "a read wakes nobody");
        outbox.markSent(List.of("line:a"));
        assertEquals(1, rung.get(), "an update wakes nobody");
        outbox.add("line.state", "line:b", "{}");
        assertEquals(2, rung.get());
    }
}
