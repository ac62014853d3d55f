package io.branchline.box.call;

import io.branchline.box.agent.Agent;
import io.branchline.hw.at.DialString;
import java.util.Set;

/**
 * One way a call goes out (a dial plan): direct, call-forward, two-leg callback; inbound and the dialers'
 * calls are more. A plan first routes a checked request to the lines it needs, while the call table is
 * locked so that two requests never take one line, then places the call on the call's own thread and
 * reports what happens through the {@link CallWatch}.
 */
public interface DialPlan {
    /** Whether this plan places calls of {@code mode}. */
    boolean serves(DialMode mode);

    /**
     * The lines for this call, chosen now; throws {@link io.branchline.box.line.LineUnavailableException} or
     * {@link CallRequestException} when they are not there. Nothing reaches a modem here.
     */
    Route route(Agent agent, DialMode mode, DialString customer);

    /** A routed call: where it goes out first, the lines it holds, and how it is placed. */
    interface Route {
        Call.Placement placement();

        Set<String> holds();

        /**
         * Places the call, on the call's own thread; the watch hears of every modem call it dials and, once,
         * of the call's end. A RuntimeException ends the call as failed.
         */
        void place(Call call);

        /** A route of {@code placement} holding {@code holds}, placed by {@code placer}. */
        static Route of(Call.Placement placement, Set<String> holds, java.util.function.Consumer<Call> placer) {
            return new Route() {
                @Override
                public Call.Placement placement() {
                    return placement;
                }

                @Override
                public Set<String> holds() {
                    return holds;
                }

                @Override
                public void place(Call call) {
                    placer.accept(call);
                }
            };
        }
    }
}
