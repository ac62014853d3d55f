package io.branchline.box.ivr;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.branchline.box.store.SavedSettings;
import io.branchline.box.store.StoredText;
import io.branchline.box.web.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The switchboard's queues, kept with the saved settings (one {@code queue:ID} each) and checked before one
 * is saved: a strategy the box knows, agents that are there, bounded times, a hold prompt that is there, and
 * an overflow that leads somewhere, never round the queues for ever. A queue a menu or another queue sends
 * callers to is not deleted.
 */
public final class Queues {
    public static final int MAX_QUEUES = 20;
    private static final String SCOPE = "queue:";
    private static final List<String> OVERFLOW = List.of("queue", "menu", "agent", "distribute", "message", "hangup");

    /** A queue as kept, and who saved it when. */
    public record Saved(Queue queue, String changedBy, String changedAt) {
    }

    private final SavedSettings settings;
    private final Destinations destinations;
    private final Predicate<String> menuExists;
    /** Who sends callers to a queue (a menu's key), when anyone does. */
    private final Function<String, Optional<String>> menuUsing;

    Queues(SavedSettings settings, Destinations destinations, Predicate<String> menuExists,
           Function<String, Optional<String>> menuUsing) {
        this.settings = settings;
        this.destinations = destinations;
        this.menuExists = menuExists;
        this.menuUsing = menuUsing;
    }

    public List<Saved> list() {
        List<Saved> out = new ArrayList<>();
        settings.list(SCOPE).forEach((scope, s) -> out.add(new Saved(read(s.value()), s.changedBy(), s.changedAt())));
        return out;
    }

    public Map<String, Queue> byId() {
        Map<String, Queue> out = new LinkedHashMap<>();
        list().forEach(s -> out.put(s.queue().id(), s.queue()));
        return out;
    }

    public Optional<Saved> find(String id) {
        return list().stream().filter(s -> s.queue().id().equals(id)).findFirst();
    }

    public boolean exists(String id) {
        return settings.find(SCOPE + id).isPresent();
    }

    /** Saves {@code q} (new, or in place of the queue of its id) once it passes every check. */
    public synchronized Saved save(Queue q, String by) {
        Map<String, Queue> after = byId();
        if (!after.containsKey(q.id()) && after.size() >= MAX_QUEUES) {
            throw MenuException.invalid("id", "the switchboard has " + MAX_QUEUES + " queues already");
        }
        after.put(q.id(), q);
        check(q, after);
        try {
            SavedSettings.Saved s = settings.save(SCOPE + q.id(), q, by);
            return new Saved(q, s.changedBy(), s.changedAt());
        } catch (IllegalArgumentException e) {
            throw MenuException.invalid("body", e.getMessage());
        }
    }

    /** Deletes a queue that no menu and no other queue sends callers to. */
    public synchronized void delete(String id) {
        Map<String, Queue> all = byId();
        if (!all.containsKey(id)) {
            throw MenuException.missing("no queue \"" + StoredText.printable(id) + "\"");
        }
        Optional<String> menu = menuUsing.apply(id);
        if (menu.isPresent()) {
            throw MenuException.invalid("id", menu.get() + " sends callers here; change that first");
        }
        for (Queue other : all.values()) {
            if (!other.id().equals(id) && other.overflow().queue().filter(id::equals).isPresent()) {
                throw MenuException.invalid("id", "queue " + other.id() + " overflows here; change that first");
            }
        }
        settings.remove(SCOPE + id);
    }

    /** The queue whose overflow leads to menu {@code id}, when one does. */
    Optional<String> overflowingTo(String menuId) {
        return byId().values().stream().filter(q -> q.overflow().menu().filter(menuId::equals).isPresent())
                .map(q -> "queue " + q.id() + " overflows here").findFirst();
    }

    private void check(Queue q, Map<String, Queue> all) {
        if (q.id() == null || !q.id().matches("[a-z0-9-]{1,32}")) {
            throw MenuException.invalid("id", "1 to 32 of a-z, 0-9 and -");
        }
        if (q.name().length() > 64 || !StoredText.printable(q.name()).equals(q.name())) {
            throw MenuException.invalid("name", "up to 64 characters, no control characters");
        }
        if (!Queue.STRATEGIES.contains(q.strategy())) {
            throw MenuException.invalid("strategy", "one of " + String.join(", ", Queue.STRATEGIES));
        }
        if (q.agents().size() > Queue.MAX_AGENTS) {
            throw MenuException.invalid("agents", "at most " + Queue.MAX_AGENTS + " agents");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < q.agents().size(); i++) {
            String a = q.agents().get(i);
            if (a == null || !destinations.agentExists(a)) {
                throw MenuException.invalid("agents." + i, "no agent \"" + StoredText.printable(String.valueOf(a)) + "\"");
            }
            if (!seen.add(a)) {
                throw MenuException.invalid("agents." + i, "agent " + a + " is in the list twice");
            }
        }
        between("ringSeconds", q.ringSeconds(), 5, 120);
        between("maxWaitSeconds", q.maxWaitSeconds(), 10, 3600);
        if (q.announceEvery() != 0) {
            between("announceEvery", q.announceEvery(), 15, 600);
        }
        destinations.prompt("holdPrompt", q.holdPrompt(), false);
        destinations.check("overflow", q.overflow(), OVERFLOW, menuExists, all::containsKey);
        if (q.overflow().queue().filter(q.id()::equals).isPresent()) {
            throw MenuException.invalid("overflow", "must lead out of this queue: its callers would wait for ever");
        }
        List<String> round = new ArrayList<>(List.of(q.id()));
        for (Queue at = q; at.overflow().queue().isPresent(); ) {
            at = all.get(at.overflow().queue().get());
            round.add(at.id());
            if (at.id().equals(q.id())) {
                throw MenuException.invalid("overflow", "callers would wait for ever in the queues "
                        + String.join(" → ", round) + ": let one of them overflow elsewhere");
            }
            if (round.size() > all.size() + 1) {
                break; // a loop that does not pass through this queue was refused when it was saved
            }
        }
    }

    private static void between(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw MenuException.invalid(field, min + " to " + max);
        }
    }

    private static Queue read(com.fasterxml.jackson.databind.JsonNode body) {
        try {
            return Json.MAPPER.treeToValue(body, Queue.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored queue is not what the box keeps", e);
        }
    }
}
