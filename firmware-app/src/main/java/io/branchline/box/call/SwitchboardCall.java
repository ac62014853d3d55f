package io.branchline.box.call;

import io.branchline.box.agent.Agent;
import io.branchline.box.ivr.Menu;
import io.branchline.box.ivr.Queue;
import io.branchline.box.ivr.Switchboard;
import io.branchline.hw.audio.DtmfDetector;
import io.branchline.hw.audio.PcmLoop;
import io.branchline.hw.audio.PcmPlayer;
import io.branchline.hw.audio.SwitchedEndpoint;
import io.branchline.hw.modem.CallPhase;
import io.branchline.hw.line.LineCalls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One caller in the switchboard (总机, 智能语音导航), on the call's own thread: the box answers, plays the
 * line's menu (the closed menu outside office hours), hears the caller's keys in the voice (DTMF), and
 * follows each key to another menu, a queue, an agent, the agents, dial-by-extension, a message or a
 * hang-up, with the menu's timeout, retries and fallback. In a queue the caller hears the hold audio and,
 * if the queue says so, their place, until an agent takes the call or the queue's wait runs out and the
 * overflow says where next. The setup is the one of the moment the call came: an edit never changes a call
 * in progress. The agent rung answers as for any inbound call (handset, page, API) and their handset takes
 * the place of the hold audio; every call ends with a record saying how, and which way it went.
 */
final class SwitchboardCall {
    private static final Logger log = LoggerFactory.getLogger(SwitchboardCall.class);
    static final Duration RING_AGENT = Duration.ofSeconds(30);
    static final int MAX_STEPS = 50;
    private static final byte[] RINGBACK = PcmLoop.ringbackCycle();
    /** {@code distribute}: every agent, the caller's last one first, else one at random; nobody waits. */
    static final Queue EVERYONE = new Queue("", "the agents", "random", List.of(), true, (int) RING_AGENT.toSeconds(),
            0, "", 0, new Menu.Destination("hangup", ""));

    /** What the switchboard needs of the box. */
    interface Office {
        /** The prompt's audio (8 kHz PCM), when it is still there. */
        Optional<byte[]> prompt(String id);

        Optional<Agent> agent(String id);

        /** Why the agent cannot take {@code call} now, or empty when they can. */
        Optional<String> away(Agent agent, Call call);

        /** The agent who last talked with {@code caller}, if any. */
        Optional<String> lastAgentOf(String caller);

        List<Agent> agents();

        /** The call rings these agents: the screen pop, their desk phones' ringers. */
        void ringing(Call call, List<Agent> agents);

        /** The call rings these agents no more (taken, or given up): their ringers stop. */
        void stopRinging(List<Agent> agents);

        CallMedia media();

        CallQueues queues();

        /** What a caller with {@code ahead} callers before them hears of their place. */
        byte[] spokenPosition(int ahead);

        /**
         * Rings {@code agent}'s own phone (mobile, extension) by a leg out when they have no handset on the
         * box; {@code answered} hears them answer. Empty for an agent with a handset, or no phone, or no line.
         */
        Optional<AgentPhoneLeg> phone(Agent agent, Call call, java.util.function.Consumer<Agent> answered);
    }

    private final Call call;
    private final LineCalls modem;
    private final Switchboard.Setup setup;
    private final SwitchedEndpoint ours;
    private final Office office;
    private final BlockingQueue<Character> keys = new LinkedBlockingQueue<>();
    private final java.util.function.Consumer<Character> fromTheModem = keys::offer;
    private final List<String> path = new ArrayList<>();
    /** The audio a waiting caller hears again and again, while they wait; null otherwise. */
    private volatile byte[] holding;
    /** The leg to the agent's own phone that took the call, when one did. */
    private volatile AgentPhoneLeg takenBy;

    SwitchboardCall(Call call, LineCalls modem, Switchboard.Setup setup, SwitchedEndpoint ours, Office office) {
        this.call = call;
        this.modem = modem;
        this.setup = setup;
        this.ours = ours;
        this.office = office;
    }

    void run(String linesMenu) {
        call.outcome("abandoned", "the caller hung up in the switchboard");
        if (!modem.answer()) {
            call.outcome("missed", "the caller hung up before the switchboard answered");
            return;
        }
        // The caller's keys: from the modem where it detects them (Quectel, SIMCom), else heard in the voice.
        // One source only, so that no key counts twice.
        boolean fromModem = modem.keysFromLine();
        if (fromModem) {
            modem.keysTo(fromTheModem);
        }
        DtmfDetector detector = new DtmfDetector(keys::offer);
        if (!office.media().hear(call.id, fromModem ? frame -> { } : detector::frame)) {
            modem.keysDone(fromTheModem);
            end("missed", "the call's voice could not be opened for the switchboard");
            return;
        }
        String first = setup.firstMenu(linesMenu);
        if (!first.equals(linesMenu)) {
            path.add("closed");
        }
        try {
            Menu.Destination next = new Menu.Destination("menu", first);
            for (int step = 0; step < MAX_STEPS && next != null && !over(); step++) {
                next = follow(next);
            }
            if (next != null && !over()) {
                end("missed", "the caller went round the menus too long");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            modem.keysDone(fromTheModem);
            office.queues().release(call);
        }
    }

    private boolean over() {
        return call.modemCall() == null || call.modemCall().phase() == CallPhase.ENDED;
    }

    /** Takes the caller where {@code d} says; where they go next, or null when the call is settled. */
    private Menu.Destination follow(Menu.Destination d) throws InterruptedException {
        switch (d.type()) {
            case "menu" -> {
                return menu(d.target());
            }
            case "message" -> {
                waitFor(play(d.target()));
                end(null, "the switchboard played a message and hung up");
                return null;
            }
            case "hangup" -> {
                end(null, "the switchboard hung up");
                return null;
            }
            case "agent" -> {
                ringOne(office.agent(d.target()), d.target());
                return null;
            }
            case "extension" -> {
                String ext = extension();
                ringOne(office.agent(ext), ext);
                return null;
            }
            case "distribute" -> {
                return queue(EVERYONE);
            }
            case "queue" -> {
                Queue q = setup.queues().get(d.target());
                if (q == null) {
                    end("missed", "switchboard queue " + d.target() + " is not there");
                    return null;
                }
                return queue(q);
            }
            default -> {
                end("missed", "unknown destination " + d.type());
                return null;
            }
        }
    }

    /** Plays menu {@code id} until a key it knows, or its retries are spent; where that sends the caller. */
    private Menu.Destination menu(String id) throws InterruptedException {
        Menu m = setup.menus().get(id);
        if (m == null) {
            end("missed", "switchboard menu " + id + " is not there");
            return null;
        }
        int tries = 0;
        while (!over()) {
            keys.clear();
            long promptMs = play(m.prompt());
            Character key = keys.poll(promptMs + m.timeout() * 1000L, TimeUnit.MILLISECONDS);
            Menu.Destination d = key == null ? null : m.keys().get(String.valueOf(key));
            path.add(id + ":" + (key == null ? "-" : String.valueOf(key)));
            office.media().stopPlaying(call.id);
            if (d == null) {
                if (++tries > m.retries()) {
                    return m.fallback();
                }
                String again = key == null ? m.timeoutPrompt() : m.invalidPrompt();
                if (!again.isEmpty()) {
                    waitFor(play(again));
                }
            } else if (d.type().equals("repeat")) {
                tries = 0;
            } else {
                return d;
            }
        }
        return null;
    }

    /** The keys up to # (or a pause of 5 s): an agent's id. */
    private String extension() throws InterruptedException {
        StringBuilder digits = new StringBuilder();
        while (digits.length() < 32) {
            Character k = keys.poll(5, TimeUnit.SECONDS);
            if (k == null || k == '#') {
                break;
            }
            digits.append(k);
        }
        path.add("extension:" + digits);
        return digits.toString();
    }

    /** One agent, rung for {@link #RING_AGENT} when free; the call is theirs or missed. */
    private void ringOne(Optional<Agent> to, String asked) throws InterruptedException {
        if (to.isEmpty()) {
            end("missed", "there is no agent " + asked);
            return;
        }
        Agent agent = to.get();
        Optional<String> away = office.away(agent, call);
        if (away.isPresent() || !office.queues().claim(agent, call)) {
            end("missed", "agent " + agent.id() + " " + away.orElse("was being rung for another call"));
            return;
        }
        hold(RINGBACK);
        Optional<Agent> took = ring(List.of(agent), RING_AGENT);
        if (took.isPresent()) {
            connect(took.get());
        } else if (!over()) {
            end("missed", "agent " + agent.id() + " did not answer within " + RING_AGENT.toSeconds() + " s");
        }
    }

    /**
     * The caller waits in {@code q} for one of its agents, hearing the hold audio and their place, up to the
     * queue's wait; null when an agent took the call or the caller left, else where the overflow sends them.
     */
    private Menu.Destination queue(Queue q) throws InterruptedException {
        String name = q.id().isEmpty() ? "the agents" : "queue " + q.id();
        if (!q.id().isEmpty()) {
            path.add("queue:" + q.id());
        }
        call.outcome("abandoned", route() + ": the caller hung up waiting for " + name);
        hold(q.holdPrompt().isEmpty() ? RINGBACK : office.prompt(q.holdPrompt()).orElse(RINGBACK));
        // Asked while the caller already hears the hold audio: the CRM may take up to its limit to answer.
        Optional<String> last = q.lastAgentFirst() ? office.lastAgentOf(call.numberGiven) : Optional.empty();
        CallQueues queues = office.queues();
        queues.enter(q.id(), call);
        long start = System.currentTimeMillis();
        long until = start + q.maxWaitSeconds() * 1000L;
        long announce = q.announceEvery() > 0 ? start : Long.MAX_VALUE;
        Set<String> tried = new HashSet<>();
        try {
            do {
                List<Agent> offer = queues.offer(q, call, tried, last, a -> office.away(a, call), office.agents());
                if (!offer.isEmpty()) {
                    if (last.isPresent() && offer.size() == 1 && offer.get(0).id().equals(last.get())) {
                        path.add("last-agent:" + last.get());
                    }
                    last = Optional.empty(); // the caller's last agent is offered once, first
                    Optional<Agent> took = ring(offer, Duration.ofSeconds(q.ringSeconds()));
                    if (took.isPresent()) {
                        connect(took.get());
                        return null;
                    }
                    offer.forEach(a -> tried.add(a.id()));
                    continue;
                }
                if (System.currentTimeMillis() >= announce) {
                    byte[] where = office.spokenPosition(queues.ahead(q.id(), call));
                    office.media().play(call.id, new PcmPlayer(where), this::holdAgain);
                    announce = System.currentTimeMillis() + q.announceEvery() * 1000L;
                }
                queues.await(Math.min(500, Math.max(1, until - System.currentTimeMillis())));
            } while (!over() && System.currentTimeMillis() < until);
        } finally {
            int ahead = queues.ahead(q.id(), call);
            queues.leave(q.id(), call);
            if (over()) {
                call.outcome("abandoned", route() + ": the caller hung up after " + seconds(start) + " s waiting for "
                        + name + (ahead > 0 ? " with " + ahead + " before them" : ""));
            }
        }
        if (over()) {
            return null;
        }
        Menu.Destination next = q.overflow();
        if (next.type().equals("hangup")) {
            end("missed", q.maxWaitSeconds() == 0 ? "no agent was free" : "no agent took the call within "
                    + seconds(start) + " s in " + name);
            return null;
        }
        path.add("overflow");
        stopHold();
        return next;
    }

    private static long seconds(long since) {
        return Math.round((System.currentTimeMillis() - since) / 1000.0);
    }

    /**
     * Rings {@code agents} (already set aside for this call) for up to {@code ringFor}; the one who took it.
     * A caller who hangs up while it rings ends the wait at once (checked every 200 ms).
     */
    private Optional<Agent> ring(List<Agent> agents, Duration ringFor) throws InterruptedException {
        Call.Offer offer = new Call.Offer(List.copyOf(agents), new CompletableFuture<>());
        call.routeTo(agents.get(0));
        call.offer = offer;
        call.note(route());
        List<AgentPhoneLeg> legs = new ArrayList<>();
        for (Agent a : agents) {
            office.phone(a, call, offer.taken()::complete).ifPresent(legs::add);
        }
        office.ringing(call, agents);
        long until = System.currentTimeMillis() + ringFor.toMillis();
        try {
            while (!offer.taken().isDone() && !over() && System.currentTimeMillis() < until) {
                try {
                    offer.taken().get(200, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                    // not yet
                }
            }
        } finally {
            call.offer = null;
            office.stopRinging(agents);
            office.queues().release(call);
        }
        offer.taken().complete(null); // an answer from now on finds nothing to take
        Optional<Agent> took = Optional.ofNullable(offer.taken().getNow(null)).filter(a -> !over());
        for (AgentPhoneLeg leg : legs) {
            if (took.isPresent() && leg.agent == took.get() && leg.answered()) {
                takenBy = leg;
            } else {
                leg.hangUp(); // the others' phones stop ringing
            }
        }
        return took;
    }

    /** The agent took the call: their handset replaces the hold audio. */
    private void connect(Agent agent) {
        call.routeTo(agent);
        stopHold();
        AgentPhoneLeg leg = takenBy;
        try {
            if (leg != null) {
                // The agent talks on their own phone: that line's voice is ours; either end hanging up ends both.
                ours.switchTo(leg.line.openVoice());
                call.agentLeg(new CallView.AgentLeg(leg.line.id(), agent.callbackNumber().orElse(""),
                        leg.leg.answeredAt().map(io.branchline.box.store.TimeText::of).orElse(null)));
                leg.leg.ended().thenRun(() -> {
                    if (!over()) {
                        modem.hangUp();
                    }
                });
                call.modemCall().ended().thenRun(leg::hangUp);
            } else {
                ours.switchTo(office.media().handsetOf(agent.id()).open());
            }
        } catch (Exception e) {
            log.warn("event=switchboard-handset-failed call={} agent={} error=\"{}\"", call.id, agent.id(), e.getMessage());
        }
        call.outcome(null, route());
        log.info("event=switchboard-answered call={} agent={} path={}", call.id, agent.id(), String.join(",", path));
    }

    private void hold(byte[] pcm) {
        holding = pcm;
        office.media().play(call.id, new PcmLoop(pcm), () -> { });
    }

    /** After the caller's place was spoken, the hold audio again (while still holding). */
    private void holdAgain() {
        byte[] h = holding;
        if (h != null && !over()) {
            office.media().play(call.id, new PcmLoop(h), () -> { });
        }
    }

    private void stopHold() {
        holding = null;
        office.media().stopPlaying(call.id);
    }

    private String route() {
        return "switchboard " + String.join(" ", path);
    }

    /** Plays a prompt to the caller; how long it lasts (0 when it is not there). */
    private long play(String promptId) {
        Optional<byte[]> pcm = office.prompt(promptId);
        if (pcm.isEmpty()) {
            return 0;
        }
        office.media().play(call.id, new PcmPlayer(pcm.get()), () -> { });
        return pcm.get().length / 16L;
    }

    private void waitFor(long ms) throws InterruptedException {
        long until = System.currentTimeMillis() + ms;
        while (System.currentTimeMillis() < until && !over()) {
            Thread.sleep(Math.min(100, Math.max(1, until - System.currentTimeMillis())));
        }
    }

    private void end(String outcome, String why) {
        stopHold();
        call.outcome(outcome, route() + ": " + why);
        log.info("event=switchboard-ended call={} outcome={} why=\"{}\"", call.id, outcome, why);
        modem.hangUp();
    }
}
