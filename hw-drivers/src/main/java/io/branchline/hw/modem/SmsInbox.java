package io.branchline.hw.modem;

import io.branchline.hw.at.AtCommands;
import io.branchline.hw.at.AtEngine;
import io.branchline.hw.at.AtException;
import io.branchline.hw.at.AtResponse;
import io.branchline.hw.at.parse.AtParseException;
import io.branchline.hw.at.parse.SmsPdu;
import io.branchline.hw.at.parse.StoredSms;
import io.branchline.hw.sms.StatusReport;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMS a line's SIM receives. Messages wait on the SIM (AT+CNMI=2,1: stored, announced with +CMTI); each
 * is read, handed to the listeners, and only then deleted, so that one the box could not keep (a crash, a
 * full disk) is read again on the next start. The parts of a long message are kept until all have come.
 */
public final class SmsInbox implements io.branchline.hw.line.MessageEvents {
    private static final Logger log = LoggerFactory.getLogger(SmsInbox.class);

    private final String lineId;
    private volatile boolean reportsOn;
    private final io.branchline.hw.line.MessageListeners listeners =
            new io.branchline.hw.line.MessageListeners(() -> reportsOn);
    /** Parts of long messages by sender and reference, and when the first of them came. */
    private final Map<String, Pending> partial = new HashMap<>();
    private final java.time.Clock clock;
    private java.time.Instant nextSweep;
    /** SIM indexes of messages the box could not decode: said once, kept on the SIM. */
    private final java.util.Set<Integer> undecodable = new java.util.HashSet<>();

    /**
     * How long the first parts of a long message wait for the rest: then they are handed over with the gaps
     * marked. Networks deliver a message's parts within seconds; a part that has not come in 10 minutes has
     * usually been lost between carriers.
     */
    public static final java.time.Duration PARTS_WAIT = java.time.Duration.ofMinutes(10);
    /**
     * How often the SIM's store is read again for messages left on it (one the box could not keep, one a
     * +CMTI never announced): a full store refuses new messages, so it is emptied as soon as it can be.
     */
    public static final java.time.Duration SWEEP_EVERY = java.time.Duration.ofMinutes(10);

    private record Part(int index, SmsPdu pdu) {
    }

    private static final class Pending {
        final TreeMap<Integer, Part> parts = new TreeMap<>();
        final int total;
        final java.time.Instant first;

        Pending(int total, java.time.Instant first) {
            this.total = total;
            this.first = first;
        }
    }

    public SmsInbox(String lineId) {
        this(lineId, java.time.Clock.systemUTC());
    }

    public SmsInbox(String lineId, java.time.Clock clock) {
        this.lineId = lineId;
        this.clock = clock;
    }

    @Override
    public void onSms(Consumer<ReceivedSms> listener) {
        listeners.onSms(listener);
    }

    /** Hears the status reports of messages sent on this line (+CDS), matched by their reference. */
    @Override
    public void onStatusReport(Consumer<StatusReport> listener) {
        listeners.onStatusReport(listener);
    }

    /** Whether this line's modem took +CNMI with status reports (ds 1): sent messages can be followed. */
    @Override
    public boolean statusReports() {
        return listeners.statusReports();
    }

    /** A +CDS: {@code <length>} with the PDU on the next line. */
    void reported(String payload, String pdu) {
        StatusReport r;
        try {
            r = StatusReport.decode(pdu.strip(), Integer.parseInt(payload.strip()));
        } catch (RuntimeException e) {
            log.warn("line={} event=sms-report-unreadable payload=\"{}\" error=\"{}\"", lineId, payload, e.getMessage());
            return;
        }
        log.info("line={} event=sms-report reference={} status={}", lineId, r.reference(), r.status());
        listeners.reported(r, e -> log.error("line={} event=sms-report-not-kept reference={} error=\"{}\"", lineId,
                r.reference(), e.getMessage()));
    }

    /** After the line opens: new messages announced from now on, and the ones waiting on the SIM read. */
    void start(AtEngine engine, String iccid) {
        try {
            engine.execute(AtCommands.smsPduMode());
            reportsOn = engine.execute(AtCommands.newSmsIndications()).isOk();
            if (!reportsOn) {
                engine.execute(AtCommands.newSmsIndicationsOnly()); // sent messages then go without reports
            }
            readStore(engine, iccid);
        } catch (AtException e) {
            log.warn("line={} event=sms-list-failed error=\"{}\"", lineId, e.getMessage());
        }
        nextSweep = clock.instant().plus(SWEEP_EVERY);
    }

    /** Every message on the SIM, taken as if just announced (parts already waiting are not taken twice). */
    private void readStore(AtEngine engine, String iccid) {
        AtResponse r = engine.execute(AtCommands.listSms());
        if (!r.isOk()) {
            return;
        }
        java.util.Set<Integer> waiting = new java.util.HashSet<>();
        partial.values().forEach(p -> p.parts.values().forEach(part -> waiting.add(part.index())));
        for (StoredSms s : StoredSms.parseList(r.lines())) {
            if (!waiting.contains(s.index())) {
                take(engine, iccid, s.index(), s);
            }
        }
    }

    /**
     * From the line's poll: long messages whose missing parts have waited {@link #PARTS_WAIT} are handed over
     * with their gaps, and every {@link #SWEEP_EVERY} the SIM's store is read again.
     */
    void sweep(AtEngine engine, String iccid) {
        java.time.Instant now = clock.instant();
        for (String key : List.copyOf(partial.keySet())) {
            Pending p = partial.get(key);
            if (!p.first.plus(PARTS_WAIT).isAfter(now)) {
                partial.remove(key);
                deliverParts(engine, iccid, p);
            }
        }
        if (nextSweep != null && !nextSweep.isAfter(now)) {
            nextSweep = now.plus(SWEEP_EVERY);
            try {
                readStore(engine, iccid);
            } catch (AtException e) {
                log.warn("line={} event=sms-sweep-failed error=\"{}\"", lineId, e.getMessage());
            }
        }
    }

    /** A +CMTI said a message is stored at {@code index}. */
    void announced(AtEngine engine, String iccid, int index) {
        try {
            AtResponse r = engine.execute(AtCommands.readSms(index));
            if (r.isOk()) {
                take(engine, iccid, index, StoredSms.parseRead(r.lines()));
            }
        } catch (AtException e) {
            log.warn("line={} event=sms-read-failed index={} error=\"{}\"", lineId, index, e.getMessage());
        }
    }

    private void take(AtEngine engine, String iccid, int index, StoredSms stored) {
        SmsPdu pdu;
        try {
            pdu = stored.decode();
        } catch (AtParseException e) {
            // Kept on the SIM: a message the box cannot read is not thrown away.
            if (undecodable.add(index)) {
                log.warn("line={} event=sms-undecodable index={} error=\"{}\"", lineId, index, e.getMessage());
            }
            return;
        }
        if (pdu.concat().isEmpty() || pdu.concat().get().total() <= 1) {
            deliver(engine, new ReceivedSms(lineId, iccid, pdu.sender(), pdu.timestamp(), pdu.text(), 1), List.of(index));
            return;
        }
        SmsPdu.Concat c = pdu.concat().get();
        String key = pdu.sender() + "/" + c.reference() + "/" + c.total();
        Pending p = partial.computeIfAbsent(key, k -> new Pending(c.total(), clock.instant()));
        Part earlier = p.parts.put(c.part(), new Part(index, pdu));
        if (earlier != null && earlier.index() != index) {
            delete(engine, earlier.index()); // the same part twice (a network resend): one is enough
        }
        if (p.parts.size() < c.total()) {
            return;
        }
        partial.remove(key);
        deliverParts(engine, iccid, p);
    }

    /** The parts that came, in order, a gap marker for each that did not. */
    private void deliverParts(AtEngine engine, String iccid, Pending p) {
        StringBuilder text = new StringBuilder();
        List<Integer> missing = new java.util.ArrayList<>();
        for (int i = 1; i <= p.total; i++) {
            Part part = p.parts.get(i);
            if (part == null) {
                missing.add(i);
                text.append(ReceivedSms.GAP);
            } else {
                text.append(part.pdu().text());
            }
        }
        SmsPdu first = p.parts.firstEntry().getValue().pdu();
        if (!missing.isEmpty()) {
            log.warn("line={} event=sms-incomplete sender={} missing={} note=\"handed over after {} min without them\"",
                    lineId, first.sender(), missing, PARTS_WAIT.toMinutes());
        }
        deliver(engine, new ReceivedSms(lineId, iccid, first.sender(), first.timestamp(), text.toString(), p.total,
                missing), p.parts.values().stream().map(Part::index).toList());
    }

    private void delete(AtEngine engine, int index) {
        try {
            engine.execute(AtCommands.deleteSms(index));
        } catch (AtException e) {
            log.warn("line={} event=sms-delete-failed index={}", lineId, index);
        }
    }

    private void deliver(AtEngine engine, ReceivedSms sms, List<Integer> indexes) {
        try {
            listeners.received(sms);
        } catch (RuntimeException e) {
            log.error("line={} event=sms-not-kept sender={} error=\"{}\"", lineId, sms.sender(), e.getMessage());
            return;
        }
        log.info("line={} event=sms-received sender={} parts={}", lineId, sms.sender(), sms.parts());
        for (int i : indexes) {
            delete(engine, i);
        }
    }
}
