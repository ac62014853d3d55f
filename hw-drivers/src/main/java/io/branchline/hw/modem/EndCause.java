package io.branchline.hw.modem;

/** Why a call ended. */
public enum EndCause {
    /** Talked, then one side hung up. */
    NORMAL,
    /** The box (the agent, the CRM, a hang-up request) hung up before the customer answered. */
    CANCELLED,
    BUSY,
    NO_ANSWER,
    /** The callee declined (network cause 21). */
    REJECTED,
    /** The call dropped before it was answered, with no better reason from the modem. */
    NO_CARRIER,
    /** The modem refused to dial; the detail carries its error. */
    FAILED;

    public String label() {
        return name().toLowerCase().replace('_', ' ');
    }
}
