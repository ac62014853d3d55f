package io.branchline.hw.emulator;

import io.branchline.hw.serial.SerialLink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A GSM modem in software, for tests and the simulate mode: MockWebServer for modems. It speaks AT over
 * any {@link SerialLink} (a pty pair or an in-memory pair), answers from its own model of the modem (SIM,
 * signal, registration, vendor {@link Flavour}) or from a scripted table, says ERROR to what it does not
 * know, and records every byte and command written to it.
 *
 * <p>Knobs make it misbehave the way real modems do: ring, receive an SMS, put a URC in the middle of a
 * response, go silent, send garbage, switch to CR-only line endings, split its writes, or vanish.
 *
 * <p>It is strict: a second command written before the final result of the first is a protocol violation,
 * kept for {@link #assertNoViolations()}.
 */
public final class ModemEmulator implements AutoCloseable {
    private final Flavour flavour;
    private final String imei;
    private volatile EmulatedSim sim;
    private final ModemState state;
    private final ScriptedAnswers scripted = new ScriptedAnswers();
    private final VendorCommands vendorCommands;
    private final HostRecord host = new HostRecord();
    private final List<Runnable> restartListeners = new CopyOnWriteArrayList<>();
    private volatile SerialLink link;
    private final EmulatorOutput out = new EmulatorOutput(() -> link);
    private volatile Thread reader;
    private volatile boolean silent;
    /** The TPDU length the host announced with +CMGS=<length>, for the body that follows. */
    private volatile int pendingBodyLength = -1;
    private volatile boolean closed;
    private final EmulatedCalls calls = new EmulatedCalls();
    private volatile EmulatedNetwork network;
    private final EmulatedVoicePort voice;

    public ModemEmulator(Flavour flavour, String imei, EmulatedSim sim) {
        this.voice = new EmulatedVoicePort("voice " + imei);
        this.flavour = flavour;
        this.state = new ModemState(flavour);
        this.vendorCommands = VendorCommands.of(flavour);
        this.imei = imei;
        this.sim = sim;
    }

    // --- wiring ----------------------------------------------------------------------------------------------

    /**
     * Connects the emulator to the device end of a link and starts answering. Attaching again (after a
     * restart or a vanish) replaces the old link; like a power cycle, it wakes a silent modem and turns
     * echo back on.
     */
    public synchronized void attach(SerialLink deviceEnd) {
        detach();
        this.link = deviceEnd;
        this.silent = false;
        state.reset();
        // Platform thread: over a pty the read is native and would pin a virtual thread's carrier.
        this.reader = Thread.ofPlatform().daemon().name("emulator " + imei).start(() -> readLoop(deviceEnd));
    }

    /** Lets go of the link (the bus does so before it opens the port's device end again). */
    synchronized void release() {
        detach();
    }

    private void detach() {
        SerialLink old = link;
        link = null;
        if (old != null) {
            old.close();
        }
        Thread t = reader;
        // A restart is answered from the reader thread itself: it ends on its own once the link is closed.
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Called after the emulator has answered AT+CFUN=1,1: the USB device is about to re-enumerate. */
    public void onRestart(Runnable listener) {
        restartListeners.add(listener);
    }

    public Flavour flavour() {
        return flavour;
    }

    public String imei() {
        return imei;
    }

    public EmulatedSim sim() {
        return sim;
    }

    // --- the model -------------------------------------------------------------------------------------------

    public ModemEmulator insert(EmulatedSim card) {
        this.sim = card;
        return this;
    }

    /** Signal as +CSQ's rssi, 0..31 or 99. */
    public ModemEmulator signal(int rssi) {
        state.rssi = rssi;
        if (flavour == Flavour.HUAWEI_E1550) {
            sendUrc("^RSSI:" + rssi); // Huawei reports every change unasked
        }
        return this;
    }

    /** Registration stat as 27.007 numbers it (1 home, 2 searching, 3 denied, 5 roaming); URC when enabled. */
    public ModemEmulator registration(int stat) {
        state.registration = stat;
        if (state.cregMode > 0) {
            sendUrc("+CREG: " + stat + (state.cregMode == 2 ? EmulatorCommands.location(flavour) : ""));
        }
        return this;
    }

    public ModemEmulator operatorName(String name) {
        state.operator = name;
        return this;
    }

    /** Answers {@code command} with exactly {@code reply} (raw bytes, line ends included), ahead of the model. */
    public ModemEmulator respond(String command, String reply) {
        scripted.answer(command, reply);
        return this;
    }

    // --- calls ----------------------------------------------------------------------------------------------------

    void joinNetwork(EmulatedNetwork n) {
        this.network = n;
    }

    boolean onNetwork() {
        return network != null && sim.state() == EmulatedSim.State.READY && state.radioOn
                && (state.registration == 1 || state.registration == 5);
    }

    /** ATD: the call exists at once (dialling); the network moves it on after the OK is out. */
    int dial(String number) {
        int index = calls.add(number);
        long serial = calls.serial(index);
        EmulatedNetwork n = network;
        Thread.ofVirtual().start(() -> {
            // After this command's OK, as a real modem reports call progress after accepting ATD.
            if (flavour == Flavour.HUAWEI_E1550) {
                sendUrc("^ORIG:" + index + ",0");
            }
            long id = n.originate(asCaller, index, number);
            if (!calls.attachNetworkId(index, serial, id)) {
                // Hung up before the network had it: it must not ring, answer, or touch a later call.
                n.release(id, sim.ownNumber(), number);
            }
        });
        return index;
    }

    /** AT+CHUP / ATH: every call ends here, and the network hears of it. */
    void hangUpAll() {
        for (int index : calls.indexes()) {
            String number = calls.number(index);
            List<String> urcs = new ArrayList<>();
            long id = calls.end(index, EmulatedNetwork.End.NORMAL, true, flavour, state.clccUrc, now(), urcs);
            if (id >= 0 && network != null) {
                network.release(id, sim.ownNumber(), number);
            }
            urcs.forEach(this::sendUrcLater);
        }
        callsGone();
    }

    List<String> clccLines() {
        return calls.clccLines();
    }

    boolean inCall() {
        return calls.busy();
    }

    /** This modem as the network sees a caller. */
    private final EmulatedNetwork.Caller asCaller = new EmulatedNetwork.Caller() {
        @Override
        public String ownNumber() {
            return sim.ownNumber();
        }

        @Override
        public void callProgress(int index, EmulatedCalls.State s) {
            ModemEmulator.this.callProgress(index, s);
        }

        @Override
        public void callEnded(int index, EmulatedNetwork.End how) {
            ModemEmulator.this.callEnded(index, how);
        }
    };

    void callProgress(int index, EmulatedCalls.State s) {
        calls.progress(index, s, flavour, state.clccUrc, now()).forEach(this::sendUrc);
        if (s == EmulatedCalls.State.ACTIVE) {
            voice.talking(true);
        }
    }

    void callEnded(int index, EmulatedNetwork.End how) {
        List<String> urcs = new ArrayList<>();
        calls.end(index, how, false, flavour, state.clccUrc, now(), urcs);
        callsGone();
        urcs.forEach(this::sendUrc);
    }

    /** The voice port stops with the last call; SIMCom and Huawei want their voice command again next call. */
    private void callsGone() {
        if (!calls.busy()) {
            voice.talking(false);
            if (flavour != Flavour.QUECTEL_EC25) {
                voice.enable(false);
            }
        }
    }

    /** Whether the host switched on the modem's own key detection (Quectel +QTONEDET=1, SIMCom +DDET=1). */
    private volatile boolean keyReports;

    void keyReports(boolean on) {
        keyReports = on;
    }

    /**
     * The caller on the current call presses {@code digits}: the tones go out in the voice, and a modem whose
     * key detection is on also reports each key as its manual says (+QTONEDET: ASCII code, +RXDTMF: key), at
     * the end of its tone (80 ms on, 80 ms off each).
     */
    public void press(String digits) {
        voice.press(digits);
        if (!keyReports || !calls.talking()) {
            return;
        }
        Thread.ofVirtual().name("keys " + imei).start(() -> {
            try {
                for (char k : digits.toCharArray()) {
                    Thread.sleep(80);
                    sendUrc(flavour == Flavour.QUECTEL_EC25 ? "+QTONEDET: " + (int) k : "+RXDTMF: " + k);
                    Thread.sleep(80);
                }
            } catch (InterruptedException e) {
                // the emulator is closing
            }
        });
    }

    /** The modem's voice port (its own tty): what the customer says, and what the box sent them. */
    public EmulatedVoicePort voice() {
        return voice;
    }

    boolean talking() {
        return calls.talking();
    }

    /** The voice port's device end was opened by the bus. */
    void attachVoice(SerialLink deviceEnd) {
        voice.attach(deviceEnd);
    }

    void detachVoice() {
        voice.detach();
    }

    private long now() {
        EmulatedNetwork n = network;
        return n == null ? System.currentTimeMillis() : n.nowMillis();
    }

    /** URCs a command caused (a call's end, a USSD answer): they go out after that command's final result. */
    private void sendUrcLater(String line) {
        out.afterFinal(line);
    }

    // --- adverse effects -------------------------------------------------------------------------------------

    /** Sends a URC now, between whatever else is on the wire. */
    public void sendUrc(String line) {
        if (state.urcsOnOtherPort && line.startsWith("^")) {
            return; // Huawei after AT^PORTSEL=1: its own URCs go to the PC UI port
        }
        out.urc(line);
    }

    /**
     * The next answer to a command starting with {@code commandPrefix} carries {@code urcLine} after its first
     * line; several injections queue up, one per answer.
     */
    public void injectDuring(String commandPrefix, String urcLine) {
        scripted.inject(commandPrefix, urcLine);
    }

    /** How often an unanswered call rings again: RING (+CRING) and +CLIP repeat, as handsets see them. */
    public static final Duration RING_EVERY = Duration.ofSeconds(3);

    /**
     * A call from {@code number} (empty: withheld) rings here: RING (or +CRING: VOICE after AT+CRC=1), and
     * +CLIP after AT+CLIP=1 (27.007 7.6, CLI validity 1 when withheld), again every {@link #RING_EVERY}
     * until it is answered (ATA), refused (ATH, AT+CHUP) or the caller gives up. Null when a call is up
     * already (the network then tells the caller busy).
     */
    public Incoming ring(String number) {
        if (calls.busy()) {
            return null;
        }
        int index = calls.addIncoming(number);
        Incoming in = new Incoming(index, calls.serial(index));
        announce(number);
        Thread.ofVirtual().name("ring " + index).start(() -> {
            try {
                Thread.sleep(RING_EVERY.toMillis());
                while (calls.ringing(in.index, in.serial)) {
                    announce(number);
                    Thread.sleep(RING_EVERY.toMillis());
                }
            } catch (InterruptedException e) {
                // the emulator is closing
            }
        });
        return in;
    }

    private void announce(String number) {
        sendUrc(state.crc ? "+CRING: VOICE" : "RING");
        if (state.clip) {
            sendUrc(number.isEmpty() ? "+CLIP: \"\",128,,,,1" : "+CLIP: \"" + EmulatorCommands.text(state, number) + "\","
                    + (number.startsWith("+") ? 145 : 129) + ",,,,0");
        }
    }

    /** One call ringing here, for the side that placed it: whether it was answered, and its end. */
    public final class Incoming {
        private final int index;
        private final long serial;

        private Incoming(int index, long serial) {
            this.index = index;
            this.serial = serial;
        }

        /** Whether the host answered (ATA) and the call is still up. */
        public boolean answered() {
            return calls.clccLines().stream().anyMatch(l -> l.startsWith("+CLCC: " + index + ",1,0,")) && present();
        }

        /** Whether the call is still there (ringing or answered). */
        public boolean present() {
            return calls.serial(index) == serial;
        }

        /** The caller hangs up (before or after the answer): the call goes, with NO CARRIER. */
        public void callerHangsUp() {
            if (!present()) {
                return;
            }
            callEnded(index, EmulatedNetwork.End.NORMAL);
        }
    }

    /** ATA: answers the ringing call; false when nothing rings. */
    boolean answer() {
        int index = calls.answer(now());
        if (index < 0) {
            return false;
        }
        voice.talking(true);
        if (state.clccUrc) {
            calls.clccLines().stream().filter(l -> l.startsWith("+CLCC: " + index + ",")).forEach(this::sendUrcLater);
        }
        return true;
    }

    /**
     * Stores an SMS (PDU hex) in the SIM and, as 27.005 3.4.1 says for +CNMI <mt> 1 or 2, announces it with
     * +CMTI; returns its index, or -1 when the storage is full.
     */
    public int deliverSms(String pduHex) {
        int index = state.storeSms(pduHex);
        if (index >= 0 && (state.cnmiMt == 1 || state.cnmiMt == 2)) {
            sendUrc("+CMTI: \"SM\"," + index);
        }
        return index;
    }

    private final List<EmulatedSms.Submitted> sentSms = new CopyOnWriteArrayList<>();

    /** The messages the host sent through this modem, decoded as the network reads them (for tests). */
    public List<EmulatedSms.Submitted> sentSms() {
        return List.copyOf(sentSms);
    }

    private void sent(int reference, EmulatedSms.Submitted m) {
        sentSms.add(m);
        EmulatedNetwork n = network;
        if (n != null) {
            n.smsSent(this, reference, m);
        }
    }

    String smsCentre() {
        return state.smsc;
    }

    /** A status report for a message this modem sent, as +CDS when the host asked for them (+CNMI ds 1). */
    void statusReport(String pduHex) {
        if (state.cnmiDs == 1 && state.pduMode) {
            sendUrc("+CDS: " + (pduHex.length() / 2 - 1 - Integer.parseInt(pduHex.substring(0, 2), 16)) + "\r\n" + pduHex);
        }
    }

    /** How many messages the SIM holds now. */
    public int smsStored() {
        return state.used();
    }

    /** The network's answer to a USSD string, after the command's OK. */
    void sendUssdAnswerLater(String urc) {
        sendUrcLater(urc);
    }

    /** A text message from {@code sender} reaches this modem's SIM now (stored, announced with +CMTI). */
    public int receiveSms(String sender, String text) {
        return deliverSms(EmulatedSms.deliver(sender, text, java.time.ZonedDateTime.now(java.time.ZoneOffset.ofHours(8))));
    }

    /** Reads commands but answers nothing, like a wedged firmware, until attached again. */
    public void goSilent(boolean on) {
        this.silent = on;
    }

    public void sendGarbage(byte[] bytes) {
        out.bytes(bytes);
    }

    /** CR instead of CR LF at the end of every line, as some firmware does. */
    public void crOnlyLineEndings(boolean on) {
        out.crOnly(on);
    }

    /** Writes every answer in pieces of {@code bytes} so that lines arrive split across reads (0: whole). */
    public void splitWrites(int bytes) {
        out.splitWrites(bytes);
    }

    /** Waits this long before answering, so that a test can catch a host sending a second command too early. */
    public void answerDelay(Duration d) {
        out.answerDelay(d);
    }

    /** The device disappears from the bus: the link closes under the host. */
    public synchronized void vanish() {
        detach();
        voice.detach();
    }

    // --- inspection ------------------------------------------------------------------------------------------

    /** Hears every command line as it arrives (benchmarks time the ATD of a click-to-call this way). */
    public void onCommand(java.util.function.Consumer<String> listener) {
        host.onCommand(listener);
    }

    /** The next command the host wrote (without CR), waiting up to {@code timeout}; null if none came. */
    public String takeCommand(Duration timeout) {
        return host.take(timeout);
    }

    /** Every command received so far and not yet taken, in order. */
    public List<String> drainCommands() {
        return host.drain();
    }

    /** Every byte the host wrote, in order. */
    public byte[] received() {
        return host.received();
    }

    public List<String> violations() {
        return host.violations();
    }

    public void assertNoViolations() {
        if (!host.violations().isEmpty()) {
            throw new AssertionError("modem protocol violations: " + host.violations());
        }
    }

    public boolean isAttached() {
        return link != null && link.isOpen();
    }

    @Override
    public synchronized void close() {
        closed = true;
        detach();
        voice.detach();
    }

    // --- the wire --------------------------------------------------------------------------------------------

    private void readLoop(SerialLink l) {
        byte[] buf = new byte[1024];
        CommandFramer framer = new CommandFramer();
        CommandFramer.Host handler = new CommandFramer.Host() {
            @Override
            public boolean command(String cmd, boolean early) {
                return onCommand(cmd, early && !silent);
            }

            @Override
            public void body(String text) {
                answerLines(state.pduMode ? state.acceptSentSms(text.strip(), pendingBodyLength, ModemEmulator.this::sent)
                        : List.of("+CMGS: " + state.storeSentCount(), "OK"));
            }

            @Override
            public void bodyCancelled() {
                answerLines(List.of("OK"));
            }

            @Override
            public void bodyByte(byte b) {
                if (state.echo) {
                    out.bytes(new byte[] {b}); // the body is echoed as it is typed, like the command
                }
            }

            @Override
            public boolean answering() {
                return out.answering();
            }
        };
        // Closing the link ends a waiting read at once, so a long wait costs nothing but saves the simulate
        // mode's eight emulators from waking ten times a second each.
        while (!closed && link == l) {
            int n = l.read(buf, 500);
            if (n < 0) {
                return;
            }
            host.bytes(buf, n);
            framer.feed(buf, n, handler);
        }
    }

    /** Handles one command line; true when the modem now waits for an SMS body. */
    private boolean onCommand(String cmd, boolean early) {
        host.command(cmd);
        if (early || out.answering()) {
            host.violation("\"" + cmd + "\" written before the final result of the previous command");
        }
        if (silent) {
            return false;
        }
        if (state.echo) {
            write(cmd + "\r");
        }
        Optional<String> scriptedReply = scripted.answerTo(cmd);
        if (scriptedReply.isPresent()) {
            send(scriptedReply.get());
            return false;
        }
        EmulatorCommands.Reply reply = EmulatorCommands.answer(cmd, this, state);
        if (reply.awaitBody()) {
            pendingBodyLength = reply.announcedLength();
            write("\r\n> ");
            return true;
        }
        List<String> lines = new ArrayList<>(reply.lines());
        scripted.injectionFor(cmd).ifPresent(urc -> lines.add(Math.min(1, lines.size()), "\u0000URC" + urc));
        answerLines(lines);
        if (reply.restart()) {
            restartListeners.forEach(Runnable::run);
        }
        return false;
    }

    /** Writes info lines then the final line (the last element); a "\0URC" element is written as a URC. */
    private void answerLines(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append("\r\n").append(l.startsWith("\u0000URC") ? l.substring(4) : l).append("\r\n");
        }
        send(sb.toString());
    }

    private void send(String raw) {
        out.answer(raw);
    }

    VendorCommands vendorCommands() {
        return vendorCommands;
    }

    String unknownCommandReply() {
        return flavour.unknownCommandReply;
    }

    private void write(String s) {
        out.write(s);
    }
}
