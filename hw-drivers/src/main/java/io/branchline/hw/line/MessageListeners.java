package io.branchline.hw.line;

import io.branchline.hw.modem.ReceivedSms;
import io.branchline.hw.sms.StatusReport;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Who hears a line's text messages and delivery reports, for every kind of line. */
public final class MessageListeners implements MessageEvents {
    private final List<Consumer<ReceivedSms>> received = new CopyOnWriteArrayList<>();
    private final List<Consumer<StatusReport>> reports = new CopyOnWriteArrayList<>();
    private final BooleanSupplier reportsOn;

    /** @param reportsOn whether the line gets delivery reports (a modem says so once it took +CNMI) */
    public MessageListeners(BooleanSupplier reportsOn) {
        this.reportsOn = reportsOn;
    }

    @Override
    public void onSms(Consumer<ReceivedSms> listener) {
        received.add(listener);
    }

    @Override
    public void onStatusReport(Consumer<StatusReport> listener) {
        reports.add(listener);
    }

    @Override
    public boolean statusReports() {
        return reportsOn.getAsBoolean();
    }

    /**
     * Hands a text to every listener; one that throws (the box could not keep it) stops here and throws on,
     * so that the line keeps the text for another try (the SIM's copy, the GoIP's resend).
     */
    public void received(ReceivedSms sms) {
        received.forEach(l -> l.accept(sms));
    }

    /** Hands a delivery report to every listener; returns how many could not keep it. */
    public int reported(StatusReport r, Consumer<RuntimeException> failed) {
        int n = 0;
        for (Consumer<StatusReport> l : reports) {
            try {
                l.accept(r);
            } catch (RuntimeException e) {
                n++;
                failed.accept(e);
            }
        }
        return n;
    }
}
