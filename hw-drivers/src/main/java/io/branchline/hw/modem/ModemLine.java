package io.branchline.hw.modem;

import io.branchline.hw.at.AtCommands;
import io.branchline.hw.at.AtEngine;
import io.branchline.hw.at.AtException;
import io.branchline.hw.at.Urc;
import io.branchline.hw.at.parse.Registration;
import io.branchline.hw.at.parse.Signal;
import io.branchline.hw.serial.LoggedLink;
import io.branchline.hw.serial.SerialLink;
import io.branchline.hw.serial.SerialLinkException;
import io.branchline.hw.serial.WireLog;
import io.branchline.hw.time.Scheduler;
import io.branchline.hw.sim.SimMultiplexer;
import io.branchline.hw.sim.SimSwitchResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one modem line alive: finds the modem by its address, opens and initialises it, polls it, follows
 * its URCs, and recovers. A port that vanishes marks the line down and is looked for again with backoff;
 * a modem that stops answering gets a ping, then AT+CFUN=1,1, then is found again once it re-enumerates.
 *
 * <p>All work runs on the line's own virtual thread, one task at a time, so the state needs no locks;
 * {@link #snapshot()} is an immutable copy.
 */
public final class ModemLine implements io.branchline.hw.line.Line {
    private static final Logger log = LoggerFactory.getLogger(ModemLine.class);

    private final String id;
    private final ModemAddress address;
    private final PortFinder finder;
    private final LinkOpener opener;
    private final Scheduler scheduler;
    private final LineHealthSettings settings;
    private final WireLog wireLog;
    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final List<Consumer<LineSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ModemCall>> incoming = new CopyOnWriteArrayList<>();
    private final Thread worker;
    private volatile LineSnapshot snapshot;
    private volatile boolean closed;
    private volatile AtEngine engine;
    private ModemDriver driver;
    private volatile ModemCalls calls;
    private long generation;
    private Duration backoff;
    private final SimPin pin = new SimPin();
    private final SmsInbox sms;
    private final UssdSession ussd;
    private volatile long taskSince;
    private volatile boolean probed;

    public ModemLine(String id, ModemAddress address, PortFinder finder, LinkOpener opener, Scheduler scheduler,
                     LineHealthSettings settings) {
        this.id = id;
        this.address = address;
        this.finder = finder;
        this.opener = opener;
        this.scheduler = scheduler;
        this.settings = settings;
        this.wireLog = WireLog.inMemory(scheduler.clock());
        this.sms = new SmsInbox(id, scheduler.clock());
        this.ussd = new UssdSession(id, () -> engine().orElseThrow(() -> new LineDownException(id)),
                () -> snapshot.profile());
        this.backoff = settings.backoffMin();
        this.snapshot = new LineSnapshot(id, address, "", VendorProfile.GENERIC, ModemIdentity.unknown(),
                ModemStatus.down("not opened yet"), scheduler.clock().instant(), 0);
        this.worker = Thread.ofVirtual().name("line " + id).start(this::work);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public LineSnapshot snapshot() {
        return snapshot;
    }

    /** The raw bytes of this line's port, both ways: for doctor output and bug reports. */
    @Override
    public WireLog wireLog() {
        return wireLog;
    }

    /**
     * The PIN to enter when this line's SIM asks for one (set before {@link #start()}). Entered once per card:
     * a card that refuses it is left locked and says so, since the third wrong PIN would lock it for good.
     */
    public ModemLine simPin(String pin) {
        if (!pin.isEmpty()) {
            AtCommands.enterPin(pin); // refuses anything but 4 to 8 digits, naming "pin"
        }
        this.pin.set(pin);
        return this;
    }

    /** The text messages this line's SIMs receive, and the status reports of those it sends. */
    @Override
    public SmsInbox sms() {
        return sms;
    }

    /**
     * Sends one message's parts on this line's modem and returns their message references; see
     * {@link SmsSubmitter}. Runs on the caller's thread, between the line's other commands.
     */
    public List<Integer> sendSms(List<io.branchline.hw.sms.SubmitPdu> parts) throws SmsSubmitter.NotSent {
        AtEngine e = engine().orElseThrow(() -> new LineDownException(id));
        return SmsSubmitter.send(e, parts);
    }

    @Override
    public List<Integer> sendSms(String number, String text, int reference) throws SmsSubmitter.NotSent {
        return sendSms(io.branchline.hw.sms.SubmitPdu.encode(number, text, reference, sms.statusReports()));
    }

    @Override
    public boolean linked() {
        return engine().isPresent();
    }

    /** USSD on this line (balances, codes): one session at a time, never sent twice. */
    @Override
    public UssdSession ussd() {
        return ussd;
    }

    @Override
    public void onChange(Consumer<LineSnapshot> listener) {
        listeners.add(listener);
    }

    /**
     * Hears every call that rings this line, once its caller is known, whichever time the modem was opened
     * (the calls of each opening report here).
     */
    @Override
    public void onIncoming(Consumer<ModemCall> listener) {
        incoming.add(listener);
    }

    /** Starts looking for the modem now. */
    @Override
    public void start() {
        post(this::connect);
    }

    /** Polls now instead of at the next interval (for the API's refresh and for tests). */
    @Override
    public void pollNow() {
        post(this::poll);
    }

    /** The calls on this line's modem (out, and in), while its port is open. */
    @Override
    public Optional<io.branchline.hw.line.LineCalls> calls() {
        ModemCalls c = calls;
        return c != null && engine().isPresent() ? Optional.of(c) : Optional.empty();
    }

    /**
     * The connected call's voice: switches it on with the family's command and opens the audio tty that sits
     * next to the AT port on the same USB device. Throws {@link ModemVoice.VoiceUnavailableException} saying
     * why when there is none.
     */
    @Override
    public ModemVoice openVoice() {
        AtEngine e = engine().orElseThrow(() -> new ModemVoice.VoiceUnavailableException("line " + id + " is down"));
        VendorProfile profile = snapshot.profile();
        VoiceSupport v = profile.voice();
        if (!v.available() || address.usbPath().isEmpty()) {
            throw new ModemVoice.VoiceUnavailableException(profile.label() + " on " + address.describe()
                    + " carries voice only on its analog path");
        }
        PortCandidate audio = finder.scan().stream()
                .filter(c -> c.usbPath().equals(address.usbPath()) && c.usbInterface() == v.audioInterface())
                .findFirst().orElseThrow(() -> new ModemVoice.VoiceUnavailableException("no audio port at USB "
                        + address.usbPath() + " interface " + v.audioInterface()));
        return ModemVoice.open(e, v, opener, audio);
    }

    @Override
    public Optional<io.branchline.hw.line.CallForwarding> forwarding() {
        return engine().map(ModemForwarding::new);
    }

    /** The engine of the open port, for the parts of the box that talk to this modem (calls, SMS). */
    @Override
    public Optional<AtEngine> engine() {
        AtEngine e = engine;
        return e != null && e.isAlive() ? Optional.of(e) : Optional.empty();
    }

    private boolean post(Runnable task) {
        if (closed) {
            return false;
        }
        tasks.add(task);
        return true;
    }

    private void work() {
        while (!closed) {
            try {
                Runnable task = tasks.take();
                taskSince = System.nanoTime();
                try {
                    task.run();
                } finally {
                    taskSince = 0;
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("line={} event=task-failed", id, e);
            }
        }
    }

    /**
     * How long the line's thread has been in its current task (zero while it waits for one): every command
     * has a timeout, so a figure of minutes means the loop hangs, and the box's watchdog says so.
     */
    @Override
    public Duration busyFor() {
        long since = taskSince;
        return since == 0 ? Duration.ZERO : Duration.ofNanos(Math.max(0, System.nanoTime() - since));
    }

    /** Whether the line has been looked for at least once since the box started (found or not). */
    @Override
    public boolean probed() {
        return probed;
    }

    private void connect() {
        closeEngine();
        long gen = ++generation;
        Optional<PortCandidate> found = finder.scan().stream().filter(address::matches).findFirst();
        if (found.isEmpty()) {
            down("modem not found at " + address.describe(), null);
            retryLater(gen);
            return;
        }
        PortCandidate port = found.get();
        try {
            SerialLink link = new LoggedLink(opener.open(port), wireLog);
            engine = new AtEngine(link, scheduler.clock());
            engine.onUrc(urc -> post(() -> onUrc(gen, urc)));
            engine.onLinkLost(() -> post(() -> linkLost(gen)));
            driver = new ModemDriver(engine);
            calls = new ModemCalls(engine, scheduler, Duration.ofMillis(500));
            calls.onIncoming(c -> incoming.forEach(l -> l.accept(c)));
            VendorProfile profile = driver.initialize();
            calls.detectKeys(profile.keyDetection());
            ModemIdentity identity = driver.readIdentity();
            if (!address.imei().isEmpty() && !address.imei().equals(identity.imei())) {
                closeEngine();
                down("found IMEI " + identity.imei() + " at " + port.describe() + ", expected " + address.imei(),
                        port.devicePath());
                retryLater(gen);
                return;
            }
            ModemStatus status = driver.poll();
            if (pin.unlock(driver, id, identity, status)) {
                identity = driver.readIdentity(); // the IMSI and own number show once the card is open
                status = driver.poll();
            }
            status = pin.explain(identity, status);
            if (status.state() != LineState.NO_SIM && status.state() != LineState.PIN_NEEDED) {
                // Part of opening, so that a line shown up is idle: SMS announced from now on, and what
                // arrived while the box was away.
                sms.start(engine, identity.iccid());
            }
            publish(new LineSnapshot(id, address, port.devicePath(), profile, identity, status,
                    scheduler.clock().instant(), snapshot.restarts()));
            log.info("line={} event=line-open port={} imei={} iccid={} state=\"{}\"", id, port.devicePath(),
                    identity.imei(), identity.iccid(), status.state().label());

            backoff = settings.backoffMin();
            schedulePoll(gen);
        } catch (SerialLinkException | AtException e) {
            closeEngine();
            down(e.getMessage(), port.devicePath());
            retryLater(gen);
        }
    }

    private void poll() {
        if (driver == null || engine == null || !engine.isAlive()) {
            return;
        }
        long gen = generation;
        try {
            ModemStatus status = driver.poll();
            LineSnapshot s = snapshot;
            sms.sweep(engine, s.identity().iccid());
            if (pin.unlock(driver, id, s.identity(), status)) {
                // A card inserted while running: read who it is now that it is open.
                ModemIdentity identity = driver.readIdentity();
                publish(s.with(identity, driver.poll(), scheduler.clock().instant()));
            } else {
                publish(s.with(pin.explain(s.identity(), status), scheduler.clock().instant()));
            }
        } catch (AtException.Timeout e) {
            if (!recoverFromTimeout(gen)) {
                return;
            }
        } catch (AtException.LinkLost e) {
            return; // linkLost() is on its way
        } catch (AtException e) {
            log.warn("line={} event=poll-failed error=\"{}\"", id, e.getMessage());
        }
        schedulePoll(gen);
    }

    /**
     * A timeout is not a reset: a ping decides. If the modem answers it, carry on. If not, and it has missed
     * enough commands in a row, restart it and look for it again once it has re-enumerated.
     *
     * @return whether the line is still usable
     */
    private boolean recoverFromTimeout(long gen) {
        try {
            driver.ping(1);
            return true;
        } catch (AtException.Timeout e) {
            if (engine.consecutiveTimeouts() < settings.timeoutsBeforeRestart()) {
                return true;
            }
        } catch (AtException e) {
            return false;
        }
        log.warn("line={} event=restart reason=\"no answer to {} commands in a row\"", id,
                engine.consecutiveTimeouts());
        engine.submit(AtCommands.restart()); // not awaited: a wedged modem may not answer
        closeEngine();
        LineSnapshot s = snapshot;
        publish(new LineSnapshot(id, address, s.port(), s.profile(), s.identity(),
                ModemStatus.down("restarting: the modem stopped answering"), scheduler.clock().instant(),
                s.restarts() + 1)); // the one change that also counts a restart
        scheduler.schedule(settings.restartWait(), () -> post(() -> {
            if (generation == gen) {
                connect();
            }
        }));
        return false;
    }

    /**
     * Moves the modem to another SIM of its multiplexer: radio off, select the slot, radio on, wait for the
     * SIM to be ready and registered, check that it is the card expected there. Never while a call is up.
     * Runs on the line's own thread, between polls.
     *
     * @param expectedIccid the card the installer put in that slot; empty to accept any
     */
    @Override
    public CompletableFuture<SimSwitchResult> switchSim(SimMultiplexer mux, int slot, String expectedIccid,
                                                        Duration timeout) {
        CompletableFuture<SimSwitchResult> result = new CompletableFuture<>();
        if (!post(() -> result.complete(doSwitch(mux, slot, expectedIccid, timeout)))) {
            result.complete(SimSwitchResult.failed(slot, "", "line " + id + " is closed"));
        }
        return result;
    }

    private SimSwitchResult doSwitch(SimMultiplexer mux, int slot, String expectedIccid, Duration timeout) {
        if (engine == null || !engine.isAlive() || driver == null) {
            return SimSwitchResult.failed(slot, "", "line " + id + " is down");
        }
        if (calls != null && calls.current().isPresent()) {
            return SimSwitchResult.failed(slot, "", "a call is up on line " + id);
        }
        return SimSwap.run(id, engine, driver, mux, slot, expectedIccid, timeout, scheduler,
                (identity, status) -> publish(snapshot.with(identity, status, scheduler.clock().instant())));
    }

    private void linkLost(long gen) {
        if (gen != generation) {
            return;
        }
        closeEngine();
        down("serial port vanished (USB re-enumeration or cable)", snapshot.port());
        retryLater(gen);
    }

    private void onUrc(long gen, Urc urc) {
        if (gen != generation) {
            return;
        }
        LineSnapshot s = snapshot;
        ModemStatus status = s.status();
        try {
            if (urc.is("+CREG") || urc.is("+CEREG")) {
                status = status.withRegistration(Registration.parseUrc(urc.name() + ": " + urc.payload()).status());
            } else if (urc.is("^RSSI")) {
                status = status.withSignal(Signal.parseHuaweiRssi(urc.payload()));
            } else if (urc.is("+CPIN")) {
                post(this::poll); // SIM inserted, removed or unlocked: read everything again
                return;
            } else if (urc.is("+CDS")) {
                urc.body().ifPresent(pdu -> sms.reported(urc.payload(), pdu));
                return;
            } else if (urc.is("+CUSD")) {
                ussd.answered(urc.name() + ": " + urc.payload());
                return;
            } else if (urc.is("+CMTI")) {
                int index = io.branchline.hw.at.parse.SmsNotice.parse(urc.name() + ": " + urc.payload()).index();
                AtEngine e = engine;
                if (e != null) {
                    sms.announced(e, s.identity().iccid(), index);
                }
                return;
            } else {
                return;
            }
        } catch (AtException e) {
            log.info("line={} event=unparsable-urc urc=\"{}\"", id, urc);
            return;
        }
        publish(s.with(status, scheduler.clock().instant()));
    }

    private void schedulePoll(long gen) {
        scheduler.schedule(settings.pollInterval(), () -> post(() -> {
            if (generation == gen) {
                poll();
            }
        }));
    }

    private void retryLater(long gen) {
        Duration wait = backoff;
        backoff = backoff.multipliedBy(2).compareTo(settings.backoffMax()) > 0 ? settings.backoffMax()
                : backoff.multipliedBy(2);
        scheduler.schedule(wait, () -> post(() -> {
            if (generation == gen) {
                connect();
            }
        }));
    }

    private void down(String why, String port) {
        LineSnapshot s = snapshot;
        if (s.status().state() != LineState.DOWN || !s.status().detail().equals(why)) {
            log.warn("line={} event=line-down reason=\"{}\"", id, why);
        }
        publish(s.on(port == null ? s.port() : port, ModemStatus.down(why), scheduler.clock().instant()));
    }

    private void publish(LineSnapshot s) {
        snapshot = s;
        probed = true;
        for (Consumer<LineSnapshot> l : listeners) {
            try {
                l.accept(s);
            } catch (RuntimeException e) {
                log.error("line={} event=listener-failed", id, e);
            }
        }
    }

    private void closeEngine() {
        if (engine != null) {
            engine.close();
            engine = null;
            driver = null;
            calls = null;
        }
    }

    @Override
    public void close() {
        post(this::closeEngine);
        post(() -> closed = true);
        try {
            worker.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        worker.interrupt();
        closeEngine();
    }
}
