package io.branchline.box.call;

import io.branchline.box.prompt.Prompts;
import io.branchline.box.recording.Recordings;
import io.branchline.hw.audio.Bridge;
import io.branchline.hw.audio.FrameClock;
import io.branchline.hw.audio.Handset;
import io.branchline.hw.audio.JitterBuffer;
import io.branchline.hw.audio.Pcm;
import io.branchline.hw.audio.PcmEndpoint;
import io.branchline.hw.audio.PcmPlayer;
import io.branchline.hw.audio.WavRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The voices of connected calls: when a call is answered its two sides are joined on the frame clock (the
 * agent's handset, or leg A of a callback, with the customer's modem), the call is recorded, and the
 * opening message, if one is chosen, plays to the customer until the agent takes over. When the call ends
 * the recording is made exactly as long as the talk time, synced, and handed to the call's record.
 */
public final class CallMedia {
    private static final Logger log = LoggerFactory.getLogger(CallMedia.class);

    /** Opens one side of a call's voice; throws saying why it cannot. */
    public interface Side {
        PcmEndpoint open() throws Exception;
    }

    /** What became of a call's recording, and what to write with its record. */
    public record Outcome(Optional<Recordings.Done> done, String why, Consumer<DSLContext> mark) {
    }

    private final FrameClock clock;
    private final Recordings recordings;
    private final Prompts prompts;
    private final Map<String, Handset> handsets;
    private final Map<String, Media> media = new ConcurrentHashMap<>();
    private final List<JitterBuffer.Stats> finishedA = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<JitterBuffer.Stats> finishedB = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static final class Media {
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        final List<PcmEndpoint> ends = new ArrayList<>();
        volatile Bridge bridge;
        volatile AutoCloseable ticking;
        volatile WavRecorder recorder;
        volatile String problem = "";
        volatile String promptNote = "";
    }

    public CallMedia(FrameClock clock, Recordings recordings, Prompts prompts, Map<String, Handset> handsets) {
        this.clock = clock;
        this.recordings = recordings;
        this.prompts = prompts;
        this.handsets = Map.copyOf(handsets);
    }

    /** Whether the agent has a handset on the box (else their own phone is rung by a leg out). */
    public boolean hasHandset(String agentId) {
        return handsets.containsKey(agentId);
    }

    /** The agent's handset as a side, or a silent one when the agent has none configured. */
    public Side handsetOf(String agentId) {
        Handset h = handsets.get(agentId);
        return h == null ? () -> PcmEndpoint.silent("no handset for agent " + agentId) : h::open;
    }

    /** The call was answered: join {@code ours} and {@code customer}, record, and play the opening message. */
    public void answered(CallView v, Side ours, Side customer) {
        Media m = new Media();
        if (media.putIfAbsent(v.id(), m) != null) {
            return;
        }
        Thread.ofVirtual().name("media " + v.id()).start(() -> {
            try {
                PcmEndpoint c = customer.open();
                m.ends.add(c);
                PcmEndpoint a = ours.open();
                m.ends.add(a);
                Bridge bridge = new Bridge(a, c);
                m.recorder = recordings.begin(v);
                bridge.tap(m.recorder::frame);
                // The opening message is the box speaking first on a call it made; a caller hears the agent.
                Optional<byte[]> opening = v.direction().equals(CallView.IN) ? Optional.empty()
                        : prompts.openingFor(v.agent(), v.line());
                if (opening.isPresent()) {
                    m.promptNote = "opening message played";
                    bridge.feed(new PcmPlayer(opening.get()), () -> {
                        m.promptNote = "opening message played to its end";
                        log.info("event=opening-message-ended call={}", v.id());
                    });
                }
                m.bridge = bridge;
                m.ticking = clock.add(bridge);
                log.info("event=call-media-up call={} ours={} customer={} opening={}", v.id(), a.name(), c.name(),
                        opening.isPresent());
            } catch (Exception e) {
                m.problem = e.getMessage() == null ? e.toString() : e.getMessage();
                log.warn("event=call-not-recorded call={} why=\"{}\"", v.id(), m.problem);
            } finally {
                m.ready.complete(null);
            }
        });
    }

    /** The call's bridge once its voices are joined (waits up to 5 s for that); empty without media. */
    private Optional<Bridge> bridge(String callId) {
        Media m = media.get(callId);
        if (m == null) {
            return Optional.empty();
        }
        try {
            m.ready.get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            return Optional.empty();
        }
        return Optional.ofNullable(m.bridge);
    }

    /**
     * Plays {@code sound} to the far party of {@code callId} (a switchboard prompt, hold audio) instead of our
     * side's voice, then runs {@code onEnd} once it ends of itself; false when the call has no voice.
     */
    public boolean play(String callId, io.branchline.hw.audio.FrameSource sound, Runnable onEnd) {
        Optional<Bridge> b = bridge(callId);
        b.ifPresent(x -> x.feed(sound, onEnd));
        return b.isPresent();
    }

    /** Stops what {@link #play} plays. */
    public void stopPlaying(String callId) {
        bridge(callId).ifPresent(Bridge::dropFeed);
    }

    /** Hands every frame the far party sends on {@code callId} to {@code fromThem} (on the clock's thread). */
    public boolean hear(String callId, Consumer<byte[]> fromThem) {
        Optional<Bridge> b = bridge(callId);
        b.ifPresent(x -> x.tap((towardThem, theirs) -> fromThem.accept(theirs)));
        return b.isPresent();
    }

    /** The agent takes over from the opening message: their voice reaches the customer from the next frame. */
    public Takeover takeover(String callId) {
        Media m = media.get(callId);
        if (m == null || m.bridge == null) {
            return new Takeover(Takeover.Kind.NO_MEDIA, -1);
        }
        long at = m.bridge.frames() * Pcm.FRAME_MILLIS;
        if (m.bridge.dropFeed()) {
            m.promptNote = "opening message, taken over after " + at + " ms";
            log.info("event=takeover call={} after_ms={}", callId, at);
            return new Takeover(Takeover.Kind.TAKEN_OVER, at);
        }
        return new Takeover(Takeover.Kind.ALREADY_JOINED, at);
    }

    /** What a takeover did, and when in the call's media time (ms from the start of its recording). */
    public record Takeover(Kind kind, long atMs) {
        public enum Kind { TAKEN_OVER, ALREADY_JOINED, NO_MEDIA }
    }

    /** Whether an opening message is playing on this call now. */
    public boolean prompting(String callId) {
        Media m = media.get(callId);
        return m != null && m.bridge != null && m.bridge.feeding();
    }

    /**
     * The call ended after {@code talkMs}: stops its voices and finishes the recording at exactly the talk
     * time (within a frame). Unanswered calls have no media and get "not answered".
     */
    public Outcome ended(String callId, long talkMs) {
        Media m = media.remove(callId);
        if (m == null) {
            return new Outcome(Optional.empty(), "", dsl -> { });
        }
        try {
            m.ready.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            m.problem = "the voice path did not open in time";
        }
        if (m.ticking != null) {
            try {
                m.ticking.close();
            } catch (Exception e) {
                log.warn("event=media-stop-failed call={}", callId, e);
            }
        }
        for (PcmEndpoint e : m.ends) {
            try {
                e.close();
            } catch (RuntimeException ex) {
                log.warn("event=voice-close-failed call={} end={} error=\"{}\"", callId, e.name(), ex.getMessage());
            }
        }
        if (m.bridge != null) {
            finishedA.add(m.bridge.statsA());
            finishedB.add(m.bridge.statsB());
        }
        if (m.recorder == null) {
            String why = "not recorded: " + m.problem;
            return new Outcome(Optional.empty(), why, dsl -> recordings.markMissing(dsl, callId));
        }
        try {
            Recordings.Done d = recordings.finish(callId, m.recorder, Pcm.framesIn(talkMs));
            return new Outcome(Optional.of(d), m.promptNote, dsl -> recordings.markPresent(dsl, d, "complete"));
        } catch (Exception e) {
            log.error("event=recording-finish-failed call={} error=\"{}\"", callId, e.getMessage());
            return new Outcome(Optional.empty(), "recording lost: " + e.getMessage(),
                    dsl -> recordings.markMissing(dsl, callId));
        }
    }

    /** Jitter-buffer counts of every call that has ended, for benchmarks and the health page. */
    public JitterBuffer.Stats totals() {
        return totalsA().plus(totalsB());
    }

    /** The same for our side (handsets, callback agent legs) ... */
    public JitterBuffer.Stats totalsA() {
        return finishedA.stream().reduce(new JitterBuffer.Stats(0, 0, 0, 0), JitterBuffer.Stats::plus);
    }

    /** ... and for the customers' side (the modems' voice ports). */
    public JitterBuffer.Stats totalsB() {
        return finishedB.stream().reduce(new JitterBuffer.Stats(0, 0, 0, 0), JitterBuffer.Stats::plus);
    }

    public FrameClock clock() {
        return clock;
    }

    public Recordings recordings() {
        return recordings;
    }
}
