package io.branchline.box.ivr;

import io.branchline.box.store.Database;
import io.branchline.box.store.SavedSettings;
import io.branchline.box.web.Json;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The switchboard's setup as one: its menus, its queues and the office hours, each checked against the
 * others (a key to a queue that is there, an overflow to a menu that is there, neither deleted while the
 * other points to it). What a call starts with is taken whole at its start ({@link #now}): an edit never
 * changes a call in progress.
 */
public final class Switchboard {
    private static final String HOURS = "switchboard-hours";

    /** The menus and queues of one moment, and whether the office was open then. */
    public record Setup(Map<String, Menu> menus, Map<String, Queue> queues, boolean open, String closedMenu) {
        /** The menu a line's callers start in: its own while open, the closed menu while closed. */
        public String firstMenu(String linesMenu) {
            return open || closedMenu.isEmpty() ? linesMenu : closedMenu;
        }
    }

    private final Menus menus;
    private final Queues queues;
    private final SavedSettings settings;
    private final Clock clock;
    private volatile java.util.function.Function<String, Optional<String>> lineRunning = id -> Optional.empty();

    public Switchboard(Database db, SavedSettings settings, Clock clock, Predicate<String> promptExists,
                       Predicate<String> agentExists) {
        this.settings = settings;
        this.clock = clock;
        Destinations destinations = new Destinations(promptExists, agentExists);
        this.menus = new Menus(db, clock, destinations, this::queueExists, this::queueOverflowingTo);
        this.queues = new Queues(settings, destinations, id -> menus.exists(id), this::menuUsing);
    }

    /** Which line runs a menu (its inbound rule): such a menu is not deleted. */
    public void linesFrom(java.util.function.Function<String, Optional<String>> lineRunning) {
        this.lineRunning = lineRunning;
    }

    public Menus menus() {
        return menus;
    }

    public Queues queues() {
        return queues;
    }

    public OfficeHours hours() {
        return settings.find(HOURS).map(s -> {
            try {
                return Json.MAPPER.treeToValue(s.value(), OfficeHours.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("the stored office hours are not what the box keeps", e);
            }
        }).orElse(OfficeHours.ALWAYS);
    }

    public Optional<SavedSettings.Saved> savedHours() {
        return settings.find(HOURS);
    }

    public synchronized SavedSettings.Saved saveHours(OfficeHours h, String by) {
        h.check(menus::exists);
        try {
            return settings.save(HOURS, h, by);
        } catch (IllegalArgumentException e) {
            throw MenuException.invalid("body", e.getMessage());
        }
    }

    /** Whether the office answers now (always, while the office hours are switched off). */
    public boolean openNow() {
        return hours().open(ZonedDateTime.now(clock));
    }

    /** Everything a call that starts now follows. */
    public Setup now() {
        Map<String, Menu> m = new HashMap<>();
        menus.list().forEach(s -> m.put(s.menu().id(), s.menu()));
        OfficeHours h = hours();
        return new Setup(m, queues.byId(), h.open(ZonedDateTime.now(clock)), h.enabled() ? h.closedMenu() : "");
    }

    /** What plays prompt {@code id}: a menu (its prompt, retry prompts, a message key), a queue's hold audio. */
    public Optional<String> promptUser(String id) {
        for (Menus.Saved s : menus.list()) {
            Menu m = s.menu();
            if (java.util.stream.Stream.of(m.prompt(), m.timeoutPrompt(), m.invalidPrompt()).anyMatch(id::equals)
                    || m.keys().values().stream().anyMatch(d -> message(d, id)) || message(m.fallback(), id)) {
                return Optional.of("switchboard menu " + m.id());
            }
        }
        return queues.byId().values().stream().filter(q -> q.holdPrompt().equals(id) || message(q.overflow(), id))
                .map(q -> "switchboard queue " + q.id()).findFirst();
    }

    private static boolean message(Menu.Destination d, String promptId) {
        return d != null && d.type().equals("message") && d.target().equals(promptId);
    }

    private boolean queueExists(String id) {
        return queues.exists(id);
    }

    private Optional<String> menuUsing(String queueId) {
        return menus.using(queueId);
    }

    /** Who points at menu {@code id} from outside the menus: a queue's overflow, a line, the office hours. */
    private Optional<String> queueOverflowingTo(String menuId) {
        Optional<String> q = queues.overflowingTo(menuId);
        if (q.isPresent()) {
            return q;
        }
        Optional<String> line = lineRunning.apply(menuId);
        if (line.isPresent()) {
            return Optional.of("line " + line.get() + " answers its callers with it (its inbound rule)");
        }
        return hours().closedMenu().equals(menuId) && !menuId.isEmpty() ? Optional.of("the office hours play it while"
                + " closed") : Optional.empty();
    }
}
