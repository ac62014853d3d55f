package io.branchline.hw.at;

import io.branchline.hw.serial.SecretMask;
import io.branchline.hw.serial.SerialLink;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Talks AT over one serial link: one command at a time, each with its own timeout, URCs dispatched to
 * listeners wherever they fall in the byte stream. One thread reads the port; callers either wait
 * ({@link #execute}) or take a future ({@link #submit}).
 *
 * <p>A timeout fails that command only and is counted; what to do after several (ping, restart, reopen)
 * is the modem driver's call, and no command is ever sent twice by the engine.
 */
public final class AtEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AtEngine.class);
    /** How long the port must be quiet before an unterminated line counts as complete. */
    static final int QUIET_MILLIS = 30;
    /**
     * How long a read waits while no command runs and no line is half read. Nothing needs the reader then but
     * bytes, which end the read at once; a short wait would wake eight readers 33 times a second for nothing
     * (most of an idle box's CPU). The cost: a command submitted during such a read to a modem that never
     * answers is timed out up to this much late.
     */
    static final int IDLE_MILLIS = 500;
    private static final java.util.concurrent.atomic.AtomicInteger LIVE_READERS =
            new java.util.concurrent.atomic.AtomicInteger();

    private final SerialLink link;
    private final Clock clock;
    private final AtDecoder decoder = new AtDecoder();
    private final List<Consumer<Urc>> urcListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> linkLostListeners = new CopyOnWriteArrayList<>();
    private final Deque<Pending> queue = new ArrayDeque<>();
    private final Object lock = new Object();
    private final Thread reader;
    private Pending current;
    private volatile int consecutiveTimeouts;
    private volatile boolean closed;
    private volatile boolean linkLost;

    private static final class Pending {
        final AtCommand command;
        final CompletableFuture<AtResponse> future = new CompletableFuture<>();
        final List<String> lines = new ArrayList<>();
        final List<String> attachedErrors = new ArrayList<>();
        long deadlineMillis;

        Pending(AtCommand command) {
            this.command = command;
        }
    }

    /**
     * The reader checks the running command's deadline against {@code clock} each time a read returns (at
     * least every {@value #QUIET_MILLIS} ms while a command runs), so a timeout costs no timer thread and no
     * extra wake-up per command; with a test's manual clock, moving the clock is what times a command out.
     */
    public AtEngine(SerialLink link, Clock clock) {
        this.link = link;
        this.clock = clock;
        // A platform thread, not a virtual one: jSerialComm reads in native code, which would pin a carrier
        // thread for the whole read and, with one reader per modem on a 2-core box, starve every other task.
        this.reader = Thread.ofPlatform().daemon().name("at-reader " + link.name()).start(this::readLoop);
    }

    public String port() {
        return link.name();
    }

    public void onUrc(Consumer<Urc> listener) {
        urcListeners.add(listener);
    }

    public void onLinkLost(Runnable listener) {
        linkLostListeners.add(listener);
    }

    /** Timeouts in a row, reset by any answered command. */
    public int consecutiveTimeouts() {
        return consecutiveTimeouts;
    }

    public boolean isAlive() {
        return !closed && !linkLost;
    }

    /** Queues a command; the future completes with its answer, or with an {@link AtException}. */
    public CompletableFuture<AtResponse> submit(AtCommand command) {
        Pending p = new Pending(command);
        synchronized (lock) {
            if (closed || linkLost) {
                p.future.completeExceptionally(new AtException.LinkLost(link.name(), "before " + SecretMask.redact(command.text())));
                return p.future;
            }
            queue.addLast(p);
            if (current == null) {
                startNext();
            }
        }
        return p.future;
    }

    /** Sends a command and waits for its answer, whatever the final result was. */
    public AtResponse execute(AtCommand command) {
        try {
            CompletableFuture<AtResponse> answer = submit(command);
            awaitBriefly(answer);
            return answer.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof AtException at) {
                throw at;
            }
            throw new AtException(link.name() + ": " + SecretMask.redact(command.text()) + " failed", e.getCause());
        }
    }

    /**
     * Spins for at most {@value #SPIN_NANOS} ns before parking: an answer that comes back that soon (a modem
     * over USB answers simple queries in a fraction of a millisecond) is then taken without the wake-up of a
     * parked thread, which costs as much as the round trip itself. A slower answer costs this bounded spin
     * once per command, never a core.
     */
    private static void awaitBriefly(CompletableFuture<?> answer) {
        long until = System.nanoTime() + SPIN_NANOS;
        while (!answer.isDone() && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    static final long SPIN_NANOS = 150_000;

    /** Sends a command and returns its information lines, throwing if the modem answered an error. */
    public List<String> executeOk(AtCommand command) {
        return execute(command).requireOk(link.name());
    }

    // Called with the lock held.
    private void startNext() {
        current = queue.pollFirst();
        if (current == null) {
            decoder.expect(null);
            return;
        }
        Pending p = current;
        decoder.expect(p.command);
        p.deadlineMillis = clock.millis() + p.command.timeout().toMillis();
        try {
            link.write(p.command.wireBytes());
        } catch (RuntimeException e) {
            failAll(new AtException.LinkLost(link.name(), "writing " + SecretMask.redact(p.command.text())));
        }
    }

    // Called with the lock held, after every read.
    private void checkDeadline() {
        Pending p = current;
        if (p == null || clock.millis() < p.deadlineMillis) {
            return;
        }
        consecutiveTimeouts++;
        log.warn("port={} event=timeout command=\"{}\" consecutive={}", link.name(),
                SecretMask.redact(p.command.text()),
                consecutiveTimeouts);
        p.future.completeExceptionally(new AtException.Timeout(link.name(), p.command));
        startNext();
    }

    /** Reader threads running in this JVM: a leak check for tests and the health endpoint. */
    public static int liveReaders() {
        return LIVE_READERS.get();
    }

    private void readLoop() {
        LIVE_READERS.incrementAndGet();
        try {
            readUntilClosed();
        } finally {
            LIVE_READERS.decrementAndGet();
        }
    }

    private void readUntilClosed() {
        byte[] buf = new byte[4096];
        while (!closed) {
            int n;
            try {
                n = link.read(buf, readTimeout());
            } catch (RuntimeException e) {
                n = -1;
            }
            if (n < 0) {
                if (!closed) {
                    onLinkLost();
                }
                return;
            }
            List<AtEvent> events;
            synchronized (lock) {
                events = n > 0 ? decoder.feed(buf, n) : decoder.hasPartialLine() ? decoder.flush() : List.of();
                for (AtEvent e : events) {
                    handleLocked(e);
                }
                checkDeadline();
            }
            for (AtEvent e : events) {
                if (e instanceof AtEvent.Unsolicited u) {
                    dispatch(u);
                }
            }
        }
    }

    private int readTimeout() {
        synchronized (lock) {
            return current != null || decoder.hasPartialLine() ? QUIET_MILLIS : IDLE_MILLIS;
        }
    }

    private void handleLocked(AtEvent e) {
        switch (e) {
            case AtEvent.Info info -> {
                if (current != null) {
                    current.lines.add(info.line());
                    if (!info.attachedError().isEmpty()) {
                        current.attachedErrors.add(info.attachedError());
                    }
                }
            }
            case AtEvent.Final fin -> complete(fin.result());
            case AtEvent.Stray stray -> log.info("port={} event=stray-final line=\"{}\"", link.name(), stray.line());
            case AtEvent.Echo echo -> { }
            case AtEvent.Unsolicited u -> { }
        }
    }

    private void complete(FinalResult result) {
        Pending p = current;
        if (p == null) {
            return;
        }
        if (result.type() == FinalResult.Type.PROMPT && p.command.body().isPresent()) {
            // Stay on this command: after the body the modem sends the real final result.
            decoder.expect(p.command);
            link.write(p.command.body().get());
            return;
        }
        consecutiveTimeouts = 0;
        p.future.complete(new AtResponse(p.command, List.copyOf(p.lines), result, List.copyOf(p.attachedErrors)));
        startNext();
    }

    private void dispatch(AtEvent.Unsolicited u) {
        if (!u.known()) {
            log.info("port={} event=unknown-urc line=\"{}\"", link.name(), u.urc());
        }
        for (Consumer<Urc> l : urcListeners) {
            try {
                l.accept(u.urc());
            } catch (RuntimeException ex) {
                log.error("port={} event=urc-listener-failed urc=\"{}\"", link.name(), u.urc(), ex);
            }
        }
    }

    private void onLinkLost() {
        synchronized (lock) {
            linkLost = true;
            failAll(new AtException.LinkLost(link.name(), "(device vanished)"));
        }
        log.warn("port={} event=link-lost", link.name());
        linkLostListeners.forEach(Runnable::run);
    }

    private void failAll(AtException e) {
        if (current != null) {
            current.future.completeExceptionally(e);
            current = null;
        }
        Pending p;
        while ((p = queue.pollFirst()) != null) {
            p.future.completeExceptionally(e);
        }
        decoder.expect(null);
    }

    /** Closes the link and fails whatever still waits; the reader thread ends. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            failAll(new AtException.LinkLost(link.name(), "(closed)"));
        }
        link.close();
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean readerAlive() {
        return reader.isAlive();
    }
}
