package io.branchline.box.call;

/**
 * A call as the API, the CLI and the CRM see it: who, on which line and SIM, the number as given and as
 * dialled, and the times. {@code state} is dialing, alerting, active or ended; durations in milliseconds
 * (wait: dial to answer, talk: answer to end). Times are ISO-8601 UTC.
 */
public record CallView(String id, String agent, String line, String simIccid, String simNumber, String numberGiven,
                       String numberDialed, String mode, String customerId, String state, String startedAt,
                       String answeredAt, String endedAt, long waitMs, long talkMs, String endCause, String detail,
                       boolean hasRecording) {

    public boolean connected() {
        return answeredAt != null;
    }

    /** The same call, ended at {@code endedAt} after {@code talkMs} of talk, for what {@code cause} says. */
    public CallView endedAs(String ended, long talk, String cause, String why, boolean recorded) {
        return new CallView(id, agent, line, simIccid, simNumber, numberGiven, numberDialed, mode, customerId, "ended",
                startedAt, answeredAt, ended, waitMs, talk, cause, why, recorded);
    }

    /** The same call with its recording present or not. */
    public CallView withRecording(boolean recorded, String why) {
        return new CallView(id, agent, line, simIccid, simNumber, numberGiven, numberDialed, mode, customerId, state,
                startedAt, answeredAt, endedAt, waitMs, talkMs, endCause, why, recorded);
    }
}
