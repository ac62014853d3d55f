package io.branchline.hw.line;

import io.branchline.hw.at.parse.Ussd;
import io.branchline.hw.modem.UssdSession;
import java.time.Duration;
import java.util.regex.Pattern;

/** USSD (balances, service codes) on one line. */
public interface ServiceCodes {
    /** Service codes and menu answers: digits, * and #, as a handset's keypad types them. */
    Pattern CODE = Pattern.compile("[0-9*#]{1,64}");

    /**
     * Sends {@code code} and waits up to {@code timeout} for the answer; never sends it again. Throws
     * IllegalArgumentException (naming "code") for anything but digits, * and #; IllegalStateException while
     * another query on the line waits.
     */
    Ussd ask(String code, Duration timeout) throws UssdSession.Unanswered;

    static void check(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("code: must be 1 to 64 of 0-9, * and # (such as *100#)");
        }
    }
}
