package io.branchline.box.sms;

import io.branchline.box.guard.CallGuard;
import io.branchline.box.line.LineRegistry;
import io.branchline.box.number.PhoneNumber;
import io.branchline.box.store.StoredText;
import io.branchline.hw.modem.LineDownException;
import io.branchline.hw.modem.LineState;
import io.branchline.hw.line.Line;
import io.branchline.hw.modem.SmsSubmitter;
import io.branchline.hw.sms.StatusReport;
import io.branchline.hw.sms.SubmitPdu;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the box's text messages (短信): a request is checked (a phone number or a carrier's short service
 * number, never a service code; the text; the call guard, which refuses a blacklisted number here as for a
 * call), written as queued, and sent by one worker on the line asked for or, without one, the next line that
 * is up, in turn so that no SIM carries all of them. Each step is committed before the next (see
 * {@link SentMessages}); status reports move a message to delivered or failed; the CRM hears of each.
 */
public final class SmsSending implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SmsSending.class);
    /** Carriers' and banks' short numbers (10086, 95588): digits only, so no service code. */
    private static final Pattern SHORT_NUMBER = Pattern.compile("[0-9]{3,6}");
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,80}");
    /** How long a message waits for its line (or any line) to come up before it fails. */
    static final Duration WAIT_FOR_LINE = Duration.ofMinutes(10);
    /**
     * Queued rows read per pass: enough that messages waiting for a line that is down (at most 10 minutes)
     * do not hold back those behind them for a line that is up.
     */
    static final int QUEUED_READ = 500;

    private final SentMessages store;
    private final LineRegistry lines;
    private final CallGuard guard;
    private final Clock clock;
    private final Consumer<SentMessages.Message> changed;
    private final Semaphore wake = new Semaphore(0);
    private final AtomicInteger reference = new AtomicInteger(new java.util.Random().nextInt(256));
    private final AtomicInteger turn = new AtomicInteger();
    private final Thread worker;
    private volatile boolean closed;

    /** A request to send, as the API, the CLI or the CRM gives it; {@code line} and {@code requestId} may be null. */
    public record Request(String number, String text, String line, String requestId, boolean force, String source) {
    }

    public SmsSending(SentMessages store, LineRegistry lines, CallGuard guard, Clock clock,
                      Consumer<SentMessages.Message> changed) {
        this.store = store;
        this.lines = lines;
        this.guard = guard;
        this.clock = clock;
        this.changed = changed;
        int unknown = store.recover();
        if (unknown > 0) {
            log.warn("event=sms-unknown count={} note=\"the box stopped while it sent them; not sent again\"", unknown);
        }
        lines.all().forEach(l -> l.sms().onStatusReport(r -> reported(l, r)));
        this.worker = Thread.ofVirtual().name("sms sender").start(this::work);
    }

    /**
     * Checks and queues a message; throws IllegalArgumentException ("field: reason") for a bad request, and
     * {@link Refused} when the guard stops it. The same {@code requestId} again answers the first message.
     */
    public SentMessages.Message submit(Request r) {
        String requestId = r.requestId() == null || r.requestId().isEmpty() ? null : r.requestId();
        if (requestId != null && !REQUEST_ID.matcher(requestId).matches()) {
            throw new IllegalArgumentException("requestId: 1 to 80 of A-Z a-z 0-9 . _ : -");
        }
        Optional<SentMessages.Message> again = store.byRequest(requestId);
        if (again.isPresent()) {
            return again.get();
        }
        String number = number(r.number());
        String text = text(r.text());
        String line = r.line() == null ? "" : r.line();
        if (!line.isEmpty() && lines.line(line).isEmpty()) {
            throw new IllegalArgumentException("line: no line \"" + StoredText.printable(line) + "\"");
        }
        SubmitPdu.Plan plan = SubmitPdu.plan(text); // "text: …" for an empty or too long one
        guard.blacklist().find(number).ifPresent(e -> {
            throw new Refused("number: " + number + " is on the blacklist" + (e.reason().isEmpty() ? ""
                    : " (" + e.reason() + ")") + "; the box sends it nothing");
        });
        guard.check(number, r.force()).ifPresent(refusal -> {
            throw new Refused("number: " + refusal.message());
        });
        SentMessages.Message m = store.add(new SentMessages.NewMessage(requestId, line, number, text, plan.parts(),
                plan.ucs2() ? "ucs2" : "gsm7", r.source()));
        log.info("event=sms-queued id={} number={} parts={} line={}", m.id(), number, plan.parts(),
                line.isEmpty() ? "any" : line);
        changed.accept(m);
        wake.release();
        return m;
    }

    /**
     * The guard refused the number (blacklist, or a risk number without force): a request the CRM must not
     * send again as it is.
     */
    public static final class Refused extends IllegalArgumentException {
        Refused(String message) {
            super(message);
        }
    }

    static String number(String raw) {
        if (raw != null && SHORT_NUMBER.matcher(raw.strip()).matches()) {
            return raw.strip();
        }
        PhoneNumber n = PhoneNumber.parse("number", raw);
        if (!n.extension().isEmpty()) {
            throw new IllegalArgumentException("number: a text message cannot go to an extension");
        }
        return n.dialable();
    }

    /** Line breaks but no other control characters; empty and too long are SubmitPdu.plan's to refuse. */
    static String text(String raw) {
        for (int i = 0; raw != null && i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (Character.isISOControl(c) && c != '\n') {
                throw new IllegalArgumentException(String.format("text: holds control character 0x%02X at position"
                        + " %d (only line breaks may be sent)", (int) c, i + 1));
            }
        }
        return raw;
    }

    private void work() {
        boolean waiting = true; // the first pass looks at once for messages queued before a restart
        while (!closed) {
            try {
                // Woken by each submit; with messages waiting for a line it looks again every 2 s, otherwise
                // once a minute (an idle box asks SQLite nothing in between).
                wake.tryAcquire(waiting ? 2 : 60, TimeUnit.SECONDS);
                wake.drainPermits();
                // A burst (a CRM sending a hundred reminders) is sent back to back, QUEUED_READ rows at a time;
                // the loop stops when a batch left every row queued (no line up), to wait for one.
                boolean moved = true;
                waiting = false;
                while (moved && !closed) {
                    moved = false;
                    List<SentMessages.Message> queued = store.queued(QUEUED_READ);
                    for (SentMessages.Message m : queued) {
                        if (closed) {
                            return;
                        }
                        moved |= send(m);
                    }
                    waiting = !queued.isEmpty() && !moved;
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("event=sms-sender-failed", e);
            }
        }
    }

    /** Sends or ends one message; false when it stays queued (its line is not up). */
    private boolean send(SentMessages.Message m) {
        if (guard.blacklist().find(m.number()).isPresent()) { // blacklisted while it waited
            end(m, "blocked", m.number() + " is on the blacklist; the box does not send to it");
            return true;
        }
        Optional<Line> line = choose(m.lineId());
        if (line.isEmpty()) {
            if (Instant.parse(m.createdAt()).plus(WAIT_FOR_LINE).isBefore(clock.instant())) {
                end(m, "failed", m.lineId().isEmpty() ? "no line was up for " + WAIT_FOR_LINE.toMinutes() + " minutes"
                        : "line " + m.lineId() + " was not up for " + WAIT_FOR_LINE.toMinutes() + " minutes");
                return true;
            }
            return false; // stays queued: tried again when a line comes up
        }
        Line l = line.get();
        store.sending(m.id(), l.id());
        try {
            List<Integer> refs = l.sendSms(m.number(), m.text(), reference.getAndIncrement() & 0xff);
            store.sent(m.id(), l.id(), refs, l.sms().statusReports());
            log.info("event=sms-sent id={} line={} parts={} references={}", m.id(), l.id(), refs.size(), refs);
            store.find(m.id()).ifPresent(changed);
        } catch (SmsSubmitter.NotSent e) {
            String how = e.references().isEmpty() ? "" : e.references().size() + " of " + m.parts() + " parts went; ";
            end(m, e.unknown() ? "unknown" : "failed", how + e.getMessage() + (e.unknown() ? " (not sent again)" : ""));
        } catch (LineDownException e) {
            // thrown before the first part goes (a part the line may have taken ends as NotSent): queued again
            store.requeue(m.id(), m.lineId());
            log.info("event=sms-requeued id={} line={} why=\"{}\"", m.id(), l.id(), e.getMessage());
            return false;
        } catch (IllegalArgumentException e) {
            end(m, "failed", "line " + l.id() + " cannot send it: " + e.getMessage());
        }
        return true;
    }

    private void end(SentMessages.Message m, String state, String detail) {
        store.ended(m.id(), state, detail);
        log.warn("event=sms-{} id={} detail=\"{}\"", state, m.id(), StoredText.printable(detail));
        store.find(m.id()).ifPresent(changed);
    }

    /** The line asked for when it is up; otherwise the next line that is up, in turn. */
    private Optional<Line> choose(String asked) {
        if (!asked.isEmpty()) {
            return lines.line(asked).filter(SmsSending::up);
        }
        List<Line> up = lines.all().stream().filter(SmsSending::up).toList();
        return up.isEmpty() ? Optional.empty() : Optional.of(up.get(Math.floorMod(turn.getAndIncrement(), up.size())));
    }

    private static boolean up(Line l) {
        return l.snapshot().status().state() == LineState.UP && l.linked();
    }

    private void reported(Line line, StatusReport r) {
        store.reported(line.id(), r.reference(), r.status(), r.delivered(), r.failed()).ifPresent(m -> {
            log.info("event=sms-{} id={} line={}", m.state(), m.id(), line.id());
            changed.accept(m);
        });
    }

    @Override
    public void close() {
        closed = true;
        worker.interrupt();
    }
}
