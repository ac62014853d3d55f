package io.branchline.box.call;

import io.branchline.box.agent.Agent;
import io.branchline.box.agent.Agents;
import io.branchline.box.agent.SeatStates;
import io.branchline.box.guard.CallGuard;
import io.branchline.box.guard.NumberList;
import io.branchline.box.ivr.Switchboard;
import io.branchline.box.line.LineChoice;
import io.branchline.box.line.LineRegistry;
import io.branchline.box.line.LineSims;
import io.branchline.box.line.Ringer;
import io.branchline.box.line.Sims;
import io.branchline.box.prompt.SpokenPosition;
import io.branchline.hw.audio.PcmPlayer;
import io.branchline.hw.modem.CallPhase;
import io.branchline.hw.modem.ModemCall;
import io.branchline.hw.line.LineCalls;
import io.branchline.hw.line.Line;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls that ring the box's lines (呼入). Each opens a call with its record at once (a crash while it rings
 * still leaves one), then follows its line's rule: a desk-phone SIM rings its own agent (the seed's 锦呼话机
 * 呼入), whose handset lifted answers it (ATA) and joins the caller's voice with the agent's, recorded as
 * every call is; an agent on a call, busy (示忙) or on a break (小休中) gets it only with
 * {@code inbound-when-busy: ring-anyway}, otherwise it is refused and kept as missed, for a call back. A
 * line that belongs to nobody lets it ring and keeps it as missed (until the switchboard takes such lines);
 * {@code inbound: refuse} and a blacklisted caller are hung up at once, or hear the line's refusal message
 * ({@code inbound-refusal}: a prompt) first. Every call ends with a record that says
 * how: answered (normal), missed, or refused.
 */
public final class InboundCalls {
    private static final Logger log = LoggerFactory.getLogger(InboundCalls.class);

    /** The agent of lines that belong to no agent: inbound calls there are kept for the office as a whole. */
    static final Agent NOBODY = new Agent("", "", "", Optional.empty(), Optional.empty(), Optional.empty());

    private final CallTable table;
    private final LineRegistry lines;
    private final CallRecords records;
    private final CallWatch watch;
    private final Agents agents;
    private final SeatStates seats;
    private final Sims sims;
    private final CallGuard guard;
    private final Clock clock;
    private final List<Consumer<CallView>> ringingForAgent = new CopyOnWriteArrayList<>();
    private final CallMedia media;
    private final CallQueues queues;
    private final LineChoice choice;
    /** The desk phones' ringers, by line. */
    private final Map<String, Ringer> ringers;
    private volatile Supplier<Switchboard.Setup> setup = () -> new Switchboard.Setup(Map.of(), Map.of(), true, "");
    private volatile Function<String, Optional<byte[]>> prompts = id -> Optional.empty();
    private volatile Function<String, Optional<String>> crmOwner = n -> Optional.empty();
    private final SpokenPosition position = new SpokenPosition();

    /**
     * The switchboard's setup (taken anew for each call), its prompts' audio, and the CRM's owner of a
     * caller's number (asked with a short timeout; empty when the CRM does not know or does not answer).
     */
    public void useSwitchboard(Supplier<Switchboard.Setup> setup, Function<String, Optional<byte[]>> prompts,
                               Function<String, Optional<String>> crmOwner) {
        this.setup = setup;
        this.prompts = prompts;
        this.crmOwner = crmOwner;
    }

    InboundCalls(CallTable table, LineRegistry lines, CallRecords records, CallWatch watch, CallMedia media,
                 Agents agents, SeatStates seats, Sims sims, CallGuard guard, Clock clock,
                 LineChoice choice, Map<String, Ringer> ringers) {
        this.choice = choice;
        this.ringers = Map.copyOf(ringers);
        this.media = media;
        this.table = table;
        this.lines = lines;
        this.records = records;
        this.watch = watch;
        this.agents = agents;
        this.seats = seats;
        this.sims = sims;
        this.guard = guard;
        this.clock = clock;
        this.queues = new CallQueues(new CallQueues.Stats() {
            @Override
            public java.time.Instant idleSince(String agent) {
                return seats.idleSince(agent);
            }

            @Override
            public Map<String, Integer> answeredToday() {
                return records.answeredSince(java.time.LocalDate.now(clock).atStartOfDay(clock.getZone()).toInstant());
            }
        }, new java.util.Random());
        // An agent freed (a call ended, a state changed) may be what a waiting caller waits for.
        watch.onEnded(v -> queues.changed());
        seats.onChange(queues::changed);
    }

    /** The callers waiting in the switchboard's queues now, per queue, in their order. */
    public Map<String, List<CallView>> waiting() {
        Map<String, List<CallView>> out = new java.util.LinkedHashMap<>();
        queues.waitingNow().forEach((q, calls) -> out.put(q.isEmpty() ? "distribute" : q,
                calls.stream().map(Call::view).toList()));
        return out;
    }

    /** Takes the calls that ring every line. */
    void listen() {
        for (Line l : lines.all()) {
            l.onIncoming(mc -> {
                try {
                    arrived(l, mc);
                } catch (RuntimeException e) {
                    log.error("event=inbound-call-failed line={} error=\"{}\"", l.id(), e.getMessage(), e);
                }
            });
        }
    }

    /**
     * Hears every inbound call the moment it starts ringing for an agent (the screen pop: 自动弹屏), with the
     * agent it rings for.
     */
    public void onRingingForAgent(Consumer<CallView> listener) {
        ringingForAgent.add(listener);
    }

    private void arrived(Line line, ModemCall mc) {
        String caller = mc.number();
        Optional<Agent> owner = agents.all().stream().filter(a -> a.lineId().filter(line.id()::equals).isPresent()
                || a.secondLineId().filter(line.id()::equals).isPresent()).findFirst();
        Optional<LineSims.Dialing> settings = sims.of(line.id()).map(LineSims::dialing);
        String rule = settings.map(LineSims.Dialing::inbound).filter(r -> !r.isEmpty())
                .orElse(owner.isPresent() ? "ring-agent" : "missed");
        Agent agent = owner.orElse(NOBODY);
        Call call = Call.inbound(UUID.randomUUID().toString(), agent, caller, clock,
                new Call.Placement(line.id(), line.snapshot().identity().iccid(), sims.ownNumber(line), "", "inbound"));
        call.attach(mc);
        // What becomes of it is decided before anyone sees it: a caller may hang up the next moment.
        String whenBusy = settings.map(LineSims.Dialing::inboundWhenBusy).orElse("");
        Optional<String> away = rule.equals("ring-agent") ? away(agent, line.id()) : Optional.empty();
        boolean refused = true;
        if (!caller.isEmpty() && guard.blacklist().find(NumberList.normalise(caller)).isPresent()) {
            call.outcome("refused", "the caller is on the blacklist");
        } else if (rule.equals("refuse")) {
            call.outcome("refused", "line " + line.id() + " takes no calls (inbound: refuse)");
        } else if (rule.equals("switchboard")) {
            refused = false;
        } else if (rule.equals("missed") || owner.isEmpty()) {
            refused = false; // rings unanswered until the caller gives up: nobody's desk phone to ring
            call.outcome(null, owner.isEmpty() ? "line " + line.id() + " belongs to no agent: kept as missed for a"
                    + " call back" : "line " + line.id() + " does not ring its agent (inbound: missed)");
        } else if (away.isPresent() && !whenBusy.equals("ring-anyway")) {
            call.outcome("missed", "agent " + agent.id() + " " + away.get() + ": kept as missed for a call back");
        } else {
            refused = false;
            away.ifPresent(why -> call.note("rang agent " + agent.id() + " although they " + why));
        }
        table.add(call);
        records.attempt(call.view());
        mc.ended().thenAccept(ended -> watch.ended(call));
        if (rule.equals("switchboard") && !refused) {
            io.branchline.hw.audio.SwitchedEndpoint ours = new io.branchline.hw.audio.SwitchedEndpoint("switchboard");
            watch.dialled(call, mc, () -> ours);
            String menu = settings.map(LineSims.Dialing::inboundMenu).orElse("");
            var sb = new SwitchboardCall(call, line.calls().orElseThrow(), setup.get(), ours, office());
            Thread.ofVirtual().name("switchboard " + call.id).start(() -> sb.run(menu));
            log.info("event=inbound-call call={} line={} caller={} rule=switchboard menu={}", call.id, line.id(),
                    caller.isEmpty() ? "(withheld)" : caller, menu);
            return;
        }
        watch.dialled(call, mc);
        log.info("event=inbound-call call={} line={} caller={} rule={} agent={} refused={}", call.id, line.id(),
                caller.isEmpty() ? "(withheld)" : caller, rule, agent.id(), refused);
        if (refused) {
            String message = settings.map(LineSims.Dialing::inboundRefusal).orElse("");
            Optional<byte[]> pcm = message.isEmpty() ? Optional.empty() : prompts.apply(message);
            if (pcm.isPresent() && line.calls().isPresent()) {
                // The line's refusal message: answered, played, hung up (still refused in the record).
                LineCalls modem = line.calls().get();
                Thread.ofVirtual().name("refusal " + call.id).start(() -> {
                    if (modem.answer() && media.play(call.id, new PcmPlayer(pcm.get()),
                            modem::hangUp)) {
                        return;
                    }
                    modem.hangUp();
                });
            } else {
                line.calls().ifPresent(LineCalls::hangUp);
            }
        } else if (rule.equals("ring-agent") && owner.isPresent()) {
            CallView v = call.view();
            ringingForAgent.forEach(l -> l.accept(v));
            Ringer bell = ringers.get(line.id());
            if (bell != null) {
                bell.start();
                mc.onChange(c -> {
                    if (c.phase() != CallPhase.ALERTING) {
                        bell.stop();
                    }
                });
                if (mc.phase() != CallPhase.ALERTING) {
                    bell.stop();
                }
            }
        }
    }

    /** What a switchboard call asks of the box. */
    private SwitchboardCall.Office office() {
        return new SwitchboardCall.Office() {
            @Override
            public Optional<byte[]> prompt(String id) {
                return id.isEmpty() ? Optional.empty() : prompts.apply(id);
            }

            @Override
            public Optional<Agent> agent(String id) {
                return agents.find(id);
            }

            @Override
            public Optional<String> away(Agent agent, Call forCall) {
                Optional<String> why = InboundCalls.this.away(agent, "");
                return why.isPresent() ? why : queues.ringingFor(agent.id(), forCall)
                        .map(c -> "was being rung for another call");
            }

            @Override
            public Optional<String> lastAgentOf(String caller) {
                if (caller.isEmpty()) {
                    return Optional.empty();
                }
                Optional<String> owner = crmOwner.apply(caller).filter(a -> agents.find(a).isPresent());
                if (owner.isPresent()) {
                    return owner;
                }
                for (String n : List.of(caller, caller.startsWith("+86") ? caller.substring(3) : "+86" + caller)) {
                    var f = new CallRecords.Filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(n),
                            Optional.of("connected"), 1, Optional.empty(), Optional.empty());
                    Optional<String> a = records.list(f).stream().map(CallView::agent).filter(x -> !x.isEmpty())
                            .findFirst();
                    if (a.isPresent()) {
                        return a;
                    }
                }
                return Optional.empty();
            }

            @Override
            public List<Agent> agents() {
                return agents.all();
            }

            @Override
            public void ringing(Call call, List<Agent> rung) {
                CallView v = call.view();
                for (Agent a : rung) {
                    CallView forAgent = v.forAgent(a.id());
                    ringingForAgent.forEach(l -> l.accept(forAgent));
                    bellOf(a).ifPresent(Ringer::start);
                }
            }

            @Override
            public void stopRinging(List<Agent> rung) {
                rung.forEach(a -> bellOf(a).ifPresent(Ringer::stop));
            }

            @Override
            public CallMedia media() {
                return media;
            }

            @Override
            public CallQueues queues() {
                return queues;
            }

            @Override
            public byte[] spokenPosition(int ahead) {
                return position.ahead(ahead);
            }

            @Override
            public Optional<AgentPhoneLeg> phone(Agent agent, Call call, Consumer<Agent> answered) {
                return media.hasHandset(agent.id()) ? Optional.empty()
                        : AgentPhoneLeg.ring(agent, call, choice, sims, table, answered);
            }
        };
    }

    /** The ringer of the agent's desk phone (card 1's, else card 2's), when it has one. */
    private Optional<Ringer> bellOf(Agent a) {
        return java.util.stream.Stream.of(a.lineId(), a.secondLineId()).flatMap(Optional::stream).map(ringers::get)
                .filter(java.util.Objects::nonNull).findFirst();
    }

    /** Why the agent cannot take a call now (on a call, busy, on a break), or empty when they can. */
    private Optional<String> away(Agent agent, String ringingOn) {
        for (Optional<String> card : List.of(agent.lineId(), agent.secondLineId())) {
            if (card.isPresent() && !card.get().equals(ringingOn) && table.busy(card.get())) {
                return Optional.of("was on a call");
            }
        }
        if (table.all().stream().anyMatch(c -> c.onOwnPhoneOf(agent.id()))) {
            return Optional.of("was on a call on their own phone");
        }
        if (seats.activity(agent.id()).equals("wrap-up")) {
            return Optional.of("was wrapping up a call");
        }
        return switch (seats.of(agent.id())) {
            case "busy" -> Optional.of("was busy (示忙)");
            case "break" -> Optional.of("was on a break (小休中)");
            default -> Optional.empty();
        };
    }

    /**
     * The agent takes the call ringing on {@code lineId} (lifted the handset, or answered from the page);
     * false when no inbound call rings there.
     */
    boolean answerOn(String lineId) {
        Optional<Call> ringing = table.holding(lineId).stream().filter(c -> c.direction.equals(CallView.IN))
                .filter(c -> c.modemCall() != null && c.modemCall().phase() == CallPhase.ALERTING).findFirst();
        if (ringing.isPresent()) {
            return answer(ringing.get(), a -> true);
        }
        // A switchboard call ringing the agent whose desk phone this is.
        Optional<Agent> owner = agents.all().stream().filter(a -> a.lineId().filter(lineId::equals).isPresent()
                || a.secondLineId().filter(lineId::equals).isPresent()).findFirst();
        if (owner.isEmpty()) {
            return false;
        }
        Optional<Call> forAgent = table.all().stream().filter(c -> c.offer != null && c.offer.to(owner.get().id()))
                .findFirst();
        return forAgent.isPresent() && forAgent.get().offer.taken().complete(owner.get());
    }

    /**
     * Answers the inbound call {@code id} if it rings; false otherwise. A switchboard call offered to several
     * agents goes to the first of them {@code viewer} sees (an agent answering from the page is that agent).
     */
    public boolean answer(String id, java.util.function.Predicate<String> viewer) {
        return table.get(id).map(c -> answer(c, viewer)).orElse(false);
    }

    /** The agents a switchboard call {@code id} is offered to now (empty for any other call). */
    public List<String> offeredTo(String id) {
        return table.get(id).map(c -> c.offer).map(o -> o.agents().stream().map(Agent::id).toList()).orElse(List.of());
    }

    /** Answers an inbound call that rings (ATA); its voice is joined and recorded once the modem connects it. */
    boolean answer(Call call, java.util.function.Predicate<String> viewer) {
        Call.Offer offer = call.offer;
        if (offer != null) {
            return offer.agents().stream().filter(a -> viewer.test(a.id())).findFirst()
                    .map(a -> offer.taken().complete(a)).orElse(false);
        }
        ModemCall mc = call.modemCall();
        if (!call.direction.equals(CallView.IN) || mc == null || mc.phase() != CallPhase.ALERTING) {
            return false;
        }
        boolean answered = lines.line(call.lineId()).flatMap(Line::calls).map(LineCalls::answer).orElse(false);
        log.info("event=inbound-call-answer call={} agent={} answered={}", call.id, call.agentId(), answered);
        return answered;
    }
}
