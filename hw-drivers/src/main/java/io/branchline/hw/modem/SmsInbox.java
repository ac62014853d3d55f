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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMS a line's SIM receives. Messages wait on the SIM (AT+CNMI=2,1: stored, announced with +CMTI); each
 * is read, handed to the listeners, and only then deleted, so that one the box could not keep (a crash, a
 * full disk) is read again on the next start. The parts of a long message are kept until all have come.
 */
public final class SmsInbox {
    private static final Logger log = LoggerFactory.getLogger(SmsInbox.class);

    private final String lineId;
    private final List<Consumer<ReceivedSms>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<StatusReport>> reports = new CopyOnWriteArrayList<>();
    private volatile boolean reportsOn;
    /** Parts of long messages by sender and reference: part number to (SIM index, text). */
    private final Map<String, TreeMap<Integer, Part>> partial = new HashMap<>();

    private record Part(int index, SmsPdu pdu) {
    }

    public SmsInbox(String lineId) {
        this.lineId = lineId;
    }

    public void onSms(Consumer<ReceivedSms> listener) {
        listeners.add(listener);
    }

    /** Hears the status reports of messages sent on this line (+CDS), matched by their reference. */
    public void onStatusReport(Consumer<StatusReport> listener) {
        reports.add(listener);
    }

    /** Whether this line's modem took +CNMI with status reports (ds 1): sent messages can be followed. */
    public boolean statusReports() {
        return reportsOn;
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
        for (Consumer<StatusReport> l : reports) {
            try {
                l.accept(r);
            } catch (RuntimeException e) {
                log.error("line={} event=sms-report-not-kept reference={} error=\"{}\"", lineId, r.reference(),
                        e.getMessage());
            }
        }
    }

    /** After the line opens: new messages announced from now on, and the ones waiting on the SIM read. */
    void start(AtEngine engine, String iccid) {
        try {
            engine.execute(AtCommands.smsPduMode());
            reportsOn = engine.execute(AtCommands.newSmsIndications()).isOk();
            if (!reportsOn) {
                engine.execute(AtCommands.newSmsIndicationsOnly()); // sent messages then go without reports
            }
            AtResponse r = engine.execute(AtCommands.listSms());
            if (!r.isOk()) {
                return;
            }
            for (StoredSms s : StoredSms.parseList(r.lines())) {
                take(engine, iccid, s.index(), s);
            }
        } catch (AtException e) {
            log.warn("line={} event=sms-list-failed error=\"{}\"", lineId, e.getMessage());
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
            log.warn("line={} event=sms-undecodable index={} error=\"{}\"", lineId, index, e.getMessage());
            return;
        }
        if (pdu.concat().isEmpty() || pdu.concat().get().total() <= 1) {
            deliver(engine, new ReceivedSms(lineId, iccid, pdu.sender(), pdu.timestamp(), pdu.text(), 1), List.of(index));
            return;
        }
        SmsPdu.Concat c = pdu.concat().get();
        String key = pdu.sender() + "/" + c.reference();
        TreeMap<Integer, Part> parts = partial.computeIfAbsent(key, k -> new TreeMap<>());
        parts.put(c.part(), new Part(index, pdu));
        if (parts.size() < c.total()) {
            return;
        }
        partial.remove(key);
        StringBuilder text = new StringBuilder();
        parts.values().forEach(p -> text.append(p.pdu().text()));
        deliver(engine, new ReceivedSms(lineId, iccid, pdu.sender(), parts.firstEntry().getValue().pdu().timestamp(),
                text.toString(), c.total()), parts.values().stream().map(Part::index).toList());
    }

    private void deliver(AtEngine engine, ReceivedSms sms, List<Integer> indexes) {
        try {
            listeners.forEach(l -> l.accept(sms));
        } catch (RuntimeException e) {
            log.error("line={} event=sms-not-kept sender={} error=\"{}\"", lineId, sms.sender(), e.getMessage());
            return;
        }
        log.info("line={} event=sms-received sender={} parts={}", lineId, sms.sender(), sms.parts());
        for (int i : indexes) {
            try {
                engine.execute(AtCommands.deleteSms(i));
            } catch (AtException e) {
                log.warn("line={} event=sms-delete-failed index={}", lineId, i);
            }
        }
    }
}
