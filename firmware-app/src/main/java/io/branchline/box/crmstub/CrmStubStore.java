package io.branchline.box.crmstub;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.web.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the CRM stub has received, in memory: outbox items by idempotency key (a repeated key is counted as
 * a duplicate and not stored again), registrations, heartbeats, command acknowledgements; and the commands
 * waiting for each box.
 */
public final class CrmStubStore {
    /** One stored outbox item. */
    public record Item(String box, String key, String kind, long seq, JsonNode payload) {
    }

    /** A command issued at the stub for a box. */
    public record Command(String id, String box, String type, JsonNode args) {
    }

    private final Map<String, Item> items = new LinkedHashMap<>();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger heartbeats = new AtomicInteger();
    private final AtomicInteger registrations = new AtomicInteger();
    private final Map<String, BlockingQueue<JsonNode>> commands = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> acks = new ConcurrentHashMap<>();

    private final List<java.util.function.Consumer<Item>> stored = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Hears each item the moment it is stored (the benchmarks time the box's events by it). */
    public void onStored(java.util.function.Consumer<Item> listener) {
        stored.add(listener);
    }

    /** Stores the items not seen before; returns which keys were new and which were duplicates. */
    public synchronized Map<String, List<String>> store(List<Item> batch) {
        List<String> accepted = new ArrayList<>();
        List<String> dup = new ArrayList<>();
        for (Item i : batch) {
            String k = i.box() + "|" + i.key();
            if (items.containsKey(k)) {
                duplicates.incrementAndGet();
                dup.add(i.key());
            } else {
                items.put(k, i);
                accepted.add(i.key());
                stored.forEach(l -> l.accept(i));
            }
        }
        return Map.of("accepted", accepted, "duplicates", dup);
    }

    public synchronized List<Item> items() {
        return new ArrayList<>(items.values());
    }

    public int duplicates() {
        return duplicates.get();
    }

    void heartbeat() {
        heartbeats.incrementAndGet();
    }

    void registered() {
        registrations.incrementAndGet();
    }

    public int heartbeats() {
        return heartbeats.get();
    }

    public int registrations() {
        return registrations.get();
    }

    public Command issue(String box, String type, JsonNode args) {
        Command c = new Command(UUID.randomUUID().toString(), box, type, args);
        queue(box).add(Json.MAPPER.valueToTree(c));
        return c;
    }

    /**
     * Delivers {@code command} exactly as given, however wrong (no id, an id with spaces, a huge body), as a
     * CRM gone wrong would: redelivered every 5 s until acknowledged by the text of its id.
     */
    public void issueRaw(String box, JsonNode command) {
        queue(box).add(command);
    }

    /** Delivers a command again, as a CRM that lost the box's acknowledgement would. */
    public void redeliver(Command c) {
        queue(c.box()).add(Json.MAPPER.valueToTree(c));
    }

    /** Waits up to {@code waitMillis} for commands for {@code box}; returns all that are waiting. */
    List<JsonNode> take(String box, long waitMillis) throws InterruptedException {
        BlockingQueue<JsonNode> q = queue(box);
        List<JsonNode> out = new ArrayList<>();
        JsonNode first = q.poll(waitMillis, TimeUnit.MILLISECONDS);
        if (first != null) {
            out.add(first);
            q.drainTo(out);
        }
        // Like a real CRM: a command not acknowledged within 5 s (the answer was lost) is delivered again.
        for (JsonNode c : out) {
            Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(5000);
                } catch (InterruptedException e) {
                    return;
                }
                if (!acks.containsKey(c.path("id").asText(""))) {
                    queue(box).add(c);
                }
            });
        }
        return out;
    }

    void ack(String id, JsonNode outcome) {
        acks.put(id, outcome);
    }

    public Map<String, JsonNode> acks() {
        return Map.copyOf(acks);
    }

    private BlockingQueue<JsonNode> queue(String box) {
        return commands.computeIfAbsent(box, b -> new LinkedBlockingQueue<>());
    }
}
