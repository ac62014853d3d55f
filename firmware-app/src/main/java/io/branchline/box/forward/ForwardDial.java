package io.branchline.box.forward;

import io.branchline.box.agent.Agent;
import io.branchline.box.call.Call;
import io.branchline.box.call.CallWatch;
import io.branchline.box.call.DialMode;
import io.branchline.box.call.DialPlan;
import io.branchline.box.line.LineChoice;
import io.branchline.box.line.Sims;
import io.branchline.hw.line.CallForwarding;
import io.branchline.hw.at.DialString;
import io.branchline.hw.modem.EndCause;
import io.branchline.hw.modem.ModemCall;
import io.branchline.hw.line.LineCalls;
import io.branchline.hw.line.Line;
import io.branchline.hw.time.Scheduler;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Call-forward dialing (呼叫转移外呼): register the forwarding SIM's unconditional forwarding to the customer
 * and confirm it, wait the call delay, dial the forwarding SIM's own number from the caller SIM, and when
 * the call ends erase the forwarding and confirm the erase. The journal holds every registration from
 * before AT+CCFC is sent until its erase is confirmed, so no SIM is left forwarding to a customer after
 * an error, a hang-up at any step, or a restart.
 *
 * <p>A SIM that answers +CME ERROR 30 or 171 (LTE/IMS SIMs) is remembered as unable to forward and the call
 * falls back to the next leg offered, if any.
 */
public final class ForwardDial implements DialPlan {
    private static final Logger log = LoggerFactory.getLogger(ForwardDial.class);
    private static final int ERASE_TRIES = 3;

    /** One way to place the call: which line calls, which line forwards, and that SIM's own number. */
    public record Leg(Line caller, Line forwarding, String forwardingNumber, String mode) {
    }

    private final ForwardingJournal journal;
    private final Scheduler scheduler;
    private final Duration delay;
    private final Set<String> unableToForward = ConcurrentHashMap.newKeySet();
    private final ForwardLegs legs;
    private final CallWatch watch;
    private final Sims sims;

    public ForwardDial(ForwardingJournal journal, Scheduler scheduler, Duration delay, LineChoice choice, Sims sims,
                       CallWatch watch) {
        this.journal = journal;
        this.scheduler = scheduler;
        this.delay = delay;
        this.watch = watch;
        this.sims = sims;
        this.legs = new ForwardLegs(choice, sims, unableToForward::contains);
    }

    @Override
    public boolean serves(DialMode mode) {
        return mode.forward();
    }

    @Override
    public Route route(Agent agent, DialMode mode, DialString customer) {
        List<Leg> chosen = legs.of(agent, mode);
        Leg first = chosen.get(0);
        Set<String> holds = new LinkedHashSet<>();
        chosen.forEach(l -> {
            holds.add(l.caller().id());
            holds.add(l.forwarding().id());
        });
        Call.Placement placement = Call.Placement.on(first.caller(), sims, first.forwardingNumber(), first.mode());
        // The desk phone's own delay (its card 1's setting, the seed's 呼叫延时), else the box's.
        Duration wait = agent.lineId().flatMap(sims::of).flatMap(ls -> ls.dialing().forwardDelay()).orElse(delay);
        return Route.of(placement, holds, call -> place(call, chosen, customer, wait));
    }

    /** Whether the SIM with this ICCID has shown it cannot forward (CME 30/171). */
    public boolean unableToForward(String iccid) {
        return unableToForward.contains(iccid);
    }

    /**
     * Places {@code call} over the first leg whose SIM takes the forwarding; the watch hears of its end once
     * the call is over and the forwarding is erased (or left to the journal).
     */
    private void place(Call call, List<Leg> legs, DialString customer, Duration delay) {
        Leg chosen = null;
        for (Leg leg : legs) {
            String iccid = leg.forwarding().snapshot().identity().iccid();
            Optional<CallForwarding> forwarding = leg.forwarding().forwarding();
            if (unableToForward.contains(iccid) || forwarding.isEmpty()) {
                continue;
            }
            journal.open(new ForwardingJournal.Entry(call.id(), leg.forwarding().id(), iccid, customer.digits()));
            CallForwarding.Result r = forwarding.get().register(customer);
            if (r.outcome() == CallForwarding.Outcome.REGISTERED) {
                chosen = leg;
                break;
            }
            eraseAndClose(call, leg.forwarding()); // a half-done registration must not stay behind either
            if (r.outcome() == CallForwarding.Outcome.UNSUPPORTED) {
                unableToForward.add(iccid);
                log.warn("event=sim-cannot-forward line={} iccid={} detail=\"{}\"", leg.forwarding().id(), iccid,
                        r.detail());
                call.note("SIM " + iccid + " on " + leg.forwarding().id() + " cannot forward (" + r.detail()
                        + "); fell back");
                continue;
            }
            end(call, EndCause.FAILED, r.detail());
            return;
        }
        if (chosen == null) {
            end(call, EndCause.FAILED, "no SIM of this desk phone can forward calls");
            return;
        }
        Leg leg = chosen;
        var callerId = leg.caller().snapshot().identity();
        call.place(new Call.Placement(leg.caller().id(), callerId.iccid(), callerId.ownNumber(),
                leg.forwardingNumber(), leg.mode()));
        sleep(delay);
        Optional<LineCalls> modem = leg.caller().calls();
        if (call.hangUpRequested() || modem.isEmpty()) {
            eraseAndClose(call, leg.forwarding());
            end(call, call.hangUpRequested() ? EndCause.CANCELLED : EndCause.FAILED, call.hangUpRequested()
                    ? "hung up by the box before dialling" : "line " + leg.caller().id() + " went down");
            return;
        }
        ModemCall mc = modem.get().dial(new DialString(leg.forwardingNumber()));
        call.attach(mc);
        watch.dialled(call, mc);
        if (call.hangUpRequested()) {
            modem.get().hangUp();
        }
        mc.ended().thenAccept(ended -> Thread.ofVirtual().start(() -> {
            eraseAndClose(call, leg.forwarding());
            watch.ended(call);
        }));
    }

    /** Erases the forwarding of {@code line} for this call, confirmed, with a few tries; else the journal keeps it. */
    public boolean eraseAndClose(Call call, Line line) {
        return erase(call.id(), line);
    }

    /** The same for a journal entry whose call is gone (recovery after a crash). */
    public boolean erase(String callId, Line line) {
        for (int i = 0; i < ERASE_TRIES; i++) {
            Optional<CallForwarding> forwarding = line.forwarding();
            if (forwarding.isPresent() && forwarding.get().erase()) {
                journal.close(callId, line.id());
                log.info("event=forwarding-erased call={} line={}", callId, line.id());
                return true;
            }
            sleep(Duration.ofSeconds(1));
        }
        log.warn("event=forwarding-erase-pending call={} line={} note=\"erased when the line is back\"", callId,
                line.id());
        return false;
    }

    private void end(Call call, EndCause cause, String detail) {
        call.endBeforeDial(cause, detail, scheduler.clock().instant());
        watch.ended(call);
    }

    /** Waits on the injected scheduler, so that tests move time instead of sleeping. */
    private void sleep(Duration d) {
        if (d.isZero()) {
            return;
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        scheduler.schedule(d, () -> f.complete(null));
        f.join();
    }
}
