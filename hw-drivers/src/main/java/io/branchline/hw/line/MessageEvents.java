package io.branchline.hw.line;

import io.branchline.hw.modem.ReceivedSms;
import io.branchline.hw.sms.StatusReport;
import java.util.function.Consumer;

/** The text messages a line receives, and the delivery reports of those it sends. */
public interface MessageEvents {
    void onSms(Consumer<ReceivedSms> listener);

    void onStatusReport(Consumer<StatusReport> listener);

    /** Whether this line gets delivery reports for what it sends. */
    boolean statusReports();
}
