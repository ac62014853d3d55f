package io.branchline.box.line;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 外呼频繁预警: the warnings raised when a SIM goes over its call rate, kept for the API (the newest 200)
 * and logged. The CRM and the admin page read them from here later.
 */
public final class FrequentCallWarnings {
    private static final Logger log = LoggerFactory.getLogger(FrequentCallWarnings.class);
    private static final int KEEP = 200;

    /** One warning: which line and SIM, how many calls within how many minutes, and whether it blocked. */
    public record Warning(String at, String lineId, String simIccid, String simNumber, int calls, long minutes,
                          boolean blocked) {
    }

    /** The rule of one line: more than {@code calls} within {@code window}, and whether to block. */
    public record Rule(int calls, Duration window, boolean block) {
    }

    private final Deque<Warning> recent = new ArrayDeque<>();
    private final java.util.List<java.util.function.Consumer<Warning>> listeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Hears every warning (the CRM's outbox). */
    public void onRaise(java.util.function.Consumer<Warning> listener) {
        listeners.add(listener);
    }

    public void raise(Warning w) {
        remember(w);
        listeners.forEach(l -> l.accept(w));
    }

    private synchronized void remember(Warning w) {
        recent.addFirst(w);
        while (recent.size() > KEEP) {
            recent.removeLast();
        }
        log.warn("event=frequent-call-warning line={} iccid={} calls={} minutes={} blocked={}", w.lineId(),
                w.simIccid(), w.calls(), w.minutes(), w.blocked());
    }

    public synchronized List<Warning> recent() {
        return List.copyOf(recent);
    }
}
