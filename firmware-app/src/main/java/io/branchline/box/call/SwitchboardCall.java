package io.branchline.box.call;

import io.branchline.box.agent.Agent;
import io.branchline.box.ivr.Menu;
import io.branchline.hw.audio.DtmfDetector;
import io.branchline.hw.audio.SwitchedEndpoint;
import io.branchline.hw.modem.CallPhase;
import io.branchline.hw.modem.ModemCalls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One caller in the switchboard (总机, 智能语音导航), on the call's own thread: the box answers, plays the
 * line's menu, hears the caller's keys in the voice (DTMF), and follows each key to another menu, an agent,
 * the agents (the one who last talked to this caller if free, else a free one at random), dial-by-extension,
 * a message or a hang-up, with the menu's timeout, retries and fallback. The menus are the ones of the
 * moment the call came: an edit never changes a call in progress. The agent rung answers as for any inbound
 * call (handset, page, API) and their handset takes the place of the menu's silence; every call ends with a
 * record saying how, and which way it went through the menus.
 */
final class SwitchboardCall {
    private static final Logger log = LoggerFactory.getLogger(SwitchboardCall.class);
    static final Duration RING_AGENT = Duration.ofSeconds(30);
    static final int MAX_STEPS = 50;

    /** What the switchboard needs of the box. */
    interface Office {
        /** The prompt's audio (8 kHz PCM), when it is still there. */
        Optional<byte[]> prompt(String id);

        Optional<Agent> agent(String id);

        /** Why the agent cannot take a call now, or empty when they can. */
        Optional<String> away(Agent agent);

        /** The agent who last talked with {@code caller}, if any. */
        Optional<String> lastAgentOf(String caller);

        List<Agent> agents();

        /** The call rings {@code agent}: the screen pop. */
        void ringing(Call call);

        CallMedia media();
    }

    private final Call call;
    private final ModemCalls modem;
    private final Map<String, Menu> menus;
    private final SwitchedEndpoint ours;
    private final Office office;
    private final BlockingQueue<Character> keys = new LinkedBlockingQueue<>();
    private final List<String> path = new ArrayList<>();
    private final java.util.Random random;

    SwitchboardCall(Call call, ModemCalls modem, Map<String, Menu> menus, SwitchedEndpoint ours, Office office,
                    java.util.Random random) {
        this.call = call;
        this.modem = modem;
        this.menus = Map.copyOf(menus);
        this.ours = ours;
        this.office = office;
        this.random = random;
    }

    void run(String firstMenu) {
        call.outcome("abandoned", "the caller hung up in the switchboard");
        if (!modem.answer()) {
            call.outcome("missed", "the caller hung up before the switchboard answered");
            return;
        }
        DtmfDetector detector = new DtmfDetector(keys::offer);
        if (!office.media().hear(call.id, detector::frame)) {
            end("missed", "the call's voice could not be opened for the switchboard");
            return;
        }
        try {
            walk(firstMenu);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean over() {
        return call.modemCall() == null || call.modemCall().phase() == CallPhase.ENDED;
    }

    private void walk(String start) throws InterruptedException {
        String menuId = start;
        int tries = 0;
        for (int step = 0; step < MAX_STEPS && !over(); step++) {
            Menu m = menus.get(menuId);
            if (m == null) {
                end("missed", "switchboard menu " + menuId + " is not there");
                return;
            }
            keys.clear();
            long promptMs = play(m.prompt());
            Character key = keys.poll(promptMs + m.timeout() * 1000L, TimeUnit.MILLISECONDS);
            Menu.Destination d;
            if (key == null || !m.keys().containsKey(String.valueOf(key))) {
                path.add(menuId + ":" + (key == null ? "-" : String.valueOf(key)));
                if (++tries <= m.retries()) {
                    office.media().stopPlaying(call.id);
                    String again = key == null ? m.timeoutPrompt() : m.invalidPrompt();
                    if (!again.isEmpty()) {
                        waitFor(play(again));
                    }
                    continue;
                }
                d = m.fallback();
            } else {
                office.media().stopPlaying(call.id);
                path.add(menuId + ":" + key);
                d = m.keys().get(String.valueOf(key));
            }
            switch (d.type()) {
                case "menu" -> {
                    menuId = d.target();
                    tries = 0;
                }
                case "repeat" -> tries = 0;
                case "message" -> {
                    waitFor(play(d.target()));
                    end(null, "the switchboard played a message and hung up");
                    return;
                }
                case "hangup" -> {
                    end(null, "the switchboard hung up");
                    return;
                }
                case "agent" -> {
                    ring(office.agent(d.target()));
                    return;
                }
                case "distribute" -> {
                    ring(choose());
                    return;
                }
                case "extension" -> {
                    ring(office.agent(extension()));
                    return;
                }
                default -> {
                    end("missed", "unknown destination " + d.type());
                    return;
                }
            }
        }
        if (!over()) {
            end("missed", "the caller went round the menus too long");
        }
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

    /** The agent who last talked with this caller if they are free, else a free agent at random. */
    private Optional<Agent> choose() {
        Optional<Agent> last = office.lastAgentOf(call.numberGiven).flatMap(office::agent)
                .filter(a -> office.away(a).isEmpty());
        if (last.isPresent()) {
            path.add("last-agent:" + last.get().id());
            return last;
        }
        List<Agent> free = office.agents().stream().filter(a -> office.away(a).isEmpty()).toList();
        return free.isEmpty() ? Optional.empty() : Optional.of(free.get(random.nextInt(free.size())));
    }

    private void ring(Optional<Agent> to) throws InterruptedException {
        if (to.isEmpty()) {
            end("missed", "no agent was free (or no such extension)");
            return;
        }
        Agent agent = to.get();
        Optional<String> away = office.away(agent);
        if (away.isPresent()) {
            end("missed", "agent " + agent.id() + " " + away.get());
            return;
        }
        call.routeTo(agent);
        CompletableFuture<Void> answered = new CompletableFuture<>();
        call.agentAnswer = answered;
        call.note(route());
        office.ringing(call);
        long until = System.currentTimeMillis() + RING_AGENT.toMillis();
        try {
            // Checked every 200 ms: a caller who hangs up while it rings ends the wait too.
            while (!answered.isDone() && !over() && System.currentTimeMillis() < until) {
                try {
                    answered.get(200, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                    // not yet
                }
            }
        } finally {
            call.agentAnswer = null;
        }
        if (!answered.isDone()) {
            if (!over()) {
                end("missed", "agent " + agent.id() + " did not answer within " + RING_AGENT.toSeconds() + " s");
            }
            return;
        }
        try {
            ours.switchTo(office.media().handsetOf(agent.id()).open());
        } catch (Exception e) {
            log.warn("event=switchboard-handset-failed call={} agent={} error=\"{}\"", call.id, agent.id(), e.getMessage());
        }
        office.media().stopPlaying(call.id);
        call.outcome(null, route());
        log.info("event=switchboard-answered call={} agent={} path={}", call.id, agent.id(), String.join(",", path));
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
        office.media().play(call.id, pcm.get(), () -> { });
        return pcm.get().length / 16L;
    }

    private void waitFor(long ms) throws InterruptedException {
        long until = System.currentTimeMillis() + ms;
        while (System.currentTimeMillis() < until && !over()) {
            Thread.sleep(Math.min(100, Math.max(1, until - System.currentTimeMillis())));
        }
    }

    private void end(String outcome, String why) {
        call.outcome(outcome, route() + ": " + why);
        log.info("event=switchboard-ended call={} outcome={} why=\"{}\"", call.id, outcome, why);
        modem.hangUp();
    }
}
