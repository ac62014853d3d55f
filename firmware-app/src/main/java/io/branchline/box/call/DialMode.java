package io.branchline.box.call;

import java.util.Optional;

/**
 * How a call goes out (外呼方式). {@code direct}: the agent's card 1 dials the customer. Call-forward
 * dialing (呼叫转移外呼), as the seed manual lists it: the forwarding SIM is set to forward to the customer,
 * then the caller SIM dials the forwarding SIM's own number, and the customer sees the caller SIM's number:
 * {@code forward-1-1} card 1 calls card 1, {@code forward-2-2} card 2 calls card 2, {@code forward-1-2} card
 * 1 calls card 2, {@code forward-2-1} card 2 calls card 1, and {@code forward-auto} same-card forwarding that
 * moves to the next card every 5 calls. {@code callback}: two-leg callback, see CallbackDial.
 */
public record DialMode(String name, int callerCard, int forwardCard, boolean forward, boolean auto) {
    public static final DialMode DIRECT = new DialMode("direct", 1, 0, false, false);
    /** Two-leg callback (融合通信): the agent's own phone first, then the customer, joined by the box. */
    public static final DialMode CALLBACK = new DialMode("callback", 0, 0, false, false);
    public static final int AUTO_SWITCH_EVERY = 5;

    public static Optional<DialMode> parse(String s) {
        return switch (s) {
            case "direct" -> Optional.of(DIRECT);
            case "callback" -> Optional.of(CALLBACK);
            case "forward-1-1" -> Optional.of(forward(1, 1));
            case "forward-2-2" -> Optional.of(forward(2, 2));
            case "forward-1-2" -> Optional.of(forward(1, 2));
            case "forward-2-1" -> Optional.of(forward(2, 1));
            case "forward-auto" -> Optional.of(new DialMode("forward-auto", 1, 1, true, true));
            default -> Optional.empty();
        };
    }

    public static DialMode forward(int caller, int forwarding) {
        return new DialMode("forward-" + caller + "-" + forwarding, caller, forwarding, true, false);
    }

    public boolean crossed() {
        return forward && callerCard != forwardCard;
    }

    public boolean callback() {
        return this.equals(CALLBACK);
    }

    public static final String NAMES = "direct, callback, forward-1-1, forward-2-2, forward-1-2, forward-2-1, forward-auto";
}
