package io.branchline.box.call;

import io.branchline.box.agent.Agents;
import io.branchline.box.guard.CallGuard;
import io.branchline.box.line.LineChoice;
import io.branchline.box.line.LinesFeature;
import io.branchline.box.line.SimRotation;
import io.branchline.box.line.Sims;
import io.branchline.hw.time.Scheduler;
import io.helidon.webserver.http.HttpRouting;
import java.util.ArrayList;
import java.util.List;

/**
 * The calls room: the table of calls up now, the watch every call goes through, line choice and SIM
 * rotation over the lines room, direct dialing, and the {@link CallControl} that runs the dial plans it is
 * given. The other plans (call-forward, callback) are built on {@link #choice()} and {@link #watch()}.
 * {@code /api/calls}.
 */
public final class CallsFeature {
    private final Agents agents;
    private final LinesFeature lines;
    private final CallRecords records;
    private final CallMedia media;
    private final Scheduler scheduler;
    private final CallTable table = new CallTable();
    private final CallWatch watch;
    private final LineChoice choice;
    private final DirectDial direct;
    private final TaskCalls taskCalls;
    private final SimRotation rotation;
    private CallControl control;
    private InboundCalls inbound;
    private io.branchline.box.agent.SeatStates seats;

    public CallsFeature(Agents agents, LinesFeature lines, CallRecords records, CallMedia media, Scheduler scheduler) {
        this.agents = agents;
        this.lines = lines;
        this.records = records;
        this.media = media;
        this.scheduler = scheduler;
        this.watch = new CallWatch(table, records, media, lines.registry());
        this.choice = new LineChoice(lines.registry(), agents, table::busy);
        this.rotation = new SimRotation(lines.sims(), records::countCalls, lines.warnings(), scheduler.clock());
        this.direct = new DirectDial(choice, lines.sims(), rotation, table, watch);
        this.taskCalls = new TaskCalls(table, records, watch, media, lines.sims(), rotation, scheduler.clock());
    }

    /**
     * SIM protection joins in: rotation moves off resting SIMs, and each call out, once recorded, is counted
     * towards its SIM's health (which may put the SIM to rest).
     */
    public void protect(io.branchline.box.line.SimHealth health) {
        rotation.avoid(iccid -> health.resting(iccid).isPresent());
        watch.onEnded(v -> {
            if (v.direction().equals(CallView.OUT) && !v.simIccid().isEmpty()) {
                try {
                    health.afterCall(v.simIccid(), v.line(), lines.sims().of(v.line()).map(ls -> ls.currentSlot())
                            .orElse(1), v.simNumber());
                } catch (RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(CallsFeature.class).warn("event=sim-health-failed call={} error=\"{}\"",
                            v.id(), e.getMessage());
                }
            }
        });
    }

    /** Whether the line's next call would go out on a resting SIM (the dialers leave such lines alone). */
    public boolean onRestingSim(io.branchline.hw.line.Line line) {
        return rotation.onRestingSim(line);
    }

    /** The calls dialing tasks place with no agent on them yet (group calls). */
    public TaskCalls taskCalls() {
        return taskCalls;
    }

    public CallRecords records() {
        return records;
    }

    public LineChoice choice() {
        return choice;
    }

    public CallWatch watch() {
        return watch;
    }

    public CallTable table() {
        return table;
    }

    /** The calls that ring the box's lines; once {@link #start} ran. */
    public InboundCalls inbound() {
        return inbound;
    }

    public Sims sims() {
        return lines.sims();
    }

    /**
     * Starts taking calls with direct dialing and {@code plans}, and the calls that ring the lines. The desk
     * phones' handsets join in: putting one down ends the call on its line, lifting it answers a call that
     * rings there, or during an opening message takes the call over.
     */
    public CallControl start(CallGuard guard, io.branchline.box.agent.SeatStates seats, List<DialPlan> plans) {
        this.seats = seats;
        List<DialPlan> all = new ArrayList<>(List.of(direct));
        all.addAll(plans);
        control = new CallControl(agents, lines.registry(), records, guard, table, watch, media, all, scheduler,
                agent -> agent.lineId().flatMap(lines.sims()::of).map(ls -> ls.dialing().dialMode()).orElse(""));
        CallControl c = control;
        InboundCalls in = new InboundCalls(table, lines.registry(), records, watch, media, agents, seats, lines.sims(),
                guard, scheduler.clock(), choice, lines.desk().ringers());
        inbound = in;
        in.listen();
        seats.watchCalls(agentId -> taskCalls.talking(agentId) || agents.find(agentId).map(a -> java.util.stream.Stream
                .of(a.lineId(), a.secondLineId()).flatMap(java.util.Optional::stream).anyMatch(table::busy)).orElse(false));
        watch.onEnded(v -> {
            if (v.connected() && !v.agent().isEmpty()) {
                seats.callEnded(v.agent());
            }
        });
        lines.desk().hooks().forEach((lineId, hook) -> hook.onChange(offHook -> {
            if (!offHook) {
                c.hangUpLine(lineId);
            } else if (!in.answerOn(lineId)) {
                c.takeoverLine(lineId);
            }
        }));
        return c;
    }

    /** {@code /api/calls}, a line's test call, and the switchboard's list and waiting callers. */
    public void routes(HttpRouting.Builder r, SwitchboardList switchboardList) {
        CallsService service = new CallsService(control, inbound, seats, scheduler.clock());
        r.register("/api/calls", service);
        r.register("/api/switchboard", new SwitchboardListService(switchboardList, inbound));
        r.post("/api/lines/{id}/test-call", service::testCall);
    }
}
