package io.branchline.hw.emulator;

import io.branchline.hw.time.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The mobile network behind the emulated modems, with rules a person can try from the simulate mode. A call
 * to a number that is not an emulated SIM goes by its last digit:
 * <ul>
 * <li>1: answers after about 2 s and hangs up after about 10 s;</li>
 * <li>2: busy;</li>
 * <li>3: rings and never answers (the network gives up after 60 s: no answer);</li>
 * <li>4: rings for 3 s, then the callee rejects it;</li>
 * <li>anything else: answers after about 2 s and talks until hung up.</li>
 * </ul>
 * A call to an emulated SIM's own number follows that SIM's unconditional forwarding, as the carrier does
 * (the forwarded-to party sees the original caller's number); without forwarding, it rings that SIM's modem.
 * Calling one's own number without forwarding is busy.
 *
 * <p>A text message to an emulated SIM's own number arrives at that SIM (each part as sent); one to any
 * other number is delivered, except to numbers ending in 4, which the centre refuses for good (status
 * 0x41). A status report, when asked for, follows {@link #REPORT_AFTER} later.
 */
public final class EmulatedNetwork {
    public static final Duration ANSWER_AFTER = Duration.ofSeconds(2);
    public static final Duration HANG_UP_AFTER = Duration.ofSeconds(10);
    public static final Duration NO_ANSWER_AFTER = Duration.ofSeconds(60);
    public static final Duration REJECT_AFTER = Duration.ofSeconds(3);
    public static final Duration REPORT_AFTER = Duration.ofMillis(500);

    /** A text message as the network saw it: from whom, to whom, and what became of it. */
    public record Sms(String from, String to, String text, int part, int parts, int status) {
    }

    private final List<Sms> messages = new CopyOnWriteArrayList<>();

    /** A phone that places calls on the network: an emulated modem's SIM, an emulated GoIP port's. */
    interface Caller {
        /** The SIM's own number, which the called party sees. */
        String ownNumber();

        /** The network moved call {@code index} on (it rings, it was answered). */
        void callProgress(int index, EmulatedCalls.State s);

        /** The network ended call {@code index}. */
        void callEnded(int index, End how);
    }

    /** How a call ended, as the network tells the caller's modem. */
    public enum End { NORMAL, BUSY, NO_ANSWER, REJECTED }

    /** One call as the network saw it: for tests and the simulate mode's curious user. */
    public record Record(String caller, String dialed, String reached, boolean forwarded, String outcome) {
    }

    private final Scheduler scheduler;
    private final List<ModemEmulator> modems = new CopyOnWriteArrayList<>();
    private final List<Record> records = new CopyOnWriteArrayList<>();
    private final Map<Long, List<Scheduler.Cancellable>> pending = new ConcurrentHashMap<>();
    private final java.util.Set<Long> released = ConcurrentHashMap.newKeySet();
    private long nextId;
    /** A call answered and not yet over: who the far party is, and how it ends when they hang up. */
    private record Talking(String reached, Runnable hangUp) {
    }

    private final Map<Long, Talking> talking = new ConcurrentHashMap<>();
    /** Calls to an emulated SIM, ringing at its modem: they stop ringing when the caller's call ends. */
    private final Map<Long, ModemEmulator.Incoming> ringing = new ConcurrentHashMap<>();

    /** SIMs (by own number) the network has started to refuse: what a carrier's risk control does to a SIM. */
    private final java.util.Set<String> throttled = ConcurrentHashMap.newKeySet();

    public EmulatedNetwork(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Puts a modem on this network: its SIM becomes reachable by its own number, and it can place calls. */
    public void register(ModemEmulator modem) {
        modems.add(modem);
        modem.joinNetwork(this);
    }

    long nowMillis() {
        return scheduler.clock().millis();
    }

    /**
     * The carrier starts (or stops) refusing calls from the SIM with this own number: each call it places is
     * cleared by the network half a second after dialling, before it rings (call rejected, cause 21), as a SIM
     * under a carrier's risk control (鹰眼) sees before it is blocked outright.
     */
    public void throttle(String ownNumber, boolean on) {
        if (on) {
            throttled.add(ownNumber);
        } else {
            throttled.remove(ownNumber);
        }
    }

    public List<Record> records() {
        return new ArrayList<>(records);
    }

    /**
     * A modem dialled {@code dialed}; the network routes it and drives the call through the callbacks.
     * Returns the call's id, for {@link #release}.
     */
    synchronized long originate(Caller from, int callIndex, String dialed) {
        long id = nextId++;
        String caller = from.ownNumber();
        String target = dialed;
        boolean forwarded = false;
        ModemEmulator subscriber = subscriber(target);
        String forwardTo = subscriber != null ? subscriber.sim().forwardTo() : goipForwarding(target);
        if (!forwardTo.isEmpty()) {
            target = forwardTo;
            forwarded = true;
            subscriber = subscriber(target);
        }
        String reached = target;
        if (throttled.contains(caller)) {
            end(id, from, callIndex, End.REJECTED, caller, dialed, reached, false, Duration.ofMillis(500));
            return id;
        }
        if (subscriber != null && subscriber.sim().ownNumber().equals(caller) && !forwarded) {
            end(id, from, callIndex, End.BUSY, caller, dialed, reached, false, Duration.ofMillis(500));
            return id;
        }
        if (subscriber != null) {
            // Another emulated SIM: its modem rings until the caller gives up or the network does.
            ModemEmulator callee = subscriber;
            later(id, Duration.ofMillis(300), () -> {
                ModemEmulator.Incoming in = callee.ring(caller);
                if (in == null) {
                    end(id, from, callIndex, End.BUSY, caller, dialed, reached, false, Duration.ZERO);
                    return;
                }
                ringing.put(id, in);
                from.callProgress(callIndex, EmulatedCalls.State.ALERTING);
            });
            end(id, from, callIndex, End.NO_ANSWER, caller, dialed, reached, forwarded, NO_ANSWER_AFTER);
            return id;
        }
        char last = target.charAt(target.length() - 1);
        boolean fwd = forwarded;
        switch (last) {
            case '2' -> end(id, from, callIndex, End.BUSY, caller, dialed, reached, fwd, Duration.ofMillis(800));
            case '3' -> {
                later(id, Duration.ofMillis(300), () -> from.callProgress(callIndex, EmulatedCalls.State.ALERTING));
                end(id, from, callIndex, End.NO_ANSWER, caller, dialed, reached, fwd, NO_ANSWER_AFTER);
            }
            case '4' -> {
                later(id, Duration.ofMillis(300), () -> from.callProgress(callIndex, EmulatedCalls.State.ALERTING));
                end(id, from, callIndex, End.REJECTED, caller, dialed, reached, fwd, REJECT_AFTER);
            }
            default -> {
                later(id, Duration.ofMillis(300), () -> from.callProgress(callIndex, EmulatedCalls.State.ALERTING));
                later(id, ANSWER_AFTER, () -> {
                    from.callProgress(callIndex, EmulatedCalls.State.ACTIVE);
                    records.add(new Record(caller, dialed, reached, fwd, "answered"));
                    talking.put(id, new Talking(reached, () -> {
                        if (released.add(id)) {
                            pending.remove(id);
                            records.add(new Record(caller, dialed, reached, fwd, "far end hung up"));
                            from.callEnded(callIndex, End.NORMAL);
                        }
                    }));
                    if (last == '1') {
                        end(id, from, callIndex, End.NORMAL, caller, dialed, reached, fwd, HANG_UP_AFTER);
                    }
                });
            }
        }
        return id;
    }

    /**
     * The party reached at {@code number} hangs up every call of theirs that is connected (a customer, or an
     * agent's mobile in a callback call); returns how many.
     */
    public int farEndHangsUp(String number) {
        int n = 0;
        for (var e : talking.entrySet()) {
            if (e.getValue().reached().equals(number) && talking.remove(e.getKey()) != null) {
                e.getValue().hangUp().run();
                n++;
            }
        }
        return n;
    }

    /** The caller hung up: nothing more happens to this call. */
    synchronized void release(long id, String caller, String dialed) {
        talking.remove(id);
        stopRinging(id);
        if (!released.add(id)) {
            return;
        }
        List<Scheduler.Cancellable> steps = pending.remove(id);
        if (steps != null) {
            steps.forEach(Scheduler.Cancellable::cancel);
        }
        records.add(new Record(caller, dialed, "", false, "caller hung up"));
    }

    private void stopRinging(long id) {
        ModemEmulator.Incoming in = ringing.remove(id);
        if (in != null) {
            in.callerHangsUp();
        }
    }

    private void later(long id, Duration after, Runnable r) {
        Scheduler.Cancellable c = scheduler.schedule(after, () -> {
            if (!released.contains(id)) {
                r.run();
            }
        });
        pending.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(c);
    }

    private void end(long id, Caller from, int callIndex, End how, String caller, String dialed, String reached,
                     boolean forwarded, Duration after) {
        later(id, after, () -> {
            talking.remove(id);
            stopRinging(id);
            if (released.add(id)) {
                pending.remove(id);
                records.add(new Record(caller, dialed, reached, forwarded, how.name().toLowerCase()));
                from.callEnded(callIndex, how);
            }
        });
    }

    /** Every text message part sent through the network, oldest first. */
    public List<Sms> messages() {
        return List.copyOf(messages);
    }

    /** A modem sent a message part with reference {@code mr}: it is delivered, and reported if asked. */
    void smsSent(ModemEmulator from, int mr, EmulatedSms.Submitted m) {
        java.time.ZonedDateTime now = java.time.Instant.ofEpochMilli(nowMillis()).atZone(java.time.ZoneOffset.ofHours(8));
        String sender = from.sim().ownNumber();
        ModemEmulator to = subscriber(m.destination());
        int status = to == null && m.destination().endsWith("4") ? 0x41 : 0x00;
        messages.add(new Sms(sender, m.destination(), m.text(), m.part(), m.parts(), status));
        if (to != null) {
            to.deliverSms(EmulatedSms.deliverAsSent(sender, m, now));
        }
        if (m.statusReport()) {
            scheduler.schedule(REPORT_AFTER, () -> from.statusReport(EmulatedSms.statusReport(from.smsCentre(), mr,
                    m.destination(), status, now, now.plus(REPORT_AFTER))));
        }
    }

    private ModemEmulator subscriber(String number) {
        for (ModemEmulator m : modems) {
            if (sameNumber(m.sim().ownNumber(), number)) {
                return m;
            }
        }
        return null;
    }

    /** Whether {@code dialled} reaches the SIM whose own number is {@code own} (with or without the country code). */
    private static boolean sameNumber(String own, String dialled) {
        String o = own.replaceAll("[^0-9]", "");
        String d = dialled.replaceAll("[^0-9]", "");
        return !o.isEmpty() && (d.endsWith(o) || o.endsWith(d)) && Math.min(o.length(), d.length()) >= 6;
    }

    private final List<EmulatedGoipPort> goipPorts = new CopyOnWriteArrayList<>();

    /** Puts a GoIP port's SIM on this network, so that the forwarding its CF command sets is honoured. */
    public void register(EmulatedGoipPort port) {
        goipPorts.add(port);
    }

    /** Where a call to the GoIP SIM numbered {@code number} is forwarded ("" when it is none's or not forwarded). */
    private String goipForwarding(String number) {
        for (EmulatedGoipPort p : goipPorts) {
            if (sameNumber(p.number(), number)) {
                return p.forwardTo();
            }
        }
        return "";
    }
}
