package io.branchline.box.forward;

import io.branchline.box.line.LineRegistry;
import io.branchline.hw.modem.LineState;
import io.branchline.hw.line.Line;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwarding left behind (a crash, a power cut, a lost modem): whenever a line comes up, what the journal
 * says may still forward on it, for a call no longer up, is erased. Listens before the lines start, so
 * that what a crash left is erased as the lines first come up.
 */
public final class ForwardingRecovery {
    private static final Logger log = LoggerFactory.getLogger(ForwardingRecovery.class);

    private final ForwardingJournal journal;
    private final ForwardDial dial;
    private final Predicate<String> callUp;

    public ForwardingRecovery(LineRegistry lines, ForwardingJournal journal, ForwardDial dial, Predicate<String> callUp) {
        this.journal = journal;
        this.dial = dial;
        this.callUp = callUp;
        for (Line l : lines.all()) {
            l.onChange(s -> {
                if (s.status().state() == LineState.UP) {
                    recover(l);
                }
            });
        }
    }

    private void recover(Line line) {
        List<ForwardingJournal.Entry> left = journal.open().stream()
                .filter(e -> e.lineId().equals(line.id()) && !callUp.test(e.callId())).toList();
        if (!left.isEmpty()) {
            Thread.ofVirtual().start(() -> {
                for (ForwardingJournal.Entry e : left) {
                    log.warn("event=forwarding-recovery call={} line={} target={}", e.callId(), e.lineId(), e.target());
                    dial.erase(e.callId(), line);
                }
            });
        }
    }
}
