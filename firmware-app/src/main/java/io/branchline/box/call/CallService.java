package io.branchline.box.call;

import io.branchline.box.forward.ForwardDial;
import io.branchline.box.forward.ForwardingJournal;
import io.branchline.box.line.LineRegistry;
import io.branchline.box.rotation.FrequentCallWarnings;
import io.branchline.box.rotation.LineSims;
import io.branchline.box.rotation.RotationPolicy;
import io.branchline.box.rotation.SimSlot;
import io.branchline.hw.sim.SimSwitchResult;
import io.branchline.hw.at.DialString;
import io.branchline.hw.at.InvalidAtArgumentException;
import io.branchline.hw.modem.LineSnapshot;
import io.branchline.hw.modem.LineState;
import io.branchline.hw.modem.ModemCall;
import io.branchline.hw.modem.ModemCalls;
import io.branchline.hw.modem.ModemLine;
import io.branchline.hw.time.Scheduler;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Click-to-call (点呼): checks the request, picks the lines the call needs (the agent's card 1, or card 1
 * and card 2 for call-forward dialing; a free unowned line for an agent without a phone), places it, and
 * when it ends writes its record and the CRM's outbox row together. Every attempt that got past the checks
 * leaves exactly one record; a refused request leaves none and sends nothing to a modem.
 */
public final class CallService {
    private static final Logger log = LoggerFactory.getLogger(CallService.class);
    private static final java.time.Duration SIM_SWITCH_TIMEOUT = java.time.Duration.ofSeconds(60);

    private final Agents agents;
    private final LineRegistry lines;
    private final CallRecords records;
    private final ForwardingJournal journal;
    private final ForwardDial forwardDial;
    private final Map<String, String> configuredNumbers;
    private final Scheduler scheduler;
    private final Map<String, ActiveCall> active = new ConcurrentHashMap<>();
    private final Map<String, Integer> autoCounts = new ConcurrentHashMap<>();
    private final Map<String, LineSims> sims;
    private final FrequentCallWarnings warnings;
    private final CallMedia media;
    private final io.branchline.box.guard.CallGuard guard;
    private final io.branchline.box.callback.CallbackDial callbackDial;
    private final java.util.List<java.util.function.Consumer<CallView>> ringingListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.List<java.util.function.Consumer<CallView>> answeredListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param configuredNumbers own numbers the installer entered per line, for SIMs that do not know theirs
     */
    public CallService(Agents agents, LineRegistry lines, CallRecords records, ForwardingJournal journal,
                       ForwardDial forwardDial, Map<String, String> configuredNumbers, Map<String, LineSims> sims,
                       FrequentCallWarnings warnings, CallMedia media, io.branchline.box.guard.CallGuard guard,
                       Scheduler scheduler) {
        this.guard = guard;
        this.media = media;
        this.callbackDial = new io.branchline.box.callback.CallbackDial(scheduler);
        this.sims = Map.copyOf(sims);
        this.warnings = warnings;
        this.agents = agents;
        this.lines = lines;
        this.records = records;
        this.journal = journal;
        this.forwardDial = forwardDial;
        this.configuredNumbers = Map.copyOf(configuredNumbers);
        this.scheduler = scheduler;
        for (ModemLine l : lines.all()) {
            l.onChange(s -> {
                if (s.status().state() == LineState.UP) {
                    recoverForwarding(l);
                }
            });
        }
    }

    /** Places a call and returns at once with its id; the modems are driven on the call's own thread. */
    public CallView start(String agentId, String number, String customerId, String mode) {
        return start(agentId, number, customerId, mode, false);
    }

    /**
     * The same, {@code force} dialling a risk number the call guard would intercept (a blacklisted number is
     * never dialled).
     */
    public CallView start(String agentId, String number, String customerId, String mode, boolean force) {
        Agent agent = agents.find(agentId == null ? "" : agentId)
                .orElseThrow(() -> CallRequestException.invalid("agent", "no agent \"" + agentId + "\""));
        DialString customer;
        try {
            customer = DialString.of("number", number);
        } catch (InvalidAtArgumentException e) {
            throw CallRequestException.invalid(e.field(), e.getMessage().substring(e.field().length() + 2));
        }
        DialMode dialMode = DialMode.parse(mode == null || mode.isEmpty() ? "direct" : mode).orElseThrow(() ->
                CallRequestException.invalid("mode", "\"" + mode + "\" is not a dialing mode; use one of "
                        + DialMode.NAMES));
        String customerRef = customerId == null ? "" : customerId;
        if (!customerRef.matches("[A-Za-z0-9_.:-]{0,64}")) {
            throw CallRequestException.invalid("customerId", "may hold up to 64 letters, digits, '_', '.', ':' or '-'");
        }
        guard.check(customer.digits(), force).ifPresent(r -> {
            throw CallRequestException.conflict("number", r.message());
        });
        ActiveCall call;
        List<ForwardDial.Leg> legs = List.of();
        ModemLine caller;
        ModemLine agentLeg = null;
        synchronized (this) {
            if (dialMode.callback()) {
                if (agent.callbackNumber().isEmpty()) {
                    throw CallRequestException.conflict("mode", "callback dialing rings the agent's own phone first,"
                            + " and agent " + agent.id() + " has no callback-number configured");
                }
                ModemLine[] pair = callbackLines(agent);
                agentLeg = pair[0];
                caller = pair[1];
                call = newCall(agent, number, customerRef, caller, prefix(caller) + customer.digits(), dialMode.name(),
                        Set.of(agentLeg.id(), caller.id()));
            } else if (dialMode.forward()) {
                legs = forwardLegs(agent, dialMode);
                ForwardDial.Leg first = legs.get(0);
                caller = first.caller();
                Set<String> holds = new LinkedHashSet<>();
                legs.forEach(l -> {
                    holds.add(l.caller().id());
                    holds.add(l.forwarding().id());
                });
                call = newCall(agent, number, customerRef, caller, first.forwardingNumber(), first.mode(), holds);
            } else {
                caller = directLine(agent);
                checkCallRate(caller);
                call = newCall(agent, number, customerRef, caller, prefix(caller) + customer.digits(), dialMode.name(),
                        Set.of(caller.id()));
            }
            active.put(call.id, call);
        }
        if (force) {
            guard.placedWithForce(agent.id(), customer.digits());
        }
        ActiveCall c = call;
        List<ForwardDial.Leg> chosenLegs = legs;
        ModemLine legA = agentLeg;
        Thread.ofVirtual().name("call " + call.id).start(() -> {
            try {
                if (dialMode.callback()) {
                    callbackDial.place(c, legA, DialString.of("callback-number", prefix(legA)
                            + agent.callbackNumber().get().replace("+", "")), caller,
                            new DialString(prefix(caller) + customer.digits()), this::finish,
                            (ac, mc) -> watchAnswer(ac, mc, () -> legA.openVoice()));
                } else if (dialMode.forward()) {
                    forwardDial.place(c, chosenLegs, customer, this::finish, this::watchAnswer);
                } else {
                    placeDirect(c, caller, customer);
                }
            } catch (RuntimeException e) {
                log.error("event=call-failed call={} error=\"{}\"", c.id, e.getMessage(), e);
                c.endBeforeDial(io.branchline.hw.modem.EndCause.FAILED, e.getMessage(), scheduler.clock().instant());
                finish(c);
            }
        });
        log.info("event=call-requested call={} agent={} line={} mode={} number={}", call.id, agent.id(), caller.id(),
                dialMode.name(), customer.digits());
        return call.view();
    }

    private ActiveCall newCall(Agent agent, String number, String customerRef, ModemLine caller, String dialed,
                               String mode, Set<String> holds) {
        LineSnapshot s = caller.snapshot();
        return new ActiveCall(UUID.randomUUID().toString(), agent, number, customerRef, scheduler.clock().instant(),
                new ActiveCall.Placement(caller.id(), s.identity().iccid(), simNumber(caller), dialed, mode), holds);
    }

    private void placeDirect(ActiveCall call, ModemLine line, DialString customer) {
        rotate(line);
        LineSnapshot s = line.snapshot();
        DialString dial = new DialString(prefix(line) + customer.digits());
        call.place(new ActiveCall.Placement(line.id(), s.identity().iccid(), simNumber(line), dial.digits(),
                DialMode.DIRECT.name()));
        ModemCalls modem = line.calls().orElseThrow(() -> new IllegalStateException("line " + line.id() + " is down"));
        ModemCall mc = modem.dial(dial);
        call.attach(mc);
        watchAnswer(call, mc);
        if (call.hangUpRequested) {
            modem.hangUp();
        }
        mc.ended().thenAccept(ended -> finish(call));
    }

    private void finish(ActiveCall call) {
        CallView v = call.view();
        try {
            CallMedia.Outcome o = media.ended(call.id, v.talkMs());
            if (v.connected()) {
                String why = o.why().isEmpty() ? v.detail() : v.detail().isEmpty() ? o.why() : v.detail() + "; " + o.why();
                v = v.withRecording(o.done().isPresent(), why);
            }
            records.save(v, o.mark());
            log.info("event=call-ended call={} cause={} wait_ms={} talk_ms={}", v.id(), v.endCause(), v.waitMs(),
                    v.talkMs());
        } catch (RuntimeException e) {
            log.error("event=call-record-failed call={} error=\"{}\"", v.id(), e.getMessage());
        } finally {
            active.remove(call.id);
        }
    }

    // --- choosing lines -------------------------------------------------------------------------------------

    /** The agent's own line when they have one; else the first line that is up, free and owned by nobody. */
    /**
     * The two lines of a callback call: [agent leg, customer leg]. The agent's own cards first (card 1 rings
     * the agent, card 2 the customer), then free lines nobody owns.
     */
    private ModemLine[] callbackLines(Agent agent) {
        List<ModemLine> free = new ArrayList<>();
        for (int card = 1; card <= 2; card++) {
            agent.card(card).flatMap(lines::line).filter(this::usable).ifPresent(free::add);
        }
        for (ModemLine l : lines.all()) {
            if (free.size() >= 2) {
                break;
            }
            if (!agents.owned(l.id()) && usable(l) && !free.contains(l)) {
                free.add(l);
            }
        }
        if (free.size() < 2) {
            throw CallRequestException.conflict("mode", "callback dialing needs two free lines that are up (one rings"
                    + " the agent, one the customer); " + free.size() + " available for agent " + agent.id());
        }
        return new ModemLine[] {free.get(0), free.get(1)};
    }

    private ModemLine directLine(Agent agent) {
        if (agent.lineId().isPresent()) {
            return usableCard(agent, 1, "agent");
        }
        for (ModemLine l : lines.all()) {
            if (!agents.owned(l.id()) && usable(l)) {
                return l;
            }
        }
        throw CallRequestException.conflict("agent", "no free line is up for agent " + agent.id());
    }

    /**
     * The legs a call-forward mode may use, best first: the mode as asked, then same-card forwarding on the
     * agent's other card as the fallback for a SIM that cannot forward. Crossed modes need both cards at once.
     */
    private List<ForwardDial.Leg> forwardLegs(Agent agent, DialMode mode) {
        if (agent.lineId().isEmpty()) {
            throw CallRequestException.conflict("mode", "call-forward dialing needs the agent's own desk phone;"
                    + " agent " + agent.id() + " has none");
        }
        DialMode m = mode;
        if (mode.auto()) {
            int n = autoCounts.merge(agent.id(), 1, Integer::sum) - 1;
            int card = agent.secondLineId().isPresent() ? (n / DialMode.AUTO_SWITCH_EVERY) % 2 + 1 : 1;
            m = DialMode.forward(card, card);
        }
        for (int card : new int[] {m.callerCard(), m.forwardCard()}) {
            if (agent.card(card).isEmpty()) {
                throw CallRequestException.conflict("mode", m.name() + " needs two SIMs registered at once, and agent "
                        + agent.id() + "'s desk phone has one modem (card 2 missing)");
            }
        }
        List<ForwardDial.Leg> legs = new ArrayList<>();
        legs.add(leg(agent, m.callerCard(), m.forwardCard(), m.name(), true));
        int other = m.forwardCard() == 1 ? 2 : 1;
        if (agent.card(other).isPresent()) {
            ForwardDial.Leg fallback = leg(agent, other, other, DialMode.forward(other, other).name(), false);
            if (fallback != null) {
                legs.add(fallback);
            }
        }
        return legs;
    }

    /** One leg; the asked-for leg must be usable now, a fallback leg is just left out when it is not. */
    private ForwardDial.Leg leg(Agent agent, int callerCard, int forwardCard, String mode, boolean required) {
        try {
            ModemLine caller = usableCard(agent, callerCard, "mode");
            ModemLine fwd = callerCard == forwardCard ? caller : usableCard(agent, forwardCard, "mode");
            String fwdNumber = simNumber(fwd);
            if (fwdNumber.isEmpty()) {
                throw CallRequestException.conflict("mode", "the SIM on line " + fwd.id() + " does not know its own"
                        + " number; set own-number for that modem in the configuration");
            }
            if (forwardDial.unableToForward(fwd.snapshot().identity().iccid()) && !required) {
                return null;
            }
            return new ForwardDial.Leg(caller, fwd, fwdNumber, mode);
        } catch (CallRequestException e) {
            if (required) {
                throw e;
            }
            return null;
        }
    }

    private ModemLine usableCard(Agent agent, int card, String field) {
        String id = agent.card(card).orElseThrow();
        ModemLine l = lines.line(id).orElseThrow(() -> CallRequestException.conflict(field,
                "agent " + agent.id() + "'s line " + id + " does not exist"));
        LineSnapshot s = l.snapshot();
        if (s.status().state() != LineState.UP || l.calls().isEmpty()) {
            throw CallRequestException.conflict(field, "line " + l.id() + " is " + s.status().state().label()
                    + (s.status().detail().isEmpty() ? "" : ": " + s.status().detail()));
        }
        if (busy(l.id())) {
            throw CallRequestException.conflict(field.equals("mode") ? "agent" : field, "line " + l.id()
                    + " is busy with another call");
        }
        return l;
    }

    private boolean usable(ModemLine l) {
        return l.snapshot().status().state() == LineState.UP && l.calls().isPresent() && !busy(l.id());
    }

    private boolean busy(String lineId) {
        return active.values().stream().anyMatch(c -> c.holds.contains(lineId));
    }

    private String simNumber(ModemLine l) {
        String own = l.snapshot().identity().ownNumber();
        if (!own.isEmpty()) {
            return own;
        }
        String slotNumber = Optional.ofNullable(sims.get(l.id())).map(LineSims::configuredNumber).orElse("");
        return slotNumber.isEmpty() ? configuredNumbers.getOrDefault(l.id(), "") : slotNumber;
    }

    private String prefix(ModemLine l) {
        return Optional.ofNullable(sims.get(l.id())).map(LineSims::prefix).orElse("");
    }

    // --- SIM rotation and the call-rate warning -------------------------------------------------------------

    /**
     * 外呼频繁预警: when the line's current SIM already made the configured number of calls within the window,
     * a warning is raised, and with {@code block} the call is refused.
     */
    private void checkCallRate(ModemLine line) {
        LineSims ls = sims.get(line.id());
        if (ls == null || ls.warning().isEmpty()) {
            return;
        }
        FrequentCallWarnings.Rule rule = ls.warning().get();
        String iccid = line.snapshot().identity().iccid();
        int made = records.countCalls(iccid, scheduler.clock().instant().minus(rule.window())) + activeOn(iccid);
        if (made < rule.calls()) {
            return;
        }
        warnings.raise(new FrequentCallWarnings.Warning(io.branchline.box.store.TimeText.of(scheduler.clock()
                .instant()), line.id(), iccid, simNumber(line), made + 1, rule.window().toMinutes(), rule.block()));
        if (rule.block()) {
            throw CallRequestException.conflict("agent", "frequent-call warning: the SIM on line " + line.id()
                    + " made " + made + " calls within " + rule.window().toMinutes() + " minutes; calls are blocked");
        }
    }

    private int activeOn(String iccid) {
        return (int) active.values().stream().filter(c -> iccid.equals(c.view().simIccid())).count();
    }

    /** Moves the line to the SIM its rotation policy wants, skipping slots that fail to come up. */
    private void rotate(ModemLine line) {
        LineSims ls = sims.get(line.id());
        if (ls == null || ls.mux().isEmpty()) {
            return;
        }
        for (int attempt = 0; attempt < 5; attempt++) {
            String iccid = line.snapshot().identity().iccid();
            java.time.Instant now = scheduler.clock().instant();
            java.time.Instant windowStart = now.minus(ls.policy().window());
            Map<Integer, Integer> bySlot = new java.util.HashMap<>();
            for (int slot : ls.policy().slots()) {
                ls.slot(slot).map(SimSlot::iccid).filter(c -> !c.isEmpty())
                        .ifPresent(c -> bySlot.put(slot, records.countCalls(c, windowStart)));
            }
            RotationPolicy.Usage usage = new RotationPolicy.Usage(records.countCalls(iccid, ls.switchedAt()),
                    records.countCalls(iccid, windowStart), bySlot);
            Optional<Integer> want = ls.wantSlot(usage);
            if (want.isEmpty()) {
                return;
            }
            String expected = ls.slot(want.get()).map(SimSlot::iccid).orElse("");
            SimSwitchResult r = line.switchSim(ls.mux().get(), want.get(), expected, SIM_SWITCH_TIMEOUT).join();
            if (r.ok()) {
                ls.switched(scheduler.clock().instant());
                return;
            }
            log.warn("event=sim-slot-failed line={} slot={} why=\"{}\"", line.id(), want.get(), r.why());
            ls.markFailed(want.get());
        }
    }

    // --- forwarding left behind ----------------------------------------------------------------------------

    /** Erases what the journal says may still forward on this line (a crash, a power cut, a lost modem). */
    private void recoverForwarding(ModemLine line) {
        List<ForwardingJournal.Entry> left = journal.open().stream()
                .filter(e -> e.lineId().equals(line.id()) && !active.containsKey(e.callId())).toList();
        if (!left.isEmpty()) {
            Thread.ofVirtual().start(() -> {
                for (ForwardingJournal.Entry e : left) {
                    log.warn("event=forwarding-recovery call={} line={} target={}", e.callId(), e.lineId(), e.target());
                    forwardDial.erase(e.callId(), line);
                }
            });
        }
    }

    // --- state -----------------------------------------------------------------------------------------------

    /** Hears every call the moment the customer's phone rings (the CRM's "ringing" event). */
    public void onRinging(java.util.function.Consumer<CallView> listener) {
        ringingListeners.add(listener);
    }

    /** Hears every call the moment it is answered (the CRM's "answered" event). */
    public void onAnswered(java.util.function.Consumer<CallView> listener) {
        answeredListeners.add(listener);
    }

    private void watchAnswer(ActiveCall call, ModemCall mc) {
        watchAnswer(call, mc, media.handsetOf(call.agent.id()));
    }

    /** On answer: the CRM hears of it, and {@code ours} is joined with the customer's line and recorded. */
    private void watchAnswer(ActiveCall call, ModemCall mc, CallMedia.Side ours) {
        mc.onChange(c -> {
            if (c.phase() == io.branchline.hw.modem.CallPhase.ALERTING) {
                CallView v = call.view();
                ringingListeners.forEach(l -> l.accept(v));
            }
            if (c.phase() == io.branchline.hw.modem.CallPhase.ACTIVE) {
                CallView v = call.view();
                String lineId = call.lineId();
                media.answered(v, ours, () -> lines.line(lineId)
                        .orElseThrow(() -> new IllegalStateException("line " + lineId + " is gone")).openVoice());
                answeredListeners.forEach(l -> l.accept(v));
            }
        });
    }

    /**
     * The agent takes over from the opening message (F2, the API, lifting the handset): their voice reaches
     * the customer from the next frame. Empty if no such call is active.
     */
    public Optional<CallMedia.Takeover> takeover(String id) {
        return active.containsKey(id) ? Optional.of(media.takeover(id)) : Optional.empty();
    }

    /** The handset on this line was lifted: a call playing its opening message there is taken over. */
    public void takeoverLine(String lineId) {
        active.values().stream().filter(c -> c.holds.contains(lineId) && media.prompting(c.id)).forEach(c -> {
            log.info("event=handset-up line={} call={}", lineId, c.id);
            media.takeover(c.id);
        });
    }

    public CallMedia media() {
        return media;
    }

    /** The desk phone's handset went down: whatever call holds that line ends. */
    public void hangUpLine(String lineId) {
        active.values().stream().filter(c -> c.holds.contains(lineId)).forEach(c -> {
            log.info("event=handset-down line={} call={}", lineId, c.id);
            hangUp(c.id);
        });
    }

    /** Hangs up a call the box is placing; false if no such call is active. */
    public boolean hangUp(String id) {
        ActiveCall c = active.get(id);
        if (c == null) {
            return false;
        }
        c.hangUpRequested = true;
        // Every line the call holds: the customer's, and a callback's agent leg, each hung up if it has a call.
        for (String lineId : c.holds) {
            lines.line(lineId).flatMap(ModemLine::calls).filter(m -> m.current().isPresent())
                    .ifPresent(ModemCalls::hangUp);
        }
        return true;
    }

    public Optional<CallView> get(String id) {
        ActiveCall c = active.get(id);
        return c != null ? Optional.of(c.view()) : records.find(id);
    }

    public List<CallView> active() {
        return active.values().stream().map(ActiveCall::view).toList();
    }

    public CallRecords records() {
        return records;
    }

    public ForwardingJournal journal() {
        return journal;
    }

    public FrequentCallWarnings warnings() {
        return warnings;
    }

    public Optional<LineSims> sims(String lineId) {
        return Optional.ofNullable(sims.get(lineId));
    }
}
