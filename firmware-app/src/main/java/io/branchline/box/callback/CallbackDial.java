package io.branchline.box.callback;

import io.branchline.box.agent.Agent;
import io.branchline.box.call.Call;
import io.branchline.box.call.CallRequestException;
import io.branchline.box.call.CallView;
import io.branchline.box.call.CallWatch;
import io.branchline.box.call.DialMode;
import io.branchline.box.call.DialPlan;
import io.branchline.box.line.LineChoice;
import io.branchline.box.line.LineUnavailableException;
import io.branchline.box.line.Sims;
import io.branchline.box.store.TimeText;
import io.branchline.hw.at.DialString;
import io.branchline.hw.modem.CallPhase;
import io.branchline.hw.modem.EndCause;
import io.branchline.hw.modem.ModemCall;
import io.branchline.hw.line.LineCalls;
import io.branchline.hw.line.Line;
import io.branchline.hw.time.Scheduler;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two-leg callback calling (融合通信, the seed manual's 回呼/双呼): ring the agent's own phone first (leg A, on
 * one line); once the agent answers, ring the customer (leg B, on another line) and join the two. Either
 * side hanging up ends both; the call has one record, with the agent leg in it.
 */
public final class CallbackDial implements DialPlan {
    private static final Logger log = LoggerFactory.getLogger(CallbackDial.class);
    /** How long the agent's phone may ring before the call is given up. */
    public static final Duration AGENT_ANSWER_TIMEOUT = Duration.ofSeconds(45);

    private final Scheduler scheduler;
    private final LineChoice choice;
    private final Sims sims;
    private final CallWatch watch;

    public CallbackDial(Scheduler scheduler, LineChoice choice, Sims sims, CallWatch watch) {
        this.scheduler = scheduler;
        this.choice = choice;
        this.sims = sims;
        this.watch = watch;
    }

    @Override
    public boolean serves(DialMode mode) {
        return mode.callback();
    }

    /**
     * The two lines of a callback call: the agent leg and the customer leg. The agent's own cards first (card
     * 1 rings the agent, card 2 the customer), then free lines nobody owns.
     */
    @Override
    public Route route(Agent agent, DialMode mode, DialString customer) {
        if (agent.callbackNumber().isEmpty()) {
            throw CallRequestException.conflict("mode", "callback dialing rings the agent's own phone first,"
                    + " and agent " + agent.id() + " has no callback-number configured");
        }
        List<Line> free = choice.freeFor(agent, 2);
        if (free.size() < 2) {
            throw new LineUnavailableException("mode", "callback dialing needs two free lines that are up (one rings"
                    + " the agent, one the customer); " + free.size() + " available for agent " + agent.id());
        }
        Line agentLine = free.get(0);
        Line customerLine = free.get(1);
        Call.Placement placement = Call.Placement.on(customerLine, sims, sims.prefix(customerLine) + customer.digits(),
                mode.name());
        return Route.of(placement, Set.of(agentLine.id(), customerLine.id()), call -> place(call, agentLine,
                sims.agentsPhoneOn(agentLine, agent).orElseThrow(),
                customerLine, new DialString(sims.prefix(customerLine) + customer.digits())));
    }

    /** Places the call on the calling thread; the watch hears of leg B once dialled, and of the end. */
    private void place(Call call, Line agentLine, DialString agentNumber, Line customerLine,
                       DialString customer) {
        LineCalls a = agentLine.calls().orElseThrow(() -> new IllegalStateException("line " + agentLine.id()
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
            call.endBeforeDial(requested ? EndCause.CANCELLED : EndCause.NO_ANSWER, why + "; the customer was not called",
                    scheduler.clock().instant());
            watch.ended(call);
            return;
        }
        call.agentLeg(new CallView.AgentLeg(agentLine.id(), agentNumber.digits(),
                TimeText.of(legA.answeredAt().orElseThrow())));
        log.info("event=callback-agent-answered call={} line={}", call.id(), agentLine.id());
        LineCalls b = customerLine.calls().orElse(null);
        if (b == null) {
            a.hangUp();
            call.endBeforeDial(EndCause.FAILED, "line " + customerLine.id() + " went down before the customer was dialled",
                    scheduler.clock().instant());
            watch.ended(call);
            return;
        }
        ModemCall legB = b.dial(customer);
        call.attach(legB);
        watch.dialled(call, legB, agentLine::openVoice);
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
        CompletableFuture.allOf(legA.ended(), legB.ended()).thenRun(() -> watch.ended(call));
    }
}
