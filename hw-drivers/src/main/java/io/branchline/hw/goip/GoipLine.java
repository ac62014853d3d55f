package io.branchline.hw.goip;

import io.branchline.hw.at.AtEngine;
import io.branchline.hw.at.parse.Registration;
import io.branchline.hw.at.parse.Signal;
import io.branchline.hw.at.parse.Ussd;
import io.branchline.hw.audio.Frame;
import io.branchline.hw.audio.PcmEndpoint;
import io.branchline.hw.line.Line;
import io.branchline.hw.line.MessageEvents;
import io.branchline.hw.line.ServiceCodes;
import io.branchline.hw.modem.LineDownException;
import io.branchline.hw.modem.LineSnapshot;
import io.branchline.hw.modem.LineState;
import io.branchline.hw.modem.ModemAddress;
import io.branchline.hw.modem.ModemCall;
import io.branchline.hw.modem.ModemIdentity;
import io.branchline.hw.modem.ModemStatus;
import io.branchline.hw.modem.ModemVoice;
import io.branchline.hw.modem.ReceivedSms;
import io.branchline.hw.modem.SmsSubmitter;
import io.branchline.hw.modem.UssdSession;
import io.branchline.hw.modem.VendorProfile;
import io.branchline.hw.serial.WireLog;
import io.branchline.hw.sip.RtpSession;
import io.branchline.hw.sip.SipCall;
import io.branchline.hw.sip.SipServer;
import io.branchline.hw.sms.StatusReport;
import io.branchline.hw.time.Scheduler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One GoIP port (one SIM) as a line of the box. The port comes to the box: it is up while its keepalives
 * arrive saying the GSM module is logged in, and down two minutes after the last one (the GoIP sends one
 * every 30 s). Text messages arrive as RECEIVE notifications, acknowledged only once the listeners have
 * kept them, so that the GoIP sends again what the box could not keep; one it sends again after a lost
 * acknowledgement is recognised by its id and not handed over twice. Sending uses the protocol's bulk-SMS
 * session for one number; USSD and the control commands are request and reply. Calls go over SIP once
 * {@link #carryCalls} has given the line the box's SIP server (the port registers its own account there);
 * until then {@link #calls()} is empty and the box places no call on this line.
 */
public final class GoipLine implements Line {
    private static final Logger log = LoggerFactory.getLogger(GoipLine.class);
    /** A line is down once no keepalive came for this long (four missed keepalives). */
    public static final Duration SILENCE = Duration.ofSeconds(120);
    /** How long a command waits for its reply before it is sent again (retried ones) or given up. */
    public static final Duration REPLY_WAIT = Duration.ofSeconds(3);
    /** How often a retried command is sent in all. */
    public static final int COMMAND_TRIES = 3;
    /** The device takes 2-5 s per message; SEND is repeated (the device knows it again) after this long. */
    public static final Duration SEND_WAIT = Duration.ofSeconds(10);
    /** The protocol's limit for a bulk-SMS session: every packet within 90 s of MSG. */
    public static final Duration SESSION_LIMIT = Duration.ofSeconds(90);
    /** How many notification ids per kind are remembered to recognise one the GoIP sends again. */
    private static final int REMEMBERED = 64;

    private final String id;
    private final String goipId;
    private final String password;
    private final Scheduler scheduler;
    private final List<Consumer<ModemCall>> incoming = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile GoipCalls calls;
    private final WireLog wireLog;
    private final List<Consumer<LineSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final io.branchline.hw.line.MessageListeners messages = new io.branchline.hw.line.MessageListeners(() -> true);
    private final ServiceCodes ussd = this::askUssd;
    private final Object sending = new Object();
    private final AtomicBoolean ussdBusy = new AtomicBoolean();
    private final Deque<String> seen = new ArrayDeque<>();
    private volatile LineSnapshot snapshot;
    private volatile InetSocketAddress address;
    private volatile Instant lastHeard;
    private volatile Keepalive last;
    private volatile String callState = "IDLE";
    private volatile GoipServer server;
    private volatile boolean started;
    private volatile boolean closed;
    private volatile Scheduler.Cancellable watch;

    public GoipLine(String id, String goipId, String password, Scheduler scheduler) {
        this.id = id;
        this.goipId = goipId;
        this.password = password;
        this.scheduler = scheduler;
        this.wireLog = WireLog.inMemory(scheduler.clock());
        this.snapshot = new LineSnapshot(id, ModemAddress.port("goip:" + goipId), "", VendorProfile.GOIP,
                ModemIdentity.unknown(), ModemStatus.down("waiting for GoIP line \"" + goipId + "\" to register"),
                scheduler.clock().instant(), 0);
    }

    public String goipId() {
        return goipId;
    }

    String password() {
        return password;
    }

    InetSocketAddress address() {
        return address;
    }

    void servedBy(GoipServer s) {
        this.server = s;
        publish(snapshot.with(ModemStatus.down("waiting for GoIP line \"" + goipId + "\" to register on UDP port "
                + s.port()), scheduler.clock().instant()));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public LineSnapshot snapshot() {
        return snapshot;
    }

    @Override
    public void onChange(Consumer<LineSnapshot> listener) {
        listeners.add(listener);
    }

    @Override
    public void start() {
        started = true;
        watchSilence();
    }

    private void watchSilence() {
        if (closed) {
            return;
        }
        watch = scheduler.schedule(Duration.ofSeconds(10), () -> {
            Instant heard = lastHeard;
            if (heard != null && snapshot.status().state() != LineState.DOWN
                    && heard.plus(SILENCE).isBefore(scheduler.clock().instant())) {
                log.warn("line={} event=goip-silent goip={} last={}", id, goipId, heard);
                publish(snapshot.with(ModemStatus.down("no keepalive from GoIP line \"" + goipId + "\" for "
                        + SILENCE.toMinutes() + " minutes (it sends one every 30 s)"), scheduler.clock().instant()));
            }
            watchSilence();
        });
    }

    /** Nothing to ask: a GoIP line reports itself every 30 s. */
    @Override
    public void pollNow() {
    }

    /** A GoIP line is looked for by listening: it is probed as soon as the box listens. */
    @Override
    public boolean probed() {
        return started;
    }

    @Override
    public Duration busyFor() {
        GoipServer s = server;
        return s == null ? Duration.ZERO : s.busyFor();
    }

    /** Whether the box can reach the line now: it registered and has not gone quiet. */
    @Override
    public boolean linked() {
        Instant heard = lastHeard;
        return address != null && heard != null && !heard.plus(SILENCE).isBefore(scheduler.clock().instant());
    }

    @Override
    public MessageEvents sms() {
        return messages;
    }

    @Override
    public ServiceCodes ussd() {
        return ussd;
    }

    /**
     * Carries this port's calls over {@code sip}, where the port registers with its GoIP id and password as
     * SIP account. {@code keysFromLine}: the port is set to send keys as RFC 2833 events (else in-band).
     */
    public void carryCalls(SipServer sip, boolean keysFromLine) {
        carryCalls(new GoipCalls(id, goipId, sip, scheduler, keysFromLine));
    }

    /** On an up line, what keeps it from carrying calls: its SIP account has not registered. */
    private String voiceNote() {
        GoipCalls c = calls;
        return c == null || c.registered() ? "" : "no calls until the port's SIP account \"" + goipId
                + "\" registers with the box (GoIP: Config by Line, SIP server = this box)";
    }

    /** The port's SIP registration came or went: an up line says whether it carries calls. */
    private void voiceChanged() {
        LineSnapshot s = snapshot;
        if (s.status().state() == LineState.UP && !s.status().detail().equals(voiceNote())) {
            ModemStatus st = s.status();
            publish(s.with(new ModemStatus(st.state(), st.signal(), st.registration(), st.operator(), voiceNote()),
                    scheduler.clock().instant()));
        }
    }

    void carryCalls(GoipCalls c) {
        c.onRegistration(this::voiceChanged);
        c.onIncoming(call -> incoming.forEach(l -> l.accept(call)));
        calls = c;
    }

    /**
     * The port's calls while it carries them: its SIP account is registered with the box, or a call is still
     * up on it (to be hung up however the registration fares).
     */
    @Override
    public Optional<io.branchline.hw.line.LineCalls> calls() {
        GoipCalls c = calls;
        return c != null && (c.registered() || c.current().isPresent()) ? Optional.of(c) : Optional.empty();
    }

    @Override
    public void onIncoming(Consumer<ModemCall> listener) {
        incoming.add(listener);
    }

    /**
     * The connected call's RTP session as the voice. Closing what this returns stops the box hearing it;
     * the session itself lasts as long as the SIP call.
     */
    @Override
    public PcmEndpoint openVoice() {
        GoipCalls c = calls;
        SipCall sc = c == null ? null : c.sipCall().orElse(null);
        if (sc == null || sc.phase() != SipCall.Phase.ACTIVE) {
            throw new ModemVoice.VoiceUnavailableException(c == null ? "GoIP line " + id + " carries no calls (no SIP)"
                    : "no call is up on GoIP line " + id);
        }
        RtpSession rtp = sc.rtp();
        return new PcmEndpoint() {
            @Override
            public String name() {
                return id + " " + rtp.name();
            }

            @Override
            public void listen(Consumer<Frame> listener) {
                rtp.listen(listener);
            }

            @Override
            public void send(byte[] frame) {
                rtp.send(frame);
            }

            @Override
            public void close() {
                rtp.listen(f -> { });
            }
        };
    }

    @Override
    public Optional<AtEngine> engine() {
        return Optional.empty();
    }

    /** A GoIP port's SIM is the one in its slot: there is no multiplexer in front of it to switch. */
    @Override
    public java.util.concurrent.CompletableFuture<io.branchline.hw.sim.SimSwitchResult> switchSim(
            io.branchline.hw.sim.SimMultiplexer mux, int slot, String expectedIccid, Duration timeout) {
        return java.util.concurrent.CompletableFuture.completedFuture(io.branchline.hw.sim.SimSwitchResult.failed(
                slot, expectedIccid, "a GoIP port has no SIM multiplexer in front of it"));
    }

    @Override
    public WireLog wireLog() {
        return wireLog;
    }

    /** The GoIP's own state of the call on this port (IDLE, DIALING:n, ACTIVE …), as its STATE says. */
    public String callState() {
        return callState;
    }

    /** An authenticated packet from this line; true when it was kept (and is acknowledged as such). */
    boolean heard(GoipPacket p, InetSocketAddress from) {
        Instant now = scheduler.clock().instant();
        switch (p.name()) {
            case "req" -> {
                address = from;
                lastHeard = now;
                keepalive(Keepalive.of(p), from, now);
                return true;
            }
            case "RECEIVE" -> {
                if (again(p)) {
                    return true;
                }
                ReceivedSms sms = new ReceivedSms(id, snapshot.identity().iccid(), p.field("srcnum"), now.toString(),
                        p.field("msg"), 1);
                messages.received(sms); // a listener that throws leaves the RECEIVE unacknowledged: it comes again
                remember(p);
                log.info("line={} event=goip-sms-received from={}", id, sms.sender());
                return true;
            }
            case "DELIVER" -> {
                if (again(p)) {
                    return true;
                }
                int reference;
                int state;
                try {
                    reference = Integer.parseInt(p.field("sms_no"));
                    state = Integer.parseInt(p.field("state"));
                } catch (NumberFormatException e) {
                    log.warn("line={} event=goip-deliver-unreadable sms_no=\"{}\"", id, p.field("sms_no"));
                    return true; // nothing to match it to; sending it again would not help
                }
                StatusReport r = new StatusReport(reference, p.field("num"), now.toString(), state);
                // Read as TP-Status (0 delivered, 0x40 and up failed), as the GoIP passes on the network's report.
                messages.reported(r, e -> log.error("line={} event=sms-report-not-kept sms_no={}", id, r.reference()));
                remember(p);
                return true;
            }
            case "STATE" -> {
                callState = p.field("gsm_remain_state");
                return true;
            }
            case "USSN" -> {
                log.info("line={} event=ussd-unasked text=\"{}\"", id, p.field("msg").replaceAll("\\p{Cntrl}", " "));
                return true;
            }
            default -> {
                log.debug("line={} event=goip-notification name={}", id, p.name());
                return true;
            }
        }
    }

    private boolean again(GoipPacket p) {
        synchronized (seen) {
            return seen.contains(p.name() + ":" + p.counter());
        }
    }

    private void remember(GoipPacket p) {
        synchronized (seen) {
            seen.addLast(p.name() + ":" + p.counter());
            if (seen.size() > REMEMBERED) {
                seen.removeFirst();
            }
        }
    }

    private void keepalive(Keepalive k, InetSocketAddress from, Instant now) {
        Keepalive before = last;
        last = k;
        Signal signal = new Signal(k.csq(), Signal.UNKNOWN);
        ModemStatus status;
        if (k.disabled()) {
            status = new ModemStatus(LineState.DOWN, signal, Registration.Status.UNKNOWN, "",
                    "disabled on the GoIP");
        } else if (!k.gsmLogin()) {
            status = new ModemStatus(LineState.NOT_REGISTERED, signal, Registration.Status.NOT_REGISTERED, "",
                    "the GoIP's GSM module is logged out (no network or no SIM)");
        } else {
            status = new ModemStatus(LineState.UP, signal, Registration.Status.HOME, k.operator(), voiceNote());
        }
        ModemIdentity identity = new ModemIdentity("DBLTek", "GoIP", "", k.imei(), k.imsi(), k.iccid(), k.number());
        String port = from.getAddress().getHostAddress() + ":" + from.getPort();
        LineSnapshot s = snapshot;
        boolean changed = before == null || !s.status().equals(status) || !s.identity().equals(identity)
                || !s.port().equals(port);
        if (changed) {
            if (before == null || s.status().state() != status.state()) {
                log.info("line={} event=goip-state state=\"{}\" from={}", id, status.state().label(), port);
            }
            publish(new LineSnapshot(id, s.address(), port, VendorProfile.GOIP, identity, status, now, s.restarts()));
        }
    }

    private void publish(LineSnapshot s) {
        snapshot = s;
        for (Consumer<LineSnapshot> l : listeners) {
            try {
                l.accept(s);
            } catch (RuntimeException e) {
                log.error("line={} event=listener-failed", id, e);
            }
        }
    }

    void wire(boolean out, String text) {
        byte[] b = masked(text).getBytes(StandardCharsets.UTF_8);
        wireLog.record(out ? WireLog.Direction.OUT : WireLog.Direction.IN, b, b.length);
    }

    /** The line's password never reaches a log: it is masked wherever a packet carries it. */
    private String masked(String text) {
        String t = text.replaceAll("(pass(?:word)?:)[^;]*", "$1***");
        return password.isEmpty() ? t : t.replace(" " + password + " ", " *** ").replaceAll(" "
                + java.util.regex.Pattern.quote(password) + "\n?$", " ***");
    }

    void send(String text) {
        GoipServer s = server;
        InetSocketAddress to = address;
        if (s == null || to == null) {
            throw new LineDownException(id);
        }
        wire(true, text);
        s.send(to, text);
    }

    // ---- commands -------------------------------------------------------------------------------------

    /** A command got no reply, or the GoIP refused it. */
    public static final class CommandFailed extends Exception {
        private final boolean unanswered;

        CommandFailed(String message, boolean unanswered) {
            super(message);
            this.unanswered = unanswered;
        }

        /** True when nothing came back (the command may or may not have been carried out). */
        public boolean unanswered() {
            return unanswered;
        }
    }

    private static String sendId() {
        return Integer.toString(ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE));
    }

    /**
     * Sends {@code name sendid [arg] password} and returns the reply's words; sent up to
     * {@link #COMMAND_TRIES} times (these commands ask or set, so a repeat does what the first did).
     */
    String command(String name, String arg) throws CommandFailed {
        String sid = sendId();
        return request(name, sid, name + " " + sid + (arg.isEmpty() ? "" : " " + arg) + " " + password);
    }

    /** Sends {@code text} (the command {@code name} with id {@code sid}) as {@link #command} does. */
    private String request(String name, String sid, String text) throws CommandFailed {
        BlockingQueue<GoipServer.Reply> replies = new LinkedBlockingQueue<>();
        GoipServer s = server;
        if (s == null || !linked()) {
            throw new CommandFailed("GoIP line " + goipId + " has not registered", false);
        }
        s.expect(sid, replies::add);
        try {
            for (int i = 0; i < COMMAND_TRIES; i++) {
                send(text);
                GoipServer.Reply r = replies.poll(REPLY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                if (r == null) {
                    continue;
                }
                if (r.name().endsWith("ERROR")) {
                    throw new CommandFailed("the GoIP refused " + name + ": " + r.rest(), false);
                }
                return r.rest();
            }
            throw new CommandFailed("no reply from GoIP line " + goipId + " to " + name + " after " + COMMAND_TRIES
                    + " tries", true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailed("interrupted", true);
        } finally {
            s.forget(sid);
        }
    }

    /** The number the GoIP has for this port's SIM. */
    public String gsmNumber() throws CommandFailed {
        return command("get_gsm_num", "");
    }

    /** Sets the number the GoIP reports for this port's SIM. */
    public void gsmNumber(String number) throws CommandFailed {
        if (number == null || !number.matches("\\+?[0-9]{3,20}")) {
            throw new IllegalArgumentException("number: 3 to 20 digits, optionally after a +");
        }
        expectOk("set_gsm_num", number);
    }

    public void dropCall() throws CommandFailed {
        expectOk("svr_drop_call", "");
    }

    public void rebootModule() throws CommandFailed {
        expectOk("svr_reboot_module", "");
        shown(LineState.NOT_REGISTERED, "the GoIP restarts this port's GSM module");
    }

    public void rebootDevice() throws CommandFailed {
        expectOk("svr_reboot_dev", "");
    }

    /** Switches the port's GSM module on or off on the GoIP. */
    public void enable(boolean on) throws CommandFailed {
        expectOk("module_ctl_i", on ? "1" : "2");
        if (!on) {
            shown(LineState.DOWN, "disabled on the GoIP");
        }
    }

    /** What a command is known to have done, shown until the port's next keepalive says how it is. */
    private void shown(LineState state, String detail) {
        LineSnapshot s = snapshot;
        publish(s.with(new ModemStatus(state, s.status().signal(), Registration.Status.UNKNOWN, "", detail),
                scheduler.clock().instant()));
    }

    /**
     * Registers ({@code on}) or erases unconditional forwarding of the port's SIM with the GoIP's {@code CF}
     * command ({@code CF sendid password reason mode number seconds}: reason 0 unconditional, mode 3
     * registration or 4 erasure, the numbering of 27.007 +CCFC that the GoIP hands to its module). CFOK is
     * the GoIP's word that the network took it; the box then says DONE, as the protocol asks.
     */
    void forward(boolean on, String number) throws CommandFailed {
        if (on && (number == null || !number.matches("\\+?[0-9]{3,20}"))) {
            throw new IllegalArgumentException("number: 3 to 20 digits, optionally after a +");
        }
        String sid = sendId();
        request("CF", sid, "CF " + sid + " " + password + " 0 " + (on ? 3 : 4) + " " + (on ? number : "0") + " 0");
        try {
            send("DONE " + sid);
        } catch (LineDownException e) {
            // the GoIP forgets the exchange by itself
        }
    }

    @Override
    public Optional<io.branchline.hw.line.CallForwarding> forwarding() {
        return linked() ? Optional.of(new GoipForwarding(this)) : Optional.empty();
    }

    /** The least time between two calls the GoIP places on this port. */
    public void outCallInterval(int seconds) throws CommandFailed {
        if (seconds < 0 || seconds > 3600) {
            throw new IllegalArgumentException("seconds: 0 to 3600");
        }
        expectOk("set_out_call_interval", Integer.toString(seconds));
    }

    private void expectOk(String name, String arg) throws CommandFailed {
        String rest = command(name, arg);
        String[] words = rest.split(" ");
        if (!words[words.length - 1].equalsIgnoreCase("ok")) {
            throw new CommandFailed("the GoIP answered " + name + " with \"" + rest.replaceAll("\\p{Cntrl}", " ")
                    + "\"", false);
        }
    }

    // ---- USSD -----------------------------------------------------------------------------------------

    private Ussd askUssd(String code, Duration timeout) throws UssdSession.Unanswered {
        ServiceCodes.check(code);
        if (!ussdBusy.compareAndSet(false, true)) {
            throw new IllegalStateException("line " + id + " is already waiting for a USSD answer");
        }
        GoipServer s = server;
        String sid = sendId();
        BlockingQueue<GoipServer.Reply> replies = new LinkedBlockingQueue<>();
        try {
            if (s == null || !linked()) {
                throw new UssdSession.Unanswered("GoIP line " + goipId + " has not registered");
            }
            s.expect(sid, replies::add);
            // No trailing newline (it would become part of the code), and never sent twice: a USSD repeated
            // can repeat a top-up.
            send("USSD " + sid + " " + password + " " + code);
            GoipServer.Reply r = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (r == null) {
                throw new UssdSession.Unanswered("no answer from the network within " + timeout.toSeconds()
                        + " s (not sent again)");
            }
            switch (r.name()) {
                case "USSD" -> {
                    log.info("line={} event=ussd-answered", id);
                    return new Ussd(0, Optional.of(r.rest()), java.util.OptionalInt.empty(), r.rest());
                }
                case "USSDEXIT" -> throw new UssdSession.Unanswered("the network ended the USSD session");
                default -> throw new UssdSession.Unanswered("the GoIP refused the query: "
                        + r.rest().replaceAll("\\p{Cntrl}", " "));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UssdSession.Unanswered("interrupted");
        } finally {
            if (s != null) {
                s.forget(sid);
            }
            ussdBusy.set(false);
        }
    }

    // ---- SMS ------------------------------------------------------------------------------------------

    /**
     * One text to one number through the GoIP's bulk-SMS session: {@code MSG} → {@code PASSWORD} →
     * {@code SEND} → per number {@code OK}/{@code ERROR}/{@code WAIT} → {@code DONE}. Packets before SEND
     * are sent again when unanswered (they send nothing); SEND is sent again under the same ids, which the
     * GoIP knows (it remembers the last numbers of a session). The GoIP splits a long text itself, so the
     * message has one reference, the {@code sms_no} its DELIVER report carries.
     */
    @Override
    public List<Integer> sendSms(String number, String text, int reference) throws SmsSubmitter.NotSent {
        if (!number.matches("\\+?[0-9]{3,20}")) {
            throw new IllegalArgumentException("number: 3 to 20 digits, optionally after a +");
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length == 0 || utf8.length > 3000) {
            throw new IllegalArgumentException("text: a GoIP takes 1 to 3000 bytes of UTF-8");
        }
        synchronized (sending) {
            GoipServer s = server;
            if (s == null || !linked()) {
                throw new LineDownException(id);
            }
            String sid = sendId();
            BlockingQueue<GoipServer.Reply> replies = new LinkedBlockingQueue<>();
            s.expect(sid, replies::add);
            long deadline = System.nanoTime() + SESSION_LIMIT.toNanos();
            try {
                GoipServer.Reply r = exchange(replies, "MSG " + sid + " " + utf8.length + " " + text + "\n",
                        Set.of("PASSWORD", "ERROR"), REPLY_WAIT, deadline);
                if (r == null || r.name().equals("ERROR")) {
                    throw notSent(r == null ? "no reply to MSG" : "refused: " + r.rest(), false);
                }
                r = exchange(replies, "PASSWORD " + sid + " " + password + "\n", Set.of("SEND", "ERROR", "DONE"),
                        REPLY_WAIT, deadline);
                if (r == null || !r.name().equals("SEND")) {
                    throw notSent(r == null ? "no reply to PASSWORD" : "refused the password: " + r.rest(), false);
                }
                String send = "SEND " + sid + " 1 " + number + "\n";
                int waits = 0;
                while (true) {
                    r = exchange(replies, send, Set.of("OK", "ERROR", "WAIT"), SEND_WAIT, deadline);
                    if (r == null) {
                        throw notSent("no answer to SEND within " + SESSION_LIMIT.toSeconds() + " s", true);
                    }
                    if (!r.name().equals("WAIT")) {
                        break;
                    }
                    if (++waits > 20) {
                        throw notSent("the GoIP kept saying WAIT", false);
                    }
                    Thread.sleep(1000); // the port is busy: the same SEND again shortly
                }
                List<String> words = r.words();
                String done = "DONE " + sid + "\n";
                send(done);
                if (r.name().equals("ERROR")) {
                    throw notSent("the GoIP could not send it: " + String.join(" ", words.subList(
                            Math.min(1, words.size()), words.size())).replaceAll("\\p{Cntrl}", " "), false);
                }
                int smsNo = -1;
                if (words.size() >= 2) {
                    try {
                        smsNo = Integer.parseInt(words.get(1));
                    } catch (NumberFormatException e) {
                        // an OK without a number: sent, but no report can be matched to it
                    }
                }
                return List.of(smsNo);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw notSent("interrupted", true);
            } finally {
                s.forget(sid);
            }
        }
    }

    private GoipServer.Reply exchange(BlockingQueue<GoipServer.Reply> replies, String text, Set<String> wanted,
                                      Duration wait, long deadline) throws InterruptedException {
        for (int i = 0; i < COMMAND_TRIES && System.nanoTime() < deadline; i++) {
            send(text);
            long until = Math.min(deadline, System.nanoTime() + wait.toNanos());
            while (true) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                GoipServer.Reply r = replies.poll(left, TimeUnit.NANOSECONDS);
                if (r == null) {
                    break;
                }
                if (wanted.contains(r.name())) {
                    return r;
                }
                // a late reply to an earlier step: not this step's answer
            }
        }
        return null;
    }

    private static SmsSubmitter.NotSent notSent(String why, boolean unknown) {
        return new SmsSubmitter.NotSent(why, List.of(), unknown);
    }

    @Override
    public void close() {
        closed = true;
        Scheduler.Cancellable w = watch;
        if (w != null) {
            w.cancel();
        }
    }
}
