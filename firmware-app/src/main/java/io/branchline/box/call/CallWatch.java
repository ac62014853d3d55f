package io.branchline.box.call;

import io.branchline.box.line.LineRegistry;
import io.branchline.hw.modem.CallPhase;
import io.branchline.hw.modem.ModemCall;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every call goes through once a plan has dialled: the customer's phone rings (the CRM hears of it),
 * the call is answered (our side is joined with the customer's, recorded, the opening message plays), and
 * it ends (the recording is finished and the record written with its outbox row, in one transaction).
 */
public final class CallWatch {
    private static final Logger log = LoggerFactory.getLogger(CallWatch.class);

    private final CallTable table;
    private final CallRecords records;
    private final CallMedia media;
    private final LineRegistry lines;
    private final List<Consumer<CallView>> ringing = new CopyOnWriteArrayList<>();
    private final List<Consumer<CallView>> answered = new CopyOnWriteArrayList<>();
    private final List<Consumer<CallView>> endedListeners = new CopyOnWriteArrayList<>();

    /** Hears every call once its record is written. */
    public void onEnded(Consumer<CallView> listener) {
        endedListeners.add(listener);
    }

    public CallWatch(CallTable table, CallRecords records, CallMedia media, LineRegistry lines) {
        this.table = table;
        this.records = records;
        this.media = media;
        this.lines = lines;
    }

    /** Hears every call the moment the customer's phone rings (the CRM's "ringing" event). */
    public void onRinging(Consumer<CallView> listener) {
        ringing.add(listener);
    }

    /** Hears every call the moment it is answered (the CRM's "answered" event). */
    public void onAnswered(Consumer<CallView> listener) {
        answered.add(listener);
    }

    /** The customer's leg was dialled; on answer the agent's handset is our side. */
    public void dialled(Call call, ModemCall mc) {
        dialled(call, mc, media.handsetOf(call.agentId()));
    }

    /** The customer's leg was dialled; on answer {@code ours} is joined with the customer's line and recorded. */
    public void dialled(Call call, ModemCall mc, CallMedia.Side ours) {
        java.util.concurrent.atomic.AtomicBoolean rang = new java.util.concurrent.atomic.AtomicBoolean();
        mc.onChange(c -> {
            table.changed();
            if (c.phase() == CallPhase.ALERTING) {
                CallView v = call.view();
                if (rang.compareAndSet(false, true)) {
                    keepAttempt(v); // one synced write when it starts ringing, not one per change seen
                }
                ringing.forEach(l -> l.accept(v));
            }
            if (c.phase() == CallPhase.ACTIVE) {
                CallView v = call.view();
                String lineId = call.lineId();
                media.answered(v, ours, () -> lines.line(lineId)
                        .orElseThrow(() -> new IllegalStateException("line " + lineId + " is gone")).openVoice());
                answered.forEach(l -> l.accept(v));
            }
        });
    }

    private void keepAttempt(CallView v) {
        try {
            records.attempt(v);
        } catch (RuntimeException e) {
            log.warn("event=call-attempt-update-failed call={} error=\"{}\"", v.id(), e.getMessage());
        }
    }

    /** The call is over: its recording is finished, its record written, and its lines are free. */
    public void ended(Call call) {
        CallView v = call.view();
        try {
            CallMedia.Outcome o = media.ended(call.id, v.talkMs());
            if (v.connected()) {
                String why = o.why().isEmpty() ? v.detail() : v.detail().isEmpty() ? o.why() : v.detail() + "; " + o.why();
                v = v.withRecording(o.done().isPresent(), why);
            }
            records.save(v, o.mark());
            CallView saved = v;
            endedListeners.forEach(l -> l.accept(saved));
            log.info("event=call-ended call={} cause={} wait_ms={} talk_ms={}", v.id(), v.endCause(), v.waitMs(),
                    v.talkMs());
        } catch (RuntimeException e) {
            log.error("event=call-record-failed call={} error=\"{}\"", v.id(), e.getMessage());
        } finally {
            table.remove(call);
        }
    }
}
