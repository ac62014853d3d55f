package io.branchline.box.call;

import io.branchline.box.agent.Agents;
import io.branchline.box.guard.CallGuard;
import io.branchline.box.line.LineRegistry;
import io.branchline.box.line.LineUnavailableException;
import io.branchline.hw.modem.EndCause;
import io.branchline.hw.line.LineCalls;
import io.branchline.hw.line.Line;
import io.branchline.hw.time.Scheduler;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Click-to-call (点呼) and the calls up now: a request is checked (fields, then the call guard), routed by
 * its dial plan to the lines it needs, and placed on its own thread; the {@link CallWatch} records it when
 * it ends. Every attempt that got past the checks leaves exactly one record; a refused request leaves none
 * and sends nothing to a modem.
 */
public final class CallControl {
    private static final Logger log = LoggerFactory.getLogger(CallControl.class);

    private final Agents agents;
    private final LineRegistry lines;
    private final CallRecords records;
    private final CallGuard guard;
    private final CallTable table;
    private final CallWatch watch;
    private final CallMedia media;
    private final List<DialPlan> plans;
    private final Scheduler scheduler;
    private final java.util.function.Function<io.branchline.box.agent.Agent, String> usualMode;

    /** @param usualMode how an agent's desk phone is set to dial when a request names no mode (empty: direct) */
    public CallControl(Agents agents, LineRegistry lines, CallRecords records, CallGuard guard, CallTable table,
                       CallWatch watch, CallMedia media, List<DialPlan> plans, Scheduler scheduler,
                       java.util.function.Function<io.branchline.box.agent.Agent, String> usualMode) {
        this.usualMode = usualMode;
        this.agents = agents;
        this.lines = lines;
        this.records = records;
        this.guard = guard;
        this.table = table;
        this.watch = watch;
        this.media = media;
        this.plans = List.copyOf(plans);
        this.scheduler = scheduler;
    }

    /** Places a call and returns at once with its id; the modems are driven on the call's own thread. */
    public CallView start(String agentId, String number, String customerId, String mode) {
        return start(new CallRequest(agentId, number, customerId, mode, false));
    }

    /**
     * The same, {@code force} dialling a risk number the call guard would intercept (a blacklisted number is
     * never dialled).
     */
    public CallView start(String agentId, String number, String customerId, String mode, boolean force) {
        return start(new CallRequest(agentId, number, customerId, mode, force));
    }

    public CallView start(CallRequest request) {
        return start(request, agents);
    }

    /** Who places a line's test call: no agent of the office, but one whose desk phone is that line. */
    public static final String TEST_AGENT = "line-test";

    /**
     * An installer's or admin's test call from one line (after a SIM went in): dialled directly on that
     * line's SIM as it is now, through the same number checks and the guard, recorded with the agent
     * {@value #TEST_AGENT}.
     */
    public CallView testCall(String lineId, String number) {
        if (lines.line(lineId).isEmpty()) {
            throw CallRequestException.invalid("line", "no line \"" + io.branchline.box.store.StoredText.printable(lineId)
                    + "\"");
        }
        io.branchline.box.agent.Agent tester = new io.branchline.box.agent.Agent(TEST_AGENT, "线路测试 line test", "",
                Optional.of(lineId), Optional.empty(), Optional.empty());
        return start(new CallRequest(TEST_AGENT, number, "", DialMode.DIRECT.name(), false),
                new Agents(List.of(tester)));
    }

    private CallView start(CallRequest request, Agents agents) {
        CallRequest.Checked r = request.check(agents, usualMode);
        guard.check(r.number().subscriber(), r.force()).ifPresent(refusal -> {
            throw CallRequestException.refused("number", refusal.message());
        });
        DialPlan plan = plans.stream().filter(p -> p.serves(r.mode())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no dial plan serves " + r.mode().name()));
        Call call;
        DialPlan.Route route;
        synchronized (this) {
            try {
                route = plan.route(r.agent(), r.mode(), r.customer());
            } catch (LineUnavailableException e) {
                throw CallRequestException.conflict(e.field(), e.getMessage());
            }
            call = new Call(UUID.randomUUID().toString(), r.agent(), r.numberGiven(), r.customerId(),
                    scheduler.clock(), route.placement(), route.holds());
            table.add(call);
        }
        try {
            records.attempt(call.view()); // from here on a crash still leaves the call a record
        } catch (RuntimeException e) {
            table.remove(call);
            throw e;
        }
        if (r.force()) {
            guard.placedWithForce(r.agent().id(), r.number().subscriber());
        }
        Thread.ofVirtual().name("call " + call.id).start(() -> {
            try {
                route.place(call);
            } catch (RuntimeException e) {
                log.error("event=call-failed call={} error=\"{}\"", call.id, e.getMessage(), e);
                call.endBeforeDial(EndCause.FAILED, e.getMessage(), scheduler.clock().instant());
                watch.ended(call);
            }
        });
        log.info("event=call-requested call={} agent={} line={} mode={} number={}", call.id, r.agent().id(),
                route.placement().lineId(), r.mode().name(), r.customer().digits());
        return call.view();
    }

    /** Hears every call the moment the customer's phone rings (the CRM's "ringing" event). */
    public void onRinging(java.util.function.Consumer<CallView> listener) {
        watch.onRinging(listener);
    }

    /** Hears every call the moment it is answered (the CRM's "answered" event). */
    public void onAnswered(java.util.function.Consumer<CallView> listener) {
        watch.onAnswered(listener);
    }

    /**
     * The agent takes over from the opening message (F2, the API, lifting the handset): their voice reaches
     * the customer from the next frame. Empty if no such call is active.
     */
    public Optional<CallMedia.Takeover> takeover(String id) {
        return table.contains(id) ? Optional.of(media.takeover(id)) : Optional.empty();
    }

    /** The handset on this line was lifted: a call playing its opening message there is taken over. */
    public void takeoverLine(String lineId) {
        table.holding(lineId).stream().filter(c -> media.prompting(c.id)).forEach(c -> {
            log.info("event=handset-up line={} call={}", lineId, c.id);
            media.takeover(c.id);
        });
    }

    /** The desk phone's handset went down: whatever call holds that line ends. */
    public void hangUpLine(String lineId) {
        table.holding(lineId).forEach(c -> {
            log.info("event=handset-down line={} call={}", lineId, c.id);
            hangUp(c.id);
        });
    }

    /** Hangs up a call the box is placing; false if no such call is active. */
    public boolean hangUp(String id) {
        Optional<Call> found = table.get(id);
        if (found.isEmpty()) {
            return false;
        }
        Call c = found.get();
        c.hangUpRequested = true;
        // Every line the call holds: the customer's, and a callback's agent leg, each hung up if it has a call.
        for (String lineId : c.holds) {
            lines.line(lineId).flatMap(Line::calls).filter(m -> m.current().isPresent())
                    .ifPresent(LineCalls::hangUp);
        }
        return true;
    }

    /** A call up now, or else its record. */
    public Optional<CallView> get(String id) {
        return table.get(id).map(Call::view).or(() -> records.find(id));
    }

    public List<CallView> active() {
        return table.views();
    }

    /** The calls up now that {@code viewer} may see (an agent their own, a supervisor their team's). */
    public List<CallView> active(io.branchline.box.access.Viewer viewer) {
        return table.views().stream().filter(c -> viewer.sees(c.agent())).toList();
    }

    public CallRecords records() {
        return records;
    }

    public CallMedia media() {
        return media;
    }
}
