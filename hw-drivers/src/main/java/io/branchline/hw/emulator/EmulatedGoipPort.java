package io.branchline.hw.emulator;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/** One port (one SIM) of an {@link EmulatedGoip}: see there for what it does. */
public final class EmulatedGoipPort {
    /** The document's figures: a RECEIVE is resent after 3 s without acknowledgement, at most 3 times. */
    public static final Duration RESEND_AFTER = Duration.ofSeconds(3);
    public static final int RESENDS = 3;
    public static final int MAX_SESSIONS = 5;
    public static final Duration SESSION_LIMIT = Duration.ofSeconds(90);

    private final EmulatedGoip goip;
    private final int index;
    private final String goipId;
    private final String password;
    private final DatagramSocket socket;
    private final AtomicLong keepalives = new AtomicLong();
    private final AtomicLong recvId = new AtomicLong(System.currentTimeMillis() / 1000);
    private final AtomicInteger smsNo = new AtomicInteger(1);
    private final Map<String, Notification> unacked = new ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final List<String> ussdAsked = new CopyOnWriteArrayList<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private volatile String number;
    private volatile int csq = 24;
    private volatile boolean gsmLogin = true;
    private volatile boolean disabled;
    private volatile boolean silent;
    private volatile boolean wrongPassword;
    private volatile int registeredStatus = Integer.MIN_VALUE;
    private final AtomicInteger acksToLose = new AtomicInteger();
    private final AtomicInteger commandsToLose = new AtomicInteger();
    private final AtomicInteger waits = new AtomicInteger();
    private volatile Duration sendTakes = Duration.ofMillis(200);
    private volatile Function<String, String> ussdAnswers = code -> code.equals("*100#")
            ? "您的账户余额为12.34元" : null;
    private volatile ScheduledFuture<?> keepalive;
    /** The port's SIP user agent, once the gateway speaks SIP to the box. */
    volatile EmulatedGoipSip.Agent sip;
    private final EmulatedGoipVoice voice;
    private volatile boolean closed;

    /** A message the port sent for the server: where to, what, and the sms_no its DELIVER carries. */
    public record Sent(String number, String text, int smsNo) {
    }

    private record Notification(String text, AtomicInteger sends) {
    }

    private static final class Session {
        final String sendId;
        final String text;
        final long started = System.nanoTime();
        boolean authorised;
        /** The last ten numbers of the session by telid, and what was answered for each. */
        final Map<String, String> answered = new java.util.LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> e) {
                return size() > 10;
            }
        };

        Session(String sendId, String text) {
            this.sendId = sendId;
            this.text = text;
        }
    }

    EmulatedGoipPort(EmulatedGoip goip, int index, String goipId, String password, String number,
                     DatagramSocket socket) {
        this.goip = goip;
        this.index = index;
        this.goipId = goipId;
        this.password = password;
        this.number = number;
        this.socket = socket;
        this.voice = new EmulatedGoipVoice("goip " + goipId);
    }

    void start(Duration every) {
        Thread.ofPlatform().daemon().name("emulated-goip-" + goipId).start(this::read);
        keepalive = goip.timer().scheduleAtFixedRate(this::sendKeepalive, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    public String goipId() {
        return goipId;
    }

    /** The UDP port this GoIP line sends from. */
    public int localPort() {
        return socket.getLocalPort();
    }

    // ---- faults and state --------------------------------------------------------------------------

    public void gsmLogin(boolean on) {
        this.gsmLogin = on;
    }

    public void signal(int csq) {
        this.csq = csq;
    }

    /** Stops (or resumes) the keepalives, as a port whose gateway lost power or network. */
    public void silent(boolean on) {
        this.silent = on;
    }

    /** Sends a wrong password from now on (a GoIP configured with another one). */
    public void wrongPassword(boolean on) {
        this.wrongPassword = on;
    }

    /** The next {@code n} acknowledgements from the server are lost on the way. */
    public void loseAcks(int n) {
        acksToLose.set(n);
    }

    /** The next {@code n} command datagrams from the server are lost on the way. */
    public void loseCommands(int n) {
        commandsToLose.set(n);
    }

    /** The next {@code n} SENDs are answered WAIT (the port busy with a call or another message). */
    public void busy(int n) {
        waits.set(n);
    }

    /** How long the port takes to send one message (a real GoIP takes 2-5 s). */
    public void sendTakes(Duration d) {
        this.sendTakes = d;
    }

    /** What the network answers a USSD code with (null: no answer). */
    public void ussdAnswers(Function<String, String> answers) {
        this.ussdAnswers = answers;
    }

    public void number(String n) {
        this.number = n;
    }

    /** The server's answer to the last keepalive: 0 accepted, -1 refused, MIN_VALUE none yet. */
    public int registeredStatus() {
        return registeredStatus;
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    public List<String> ussdAsked() {
        return List.copyOf(ussdAsked);
    }

    /** Every command datagram that reached the port (not the lost ones), as received. */
    public List<String> commands() {
        return List.copyOf(commands);
    }

    private final List<java.util.function.Consumer<String>> acknowledged = new CopyOnWriteArrayList<>();

    /** Hears the id of each notification the server acknowledges with OK (the benchmark times it). */
    public void onAcknowledged(java.util.function.Consumer<String> listener) {
        acknowledged.add(listener);
    }

    /** The notifications still waiting for their acknowledgement. */
    public int unacknowledged() {
        return unacked.size();
    }

    // ---- what the port sends -------------------------------------------------------------------------

    private void sendKeepalive() {
        if (silent || closed) {
            return;
        }
        String n = number;
        goip.send(socket, "req:" + keepalives.incrementAndGet() + ";id:" + goipId + ";pass:" + pass()
                + ";num:" + (n.isEmpty() ? "(null)" : n) + ";signal:" + csq + ";gsm_status:"
                + (gsmLogin ? "LOGIN" : "LOGOUT") + ";voip_status:" + (sipRegistered() ? "LOGIN" : "LOGOUT") + ";voip_state:"
                + (inCall() ? "ACTIVE" : "IDLE") + ";remain_time:-1;imei:"
                + imei() + ";imsi:46000" + String.format("%010d", index) + ";iccid:8986001" + String.format("%013d", index)
                + ";pro:" + (gsmLogin ? "CHINA MOBILE" : "") + ";idle:0;disable_status:" + (disabled ? 1 : 0)
                + ";SMS_LOGIN:Y;SMB_LOGIN:;CELLINFO:LAC:7E5,CELL ID:5E5B;CGATT:Y;");
    }

    // ---- voice over SIP --------------------------------------------------------------------------------

    /** Whether the box accepted this port's SIP registration (its last REGISTER got 200). */
    public boolean sipRegistered() {
        EmulatedGoipSip.Agent a = sip;
        return a != null && a.registered;
    }

    /** The status of the box's last answer to this port's REGISTER (0: none yet). */
    public int sipRegisterStatus() {
        EmulatedGoipSip.Agent a = sip;
        return a == null ? 0 : a.registerStatus;
    }

    /** The UDP port this line's SIP user agent uses. */
    public int sipPort() {
        return sip.localPort;
    }

    /** The GSM party's voice on this port's calls: what they say, their keys, what they heard. */
    public EmulatedGoipVoice voice() {
        return voice;
    }

    /** Whether a call is up or ringing on this port. */
    public boolean inCall() {
        EmulatedGoipSip.Agent a = sip;
        return a != null && a.call != null;
    }

    /** The number the box dialled on this port's current call ("" without one). */
    public String dialled() {
        EmulatedGoipSip.Agent a = sip;
        EmulatedGoipSip.Call c = a == null ? null : a.call;
        return c == null || c.toBox ? "" : c.number;
    }

    /**
     * A GSM call from {@code caller} ("" withheld) rings this port's SIM: the port sends the box an INVITE.
     * Null when the port has a call already.
     */
    public Ringing ring(String caller) throws Exception {
        EmulatedGoipSip.Call c = goip.sip().ring(sip, caller);
        return c == null ? null : new Ringing(c);
    }

    /** One call to the box, for the side that placed it. */
    public final class Ringing {
        private final EmulatedGoipSip.Call call;

        private Ringing(EmulatedGoipSip.Call call) {
            this.call = call;
        }

        /** Whether the box answered it and it is still up. */
        public boolean answered() {
            return call.answered && !call.over;
        }

        /** Whether it is still there (ringing or answered). */
        public boolean present() {
            return !call.over;
        }

        /** The caller hangs up (CANCEL before the answer, BYE after). */
        public void callerHangsUp() {
            goip.sip().callerHangsUp(call);
        }
    }

    String sipPassword() {
        return pass();
    }

    boolean closed() {
        return closed;
    }

    /** Whether the GSM side can place a call now. */
    boolean canCall() {
        return gsmLogin && !disabled && !closed;
    }

    int index() {
        return index;
    }

    /** The SIM's own number. */
    public String number() {
        return number;
    }

    public String imei() {
        return "86749502395" + String.format("%04d", index);
    }

    private String pass() {
        return wrongPassword ? password + "-wrong" : password;
    }

    /** A text arrives at this port's SIM: the port sends RECEIVE until the server acknowledges it. */
    public String receiveSms(String from, String text) {
        return notify("RECEIVE", "srcnum:" + from + ";msg:" + text);
    }

    private String notify(String name, String body) {
        String id = Long.toString(recvId.incrementAndGet());
        Notification n = new Notification(name + ":" + id + ";id:" + goipId + ";password:" + pass() + ";" + body,
                new AtomicInteger());
        unacked.put(name + " " + id, n);
        resend(name + " " + id);
        return id;
    }

    private void resend(String key) {
        Notification n = unacked.get(key);
        if (n == null || closed) {
            return;
        }
        if (n.sends().getAndIncrement() > RESENDS) {
            unacked.remove(key); // the document's limit: given up after three resends
            return;
        }
        goip.send(socket, n.text());
        goip.timer().schedule(() -> resend(key), RESEND_AFTER.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---- what the port hears -------------------------------------------------------------------------

    private void read() {
        byte[] buf = new byte[16384];
        while (!closed) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (IOException e) {
                return;
            }
            String text = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
            received.add(text);
            try {
                hear(text);
            } catch (RuntimeException e) {
                // a malformed datagram from the server: a real GoIP ignores it too
            }
        }
    }

    private void hear(String text) {
        if (text.startsWith("reg:")) {
            if (acksToLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return;
            }
            // "status:0" per the document; some servers send 200
            String status = text.replaceAll(".*status:(-?[0-9]+).*", "$1").strip();
            registeredStatus = status.equals("200") ? 0 : Integer.parseInt(status);
            return;
        }
        String[] w = text.split(" ", 4);
        if (w.length >= 3 && unacked.containsKey(w[0] + " " + w[1]) && (w[2].startsWith("OK") || w[2].startsWith("ERROR"))) {
            if (acksToLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return;
            }
            if (w[2].startsWith("OK") && unacked.remove(w[0] + " " + w[1]) != null) {
                acknowledged.forEach(l -> l.accept(w[1]));
            }
            return; // an ERROR ack: the notification is resent
        }
        if (commandsToLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return;
        }
        commands.add(text);
        if (w.length < 2) {
            return;
        }
        String name = w[0];
        String sid = w[1];
        switch (name) {
            case "MSG" -> msg(text, sid);
            case "PASSWORD" -> passwordStep(sid, w.length > 2 ? text.substring(name.length() + sid.length() + 2)
                    .replaceAll("\n$", "") : "");
            case "SEND" -> sendStep(sid, w);
            case "DONE" -> {
                if (sessions.remove(sid) != null) {
                    reply("DONE " + sid);
                }
            }
            case "USSD" -> ussd(text, sid);
            case "USSDEXIT" -> reply("USSDEXIT " + sid);
            case "CF" -> callForward(sid, text);
            default -> control(name, sid, text);
        }
    }

    private void msg(String text, String sid) {
        String[] w = text.split(" ", 4);
        String body = w.length == 4 ? w[3] : "";
        if (body.endsWith("\n")) {
            body = body.substring(0, body.length() - 1);
        }
        int len;
        try {
            len = Integer.parseInt(w.length > 2 ? w[2] : "");
        } catch (NumberFormatException e) {
            reply("ERROR " + sid + " length");
            return;
        }
        if (len != body.getBytes(StandardCharsets.UTF_8).length || len > 3000) {
            reply("ERROR " + sid + " length");
            return;
        }
        expireSessions();
        if (!sessions.containsKey(sid) && sessions.size() >= MAX_SESSIONS) {
            reply("ERROR " + sid + " busy");
            return;
        }
        sessions.putIfAbsent(sid, new Session(sid, body));
        reply("PASSWORD " + sid);
    }

    private void passwordStep(String sid, String given) {
        Session s = sessions.get(sid);
        if (s == null) {
            reply("ERROR " + sid + " SENDID");
            return;
        }
        if (!given.equals(password)) {
            sessions.remove(sid);
            reply("ERROR " + sid + " PASSWORD");
            return;
        }
        s.authorised = true;
        reply("SEND " + sid);
    }

    private void sendStep(String sid, String[] w) {
        Session s = sessions.get(sid);
        if (s == null || !s.authorised || w.length < 4) {
            reply("ERROR " + sid + " SENDID");
            return;
        }
        String telid = w[2];
        String to = w[3].replaceAll("\n$", "").strip();
        synchronized (s) {
            String before = s.answered.get(telid);
            if (before != null) {
                if (!before.isEmpty()) {
                    reply(before); // a SEND it already sent: the same answer, not a second message
                }
                return;
            }
            if (waits.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                reply("WAIT " + sid + " " + telid);
                return;
            }
            s.answered.put(telid, ""); // sending: a repeat meanwhile is not sent again
        }
        goip.timer().schedule(() -> {
            String answer;
            if (!gsmLogin) {
                answer = "ERROR " + sid + " " + telid + " errorstatus:GSM logout";
            } else if (!to.matches("\\+?[0-9]{3,20}")) {
                answer = "ERROR " + sid + " " + telid + " errorstatus:number";
            } else {
                int no = smsNo.getAndIncrement();
                sent.add(new Sent(to, s.text, no));
                answer = "OK " + sid + " " + telid + " " + no;
                int state = to.endsWith("4") ? 0x41 : 0; // TP-Status: delivered, or a permanent failure
                goip.timer().schedule(() -> notify("DELIVER", "sms_no:" + no + ";state:" + state + ";num:" + to),
                        300, TimeUnit.MILLISECONDS);
            }
            synchronized (s) {
                s.answered.put(telid, answer);
            }
            reply(answer);
        }, sendTakes.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void expireSessions() {
        long now = System.nanoTime();
        sessions.values().removeIf(s -> now - s.started > SESSION_LIMIT.toNanos());
    }

    private void ussd(String text, String sid) {
        // USSD <sendid> <password> <code>: anything after the code (a newline) is part of the code
        String[] w = text.split(" ", 4);
        if (w.length < 4 || !w[2].equals(password)) {
            reply("USSDERROR " + sid + " password error");
            return;
        }
        String code = w[3];
        ussdAsked.add(code);
        if (!code.matches("[0-9*#]{1,64}")) {
            reply("USSDERROR " + sid + " bad code");
            return;
        }
        if (!gsmLogin) {
            reply("USSDERROR " + sid + " GSM logout");
            return;
        }
        String answer = ussdAnswers.apply(code);
        if (answer != null) {
            goip.timer().schedule(() -> reply("USSD " + sid + " " + answer), 300, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * {@code CF sendid password reason mode number seconds}: the SIM's forwarding, set on the network as the
     * module's +CCFC would (reason 0 unconditional; mode 3 registers, 4 erases), answered CFOK or CFERROR.
     */
    private void callForward(String sid, String text) {
        String[] w = text.replaceAll("\n$", "").split(" ");
        if (w.length < 7 || !w[2].equals(password)) {
            reply("CFERROR " + sid + " password error");
        } else if (!gsmLogin || disabled) {
            reply("CFERROR " + sid + " GSM logout");
        } else if (!w[3].equals("0") || !(w[4].equals("3") || w[4].equals("4"))
                || (w[4].equals("3") && !w[5].matches("\\+?[0-9]{3,20}"))) {
            reply("CFERROR " + sid + " bad parameters");
        } else {
            forwardTo = w[4].equals("3") ? w[5] : "";
            reply("CFOK " + sid);
        }
    }

    private volatile String forwardTo = "";

    /** Where the network forwards calls to this port's SIM ("" for nowhere), as the last CF set it. */
    public String forwardTo() {
        return forwardTo;
    }

    private void control(String name, String sid, String text) {
        // name <sendid> [arg] <password>: the password is the last word
        String[] w = text.replaceAll("\n$", "").split(" ");
        if (w.length < 3 || !w[w.length - 1].equals(password)) {
            reply("ERROR " + sid + " password error");
            return;
        }
        String arg = w.length > 3 ? w[2] : "";
        switch (name) {
            case "get_gsm_num" -> reply(name + " " + sid + " " + (number.isEmpty() ? "(null)" : number));
            case "set_gsm_num" -> {
                number = arg;
                reply(name + " " + sid + " " + arg + " ok");
            }
            case "get_gsm_state" -> reply(name + " " + sid + " IDLE");
            case "svr_drop_call", "svr_reboot_dev", "set_out_call_interval" -> reply(name + " " + sid + " ok");
            case "svr_reboot_module" -> {
                gsmLogin = false;
                goip.timer().schedule(() -> gsmLogin = true, 2, TimeUnit.SECONDS);
                reply(name + " " + sid + " ok");
            }
            case "module_ctl_i" -> {
                disabled = arg.equals("2");
                reply(name + " " + sid + " ok");
            }
            default -> reply("ERROR " + sid + " unknown command");
        }
    }

    private void reply(String text) {
        goip.send(socket, text);
    }

    void close() {
        closed = true;
        voice.close();
        ScheduledFuture<?> k = keepalive;
        if (k != null) {
            k.cancel(false);
        }
        socket.close();
    }
}
