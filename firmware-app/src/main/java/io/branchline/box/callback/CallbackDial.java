package io.branchline.box.callback;

import io.branchline.box.call.ActiveCall;
import io.branchline.box.call.CallView;
import io.branchline.box.store.TimeText;
import io.branchline.hw.at.DialString;
import io.branchline.hw.modem.CallPhase;
import io.branchline.hw.modem.EndCause;
import io.branchline.hw.modem.ModemCall;
import io.branchline.hw.modem.ModemCalls;
import io.branchline.hw.modem.ModemLine;
import io.branchline.hw.time.Scheduler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two-leg callback calling (融合通信, the seed manual's 回呼/双呼): ring the agent's own phone first (leg A, on
 * one line); once the agent answers, ring the customer (leg B, on another line) and join the two. Either
 * side hanging up ends both; the call has one record, with the agent leg in it.
 */
public final class CallbackDial {
    private static final Logger log = LoggerFactory.getLogger(CallbackDial.class);
    /** How long the agent's phone may ring before the call is given up. */
    public static final Duration AGENT_ANSWER_TIMEOUT = Duration.ofSeconds(45);

    private final Scheduler scheduler;

    public CallbackDial(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Places the call on the calling thread; {@code done} runs once both legs are over, {@code customerLeg}
     * once leg B is dialled (to watch for its answer and join the voices).
     */
    public void place(ActiveCall call, ModemLine agentLine, DialString agentNumber, ModemLine customerLine,
                      DialString customer, Consumer<ActiveCall> done, BiConsumer<ActiveCall, ModemCall> customerLeg) {
        ModemCalls a = agentLine.calls().orElseThrow(() -> new IllegalStateException("line " + agentLine.id()
                + " is down"));
        call.agentLeg(new CallView.AgentLeg(agentLine.id(), agentNumber.digits(), null));
        ModemCall legA = a.dial(agentNumber);
        CompletableFuture<Void> settled = new CompletableFuture<>();
        legA.onChange(c -> {
            if (c.phase() == CallPhase.ACTIVE || c.phase() == CallPhase.ENDED) {
                settled.complete(null);
            }
        });
        if (legA.phase() == CallPhase.ACTIVE || legA.phase() == CallPhase.ENDED) {
            settled.complete(null);
        }
        scheduler.schedule(AGENT_ANSWER_TIMEOUT, () -> settled.complete(null));
        while (!settled.isDone() && !call.hangUpRequested()) {
            try {
                settled.get(200, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // check for a hang-up request, then wait on
            } catch (Exception e) {
                break;
            }
        }
        if (legA.phase() != CallPhase.ACTIVE || call.hangUpRequested()) {
            boolean requested = call.hangUpRequested();
            if (legA.phase() != CallPhase.ENDED) {
                a.hangUp();
            }
            String why = requested ? "hung up before the customer was dialled"
                    : legA.cause().filter(c -> c != EndCause.NORMAL).map(c -> "the agent's phone " + agentNumber.digits()
                            + " did not answer (" + c.label() + ")")
                    .orElse("the agent's phone " + agentNumber.digits() + " did not answer within "
                            + AGENT_ANSWER_TIMEOUT.toSeconds() + " s");
            call.endBeforeDial(requested ? EndCause.NORMAL : EndCause.NO_ANSWER, why + "; the customer was not called",
                    scheduler.clock().instant());
            done.accept(call);
            return;
        }
        call.agentLeg(new CallView.AgentLeg(agentLine.id(), agentNumber.digits(),
                TimeText.of(legA.answeredAt().orElseThrow())));
        log.info("event=callback-agent-answered call={} line={}", call.id(), agentLine.id());
        ModemCalls b = customerLine.calls().orElse(null);
        if (b == null) {
            a.hangUp();
            call.endBeforeDial(EndCause.FAILED, "line " + customerLine.id() + " went down before the customer was dialled",
                    scheduler.clock().instant());
            done.accept(call);
            return;
        }
        ModemCall legB = b.dial(customer);
        call.attach(legB);
        customerLeg.accept(call, legB);
        // Either side hanging up ends both.
        legA.ended().thenRun(() -> {
            if (legB.phase() != CallPhase.ENDED) {
                Thread.ofVirtual().start(b::hangUp);
            }
        });
        legB.ended().thenRun(() -> {
            if (legA.phase() != CallPhase.ENDED) {
                Thread.ofVirtual().start(a::hangUp);
            }
        });
        if (call.hangUpRequested()) {
            b.hangUp();
        }
        CompletableFuture.allOf(legA.ended(), legB.ended()).thenRun(() -> done.accept(call));
    }
}
