package io.branchline.box.call;

/**
 * A call as the API, the CLI and the CRM see it: who, on which line and SIM, the number as given and as
 * dialled, and the times. {@code state} is dialing, alerting, active or ended; durations in milliseconds
 * (wait: dial to answer, talk: answer to end). Times are ISO-8601 UTC. A two-leg callback call also
 * carries its agent leg; its times are the customer leg's. An inbound call ({@code direction} "in") has
 * the caller as {@code numberGiven} (empty when withheld), nothing dialled, and the agent it rang for.
 */
public record CallView(String id, String agent, String line, String simIccid, String simNumber, String numberGiven,
                       String numberDialed, String mode, String customerId, String state, String startedAt,
                       String answeredAt, String endedAt, long waitMs, long talkMs, String endCause, String detail,
                       boolean hasRecording, AgentLeg agentLeg, String direction) {

    /** A call's way: out (dialled by the box) or in (rang one of its lines). */
    public static final String OUT = "out";
    public static final String IN = "in";

    public CallView {
        direction = direction == null ? OUT : direction; // a record kept before calls came in
    }

    /**
     * The first leg of a two-leg callback call: the line that rang the agent's own phone, that number, and
     * when the agent answered (null if they did not).
     */
    public record AgentLeg(String line, String number, String answeredAt) {
    }

    public boolean connected() {
        return answeredAt != null;
    }

    /** The same call, ended at {@code endedAt} after {@code talkMs} of talk, for what {@code cause} says. */
    public CallView endedAs(String ended, long talk, String cause, String why, boolean recorded) {
        return new CallView(id, agent, line, simIccid, simNumber, numberGiven, numberDialed, mode, customerId, "ended",
                startedAt, answeredAt, ended, waitMs, talk, cause, why, recorded, agentLeg, direction);
    }

    /** The same call as it rings for {@code other} (a switchboard call offered to several agents at once). */
    public CallView forAgent(String other) {
        return new CallView(id, other, line, simIccid, simNumber, numberGiven, numberDialed, mode, customerId, state,
                startedAt, answeredAt, endedAt, waitMs, talkMs, endCause, detail, hasRecording, agentLeg, direction);
    }

    /** The same call with its recording present or not. */
    public CallView withRecording(boolean recorded, String why) {
        return new CallView(id, agent, line, simIccid, simNumber, numberGiven, numberDialed, mode, customerId, state,
                startedAt, answeredAt, endedAt, waitMs, talkMs, endCause, why, recorded, agentLeg, direction);
    }
}
