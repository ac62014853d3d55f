package io.branchline.box.ivr;

import static io.branchline.box.store.schema.Tables.IVR_MENU;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.branchline.box.store.Database;
import io.branchline.box.store.StoredText;
import io.branchline.box.store.TimeText;
import io.branchline.box.web.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The switchboard's menus, kept in SQLite and checked as a whole before one is saved: a menu with no
 * prompt, a key that is not 0-9 * #, a destination that is not there (menu, agent, prompt), a fallback
 * back into the same menu, or menus a caller could never leave (every way out leads to another menu of a
 * loop) are refused with the reason and the key that is wrong. A menu another points to is not deleted.
 */
public final class Menus {
    public static final int MAX_MENUS = 50;
    static final int MAX_BODY = 8000;
    private static final List<String> KINDS = List.of("menu", "agent", "distribute", "extension", "queue", "repeat",
            "message", "hangup");

    /** A menu as kept, and who saved it when. */
    public record Saved(Menu menu, String changedBy, String changedAt) {
    }

    private final Database db;
    private final Clock clock;
    private final Destinations destinations;
    private final Predicate<String> queueExists;
    /** Who else sends callers to a menu (a queue's overflow), when anyone does. */
    private final java.util.function.Function<String, Optional<String>> queueUsing;

    Menus(Database db, Clock clock, Destinations destinations, Predicate<String> queueExists,
          java.util.function.Function<String, Optional<String>> queueUsing) {
        this.db = db;
        this.clock = clock;
        this.destinations = destinations;
        this.queueExists = queueExists;
        this.queueUsing = queueUsing;
    }

    public boolean exists(String id) {
        return db.with(dsl -> dsl.fetchExists(IVR_MENU, IVR_MENU.ID.eq(id)));
    }

    /** The first menu that sends callers to queue {@code id} (a key or its fallback), when one does. */
    Optional<String> using(String queueId) {
        for (Saved s : list()) {
            for (Map.Entry<String, Menu.Destination> k : ways(s.menu()).entrySet()) {
                if (k.getValue().queue().filter(queueId::equals).isPresent()) {
                    return Optional.of("menu " + s.menu().id() + " (its " + k.getKey() + ")");
                }
            }
        }
        return Optional.empty();
    }

    public List<Saved> list() {
        return db.with(dsl -> dsl.selectFrom(IVR_MENU).orderBy(IVR_MENU.ID).fetch(r -> new Saved(read(r.getBody()),
                r.getChangedBy(), r.getChangedAt())));
    }

    public Optional<Saved> find(String id) {
        return list().stream().filter(s -> s.menu().id().equals(id)).findFirst();
    }

    /** Saves {@code m} (new, or in place of the menu of its id) once the menus with it pass every check. */
    public synchronized Saved save(Menu m, String by) {
        Map<String, Menu> after = new LinkedHashMap<>();
        list().forEach(s -> after.put(s.menu().id(), s.menu()));
        if (!after.containsKey(m.id()) && after.size() >= MAX_MENUS) {
            throw MenuException.invalid("id", "the switchboard has " + MAX_MENUS + " menus already");
        }
        after.put(m.id(), m);
        check(m, after);
        String body;
        try {
            body = Json.MAPPER.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (body.length() > MAX_BODY) {
            throw MenuException.invalid("body", "the menu takes " + body.length() + " characters; at most " + MAX_BODY);
        }
        String at = TimeText.of(clock.instant());
        db.with(dsl -> dsl.insertInto(IVR_MENU).set(IVR_MENU.ID, m.id()).set(IVR_MENU.BODY, body)
                .set(IVR_MENU.CHANGED_BY, by).set(IVR_MENU.CHANGED_AT, at).onConflict(IVR_MENU.ID).doUpdate()
                .set(IVR_MENU.BODY, body).set(IVR_MENU.CHANGED_BY, by).set(IVR_MENU.CHANGED_AT, at).execute());
        return new Saved(m, by, at);
    }

    /** Deletes a menu no other menu points to. */
    public synchronized void delete(String id) {
        List<Saved> all = list();
        if (all.stream().noneMatch(s -> s.menu().id().equals(id))) {
            throw MenuException.missing("no menu \"" + StoredText.printable(id) + "\"");
        }
        for (Saved s : all) {
            if (s.menu().id().equals(id)) {
                continue;
            }
            for (Map.Entry<String, Menu.Destination> k : ways(s.menu()).entrySet()) {
                if (k.getValue().menu().filter(id::equals).isPresent()) {
                    throw MenuException.invalid("id", "menu " + s.menu().id() + " sends its " + k.getKey() + " here;"
                            + " change that first");
                }
            }
        }
        Optional<String> queue = queueUsing.apply(id);
        if (queue.isPresent()) {
            throw MenuException.invalid("id", queue.get() + "; change that first");
        }
        db.with(dsl -> dsl.deleteFrom(IVR_MENU).where(IVR_MENU.ID.eq(id)).execute());
    }

    private void check(Menu m, Map<String, Menu> all) {
        if (m.id() == null || !m.id().matches("[a-z0-9-]{1,32}")) {
            throw MenuException.invalid("id", "1 to 32 of a-z, 0-9 and -");
        }
        if (m.name().length() > 64 || !StoredText.printable(m.name()).equals(m.name())) {
            throw MenuException.invalid("name", "up to 64 characters, no control characters");
        }
        destinations.prompt("prompt", m.prompt(), true);
        destinations.prompt("timeoutPrompt", m.timeoutPrompt(), false);
        destinations.prompt("invalidPrompt", m.invalidPrompt(), false);
        if (m.timeout() < 1 || m.timeout() > 60) {
            throw MenuException.invalid("timeout", "1 to 60 seconds");
        }
        if (m.retries() < 0 || m.retries() > 5) {
            throw MenuException.invalid("retries", "0 to 5");
        }
        if (m.keys().size() > Menu.MAX_KEYS) {
            throw MenuException.invalid("keys", "at most " + Menu.MAX_KEYS + " keys (0-9, * and #)");
        }
        for (Map.Entry<String, Menu.Destination> k : m.keys().entrySet()) {
            String key = k.getKey();
            if (!key.matches("[0-9*#]")) {
                throw MenuException.invalid("keys." + StoredText.printable(key.length() > 8 ? key.substring(0, 8) : key),
                        "a key is one of 0-9, * and #");
            }
            destinations.check("keys." + key, k.getValue(), KINDS, all::containsKey, queueExists);
        }
        if (m.fallback() == null) {
            throw MenuException.invalid("fallback", "say where a caller goes who pressed no key, or only wrong ones");
        }
        destinations.check("fallback", m.fallback(), KINDS, all::containsKey, queueExists);
        if (m.fallback().type().equals("repeat") || m.fallback().menu().filter(m.id()::equals).isPresent()) {
            throw MenuException.invalid("fallback", "must lead out of this menu: after its retries a caller would"
                    + " hear it for ever");
        }
        List<String> loop = stuck(m.id(), all);
        if (!loop.isEmpty()) {
            throw MenuException.invalid("keys", "a caller could never leave the menus " + String.join(" → ", loop)
                    + ": give one of them a key or fallback to an agent, the agents, dial-by-extension, a message or"
                    + " hang-up");
        }
    }

    /**
     * The menus reachable from {@code start} when none of them has a way out (a key or fallback that leaves
     * the menus), in the order met; empty when a caller can get out.
     */
    private static List<String> stuck(String start, Map<String, Menu> all) {
        List<String> seen = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        List<String> todo = new ArrayList<>(List.of(start));
        while (!todo.isEmpty()) {
            String id = todo.remove(0);
            if (!visited.add(id)) {
                continue;
            }
            seen.add(id);
            Menu m = all.get(id);
            for (Menu.Destination d : ways(m).values()) {
                if (d.leaves()) {
                    return List.of();
                }
                d.menu().ifPresent(todo::add);
            }
        }
        seen.add(start);
        return seen;
    }

    /** Every way out of a menu: its keys, then its fallback. */
    private static Map<String, Menu.Destination> ways(Menu m) {
        Map<String, Menu.Destination> out = new LinkedHashMap<>();
        m.keys().forEach((k, d) -> out.put("key " + k, d));
        if (m.fallback() != null) {
            out.put("fallback", m.fallback());
        }
        return out;
    }

    private static Menu read(String body) {
        try {
            return Json.MAPPER.readValue(body, Menu.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored menu is not JSON", e);
        }
    }
}
