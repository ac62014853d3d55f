package io.branchline.hw.modem;

import io.branchline.hw.at.AtCommands;
import io.branchline.hw.at.AtEngine;
import io.branchline.hw.at.AtException;
import io.branchline.hw.at.AtResponse;
import io.branchline.hw.at.parse.AtParseException;
import io.branchline.hw.at.parse.Ussd;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * USSD on one line (27.007 7.15): {@code AT+CUSD=1,"<code>",15}, then the network's answer as a +CUSD line
 * some seconds after the OK. One query at a time (a second would be mixed up with the first's answer), and
 * never sent twice: a query without an answer is reported as such, since sending it again could repeat a
 * top-up or a subscription. A menu (+CUSD: 1) stays open on the network: the next query answers it.
 */
public final class UssdSession implements io.branchline.hw.line.ServiceCodes {
    private static final Logger log = LoggerFactory.getLogger(UssdSession.class);

    private final String lineId;
    private final Supplier<AtEngine> engine;
    private final Supplier<VendorProfile> profile;
    private final AtomicReference<CompletableFuture<Ussd>> waiting = new AtomicReference<>();

    /** Why a query got no answer. */
    public static final class Unanswered extends Exception {
        public Unanswered(String message) {
            super(message);
        }
    }

    UssdSession(String lineId, Supplier<AtEngine> engine, Supplier<VendorProfile> profile) {
        this.lineId = lineId;
        this.engine = engine;
        this.profile = profile;
    }

    /**
     * Sends {@code code} and waits up to {@code timeout} for the answer. Throws IllegalArgumentException
     * (naming "code") for anything but digits, * and #; IllegalStateException while another query waits.
     */
    @Override
    public Ussd ask(String code, Duration timeout) throws Unanswered {
        io.branchline.hw.line.ServiceCodes.check(code);
        CompletableFuture<Ussd> answer = new CompletableFuture<>();
        if (!waiting.compareAndSet(null, answer)) {
            throw new IllegalStateException("line " + lineId + " is already waiting for a USSD answer");
        }
        try {
            AtResponse r;
            try {
                r = engine.get().execute(profile.get().packsUssd() ? AtCommands.ussdPacked(code)
                        : AtCommands.ussd(code));
            } catch (AtException e) {
                throw new Unanswered("the modem did not take the query: " + e.getMessage());
            }
            if (!r.isOk()) {
                throw new Unanswered("the modem refused the query: " + r.result());
            }
            Ussd u = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            log.info("line={} event=ussd-answered type={} dcs={}", lineId, u.type(), u.dcs().orElse(-1));
            return u;
        } catch (TimeoutException e) {
            throw new Unanswered("no answer from the network within " + timeout.toSeconds() + " s (not sent again)");
        } catch (ExecutionException e) {
            throw new Unanswered(String.valueOf(e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unanswered("interrupted");
        } finally {
            waiting.compareAndSet(answer, null);
        }
    }

    /** A +CUSD line arrived: the waiting query's answer (a network-initiated one nobody waits for is logged). */
    void answered(String line) {
        Ussd u;
        try {
            u = Ussd.parse(line);
        } catch (AtParseException e) {
            log.warn("line={} event=ussd-unreadable line=\"{}\"", lineId, line);
            CompletableFuture<Ussd> w = waiting.get();
            if (w != null) {
                w.completeExceptionally(new AtParseException("unreadable answer: " + line));
            }
            return;
        }
        CompletableFuture<Ussd> w = waiting.get();
        if (w == null) {
            log.info("line={} event=ussd-unasked type={} text=\"{}\"", lineId, u.type(), u.text());
            return;
        }
        w.complete(u);
    }
}
