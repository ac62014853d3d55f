package io.branchline.box.health;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health loop behind systemd's {@code WatchdogSec}: a few times per watchdog period it asks the box's
 * liveness and pings ({@code WATCHDOG=1}) only while every loop turns, so that a hung modem loop, media clock
 * or database makes systemd kill and restart the box; {@code STATUS=} says each time what the box is doing, or
 * what is wrong. Without a watchdog it still keeps {@code STATUS=} current.
 */
public final class Watchdog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Watchdog.class);
    /** STATUS= refresh when systemd asks for no watchdog. */
    private static final Duration STATUS_EVERY = Duration.ofSeconds(15);

    private final Supplier<List<BoxHealth.Check>> liveness;
    private final Supplier<String> status;
    private final SdNotify notify;
    private final Duration every;
    private volatile boolean closed;
    private volatile boolean wasHealthy = true;
    private Thread thread;

    /** @param status one line on what the box does now (lines up, calls, sync backlog) */
    public Watchdog(Supplier<List<BoxHealth.Check>> liveness, Supplier<String> status, SdNotify notify) {
        this.liveness = liveness;
        this.status = status;
        this.notify = notify;
        // systemd's advice: ping at half the period at least; a third leaves room for one slow check.
        this.every = notify.watchdogInterval().map(d -> d.dividedBy(3)).filter(d -> !d.isZero()).orElse(STATUS_EVERY);
    }

    /** Starts the loop (a no-op without a service manager listening). */
    public Watchdog start() {
        if (notify.enabled()) {
            thread = Thread.ofPlatform().daemon().name("watchdog").start(this::run);
        }
        return this;
    }

    private void run() {
        while (!closed) {
            check();
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One turn: ping while healthy, else say why and let the watchdog run out. Returns whether it pinged. */
    boolean check() {
        List<BoxHealth.Check> checks;
        try {
            checks = liveness.get();
        } catch (RuntimeException e) {
            checks = List.of(new BoxHealth.Check("health", false, "the check itself failed: " + e.getMessage(),
                    java.util.Map.of()));
        }
        boolean healthy = BoxHealth.allUp(checks);
        if (healthy) {
            if (!wasHealthy) {
                log.info("event=healthy-again");
            }
            wasHealthy = true;
            if (notify.watchdogInterval().isPresent()) {
                notify.watchdogPing(status.get());
            } else {
                notify.status(status.get());
            }
            return notify.watchdogInterval().isPresent();
        }
        String why = BoxHealth.reasons(checks);
        if (wasHealthy) {
            log.error("event=unhealthy reasons=\"{}\" note=\"watchdog pings stop: systemd restarts the box unless"
                    + " it recovers\"", why);
        }
        wasHealthy = false;
        notify.status("unhealthy: " + why);
        return false;
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
