package io.branchline.box.agent;

import java.util.Optional;

/**
 * A telesales agent (坐席): who the CRM knows, and the lines of their desk phone if they own one: card 1,
 * and card 2 when the phone has a second modem (needed for the crossed call-forward modes), and the phone
 * they answer two-leg callback calls on.
 */
public record Agent(String id, String name, String crmUserId, Optional<String> lineId, Optional<String> secondLineId,
                    Optional<String> callbackNumber) {

    public Optional<String> card(int n) {
        return n == 1 ? lineId : n == 2 ? secondLineId : Optional.empty();
    }
}
