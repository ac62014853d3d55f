package io.branchline.box.sync;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The private server first, the public one as fallback (the seed manual's 云服务器设置): after
 * {@code failures} failed requests within {@code window} the box switches to the public server and says so;
 * an admin can switch by hand; at the return hour (03:00 by default) the box goes back to the private
 * server if it answers.
 */
public final class CrmEndpoints {
    private static final Logger log = LoggerFactory.getLogger(CrmEndpoints.class);

    /** One server: "private" or "public", and its base URL. */
    public record Endpoint(String name, URI base) {
    }

    private final List<Endpoint> all;
    private final int failures;
    private final Duration window;
    private final int returnHour;
    private final Clock clock;
    private final Deque<Instant> recentFailures = new ArrayDeque<>();
    private volatile Endpoint current;
    private volatile String lastSwitch = "";
    private LocalDate lastReturnCheck;
    private final List<Runnable> switchListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public CrmEndpoints(List<Endpoint> endpoints, int failures, Duration window, int returnHour, Clock clock) {
        this.all = List.copyOf(endpoints);
        this.failures = failures;
        this.window = window;
        this.returnHour = returnHour;
        this.clock = clock;
        this.current = all.get(0);
    }

    /** Runs after every switch (the command poll moves its waiting request to the new server). */
    public void onSwitch(Runnable listener) {
        switchListeners.add(listener);
    }

    public Endpoint current() {
        return current;
    }

    public String lastSwitch() {
        return lastSwitch;
    }

    public synchronized void success() {
        recentFailures.clear();
    }

    /** A failed request; returns the endpoint switched to when this one failed too often. */
    public synchronized Optional<Endpoint> failure() {
        Instant now = clock.instant();
        recentFailures.addLast(now);
        while (!recentFailures.isEmpty() && recentFailures.peekFirst().isBefore(now.minus(window))) {
            recentFailures.removeFirst();
        }
        if (recentFailures.size() < failures || all.size() < 2 || !current.name().equals("private")) {
            return Optional.empty();
        }
        return Optional.of(switchTo(byName("public").orElseThrow(), recentFailures.size() + " failures within "
                + window.toSeconds() + " s"));
    }

    /** An admin's choice (branchline sync use private|public); empty when there is no such endpoint. */
    public synchronized Optional<Endpoint> use(String name) {
        Optional<Endpoint> e = byName(name).map(x -> switchTo(x, "switched by hand"));
        ZonedDateTime now = ZonedDateTime.now(clock);
        if (e.isPresent() && now.getHour() == returnHour) {
            // Chosen by hand during the return hour: that is this morning's decision, not undone a moment later.
            lastReturnCheck = now.toLocalDate();
        }
        return e;
    }

    /**
     * Once a day at the return hour: back to the private server if {@code answers} says it is healthy.
     * Returns true when it switched back.
     */
    public synchronized boolean maybeReturn(java.util.function.Predicate<Endpoint> answers) {
        ZonedDateTime now = ZonedDateTime.now(clock);
        if (current.name().equals("private") || now.getHour() != returnHour || now.toLocalDate().equals(
                lastReturnCheck)) {
            return false;
        }
        lastReturnCheck = now.toLocalDate();
        Optional<Endpoint> priv = byName("private");
        if (priv.isPresent() && answers.test(priv.get())) {
            switchTo(priv.get(), "back to the private server at " + returnHour + ":00");
            return true;
        }
        return false;
    }

    private Optional<Endpoint> byName(String name) {
        return all.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    private Endpoint switchTo(Endpoint e, String why) {
        if (!e.equals(current)) {
            log.warn("event=crm-endpoint-switch from={} to={} url={} reason=\"{}\"", current.name(), e.name(), e.base(),
                    why);
        }
        boolean changed = !e.equals(current);
        current = e;
        recentFailures.clear();
        lastSwitch = io.branchline.box.store.TimeText.of(clock.instant()) + " " + e.name() + ": " + why;
        if (changed) {
            switchListeners.forEach(Runnable::run);
        }
        return e;
    }
}
