package io.branchline.box;

import io.branchline.box.access.AccessFeature;
import io.branchline.box.agent.Agents;
import io.branchline.box.live.Changes;
import io.branchline.box.live.LiveService;
import io.branchline.box.system.LogTail;
import io.branchline.box.system.SystemService;
import io.branchline.box.agent.AgentsService;
import io.branchline.box.agent.SeatStates;
import io.branchline.box.call.CallControl;
import io.branchline.box.call.CallMedia;
import io.branchline.box.call.CallRecords;
import io.branchline.box.call.CallsFeature;
import io.branchline.box.callback.CallbackDial;
import io.branchline.box.config.BoxConfig;
import io.branchline.box.forward.ForwardDial;
import io.branchline.box.forward.ForwardingJournal;
import io.branchline.box.forward.ForwardingRecovery;
import io.branchline.box.guard.CallGuard;
import io.branchline.box.guard.GuardService;
import io.branchline.box.line.ConfiguredHardware;
import io.branchline.box.line.FrequentCallWarnings;
import io.branchline.box.line.Hardware;
import io.branchline.box.line.LineRegistry;
import io.branchline.box.line.LinesFeature;
import io.branchline.box.line.Sims;
import io.branchline.box.prompt.Prompts;
import io.branchline.box.prompt.PromptsService;
import io.branchline.box.recording.RecordingFeature;
import io.branchline.box.simulate.SimulateService;
import io.branchline.box.simulate.SimulatedHardware;
import io.branchline.box.sms.SmsFeature;
import io.branchline.box.store.DataDirLock;
import io.branchline.box.store.Database;
import io.branchline.box.store.SavedSettings;
import io.branchline.box.sync.CrmSettings;
import io.branchline.box.sync.CrmSettingsService;
import io.branchline.box.sync.OutboxSender;
import io.branchline.box.sync.SyncFeature;
import io.branchline.box.crmstub.CrmStub;
import io.branchline.box.web.ApiServer;
import io.branchline.box.web.BoxCertificate;
import io.branchline.box.web.AdminPage;
import io.branchline.box.web.Json;
import io.branchline.hw.at.AtEngine;
import io.branchline.hw.audio.FrameClock;
import io.branchline.hw.audio.Handset;
import io.branchline.hw.time.SystemScheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running box, composed by hand in the order its data flows: hardware → lines → calls (and their
 * plans) → media and recordings → outbox → CRM sync → the API. With {@code simulate} the hardware is the
 * emulated one; otherwise the configuration's.
 */
public final class Box implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Box.class);

    /**
     * What {@code branchline run} was asked for, after the command line and the file were merged.
     *
     * @param simulatePtys with {@code simulate}: a folder for pty pairs, so that the emulated modems are reached
     *                     through real ttys (socat) instead of in-memory links; null for in-memory
     */
    /** @param simulateDesks agents with a desk-phone SIM each beyond the simulate mode's own (benchmarks) */
    public record Options(BoxConfig config, Path dataDir, String host, int port, boolean simulate, boolean rawAt,
                          Path simulatePtys, int simulateDesks) {
        public Options(BoxConfig config, Path dataDir, String host, int port, boolean simulate, boolean rawAt) {
            this(config, dataDir, host, port, simulate, rawAt, null, 0);
        }

        public Options(BoxConfig config, Path dataDir, String host, int port, boolean simulate, boolean rawAt,
                       Path simulatePtys) {
            this(config, dataDir, host, port, simulate, rawAt, simulatePtys, 0);
        }
    }

    private final SystemScheduler scheduler;
    private final Database db;
    private final Hardware hardware;
    private final LinesFeature lines;
    private final FrameClock mediaClock;
    private final Prompts prompts;
    private final RecordingFeature recording;
    private final ForwardingJournal journal;
    private final CallControl calls;
    private final SyncFeature sync;
    private final ApiServer server;
    private final DataDirLock folder;
    private final AccessFeature access;
    private final Optional<String> demoPassword;
    private final LogTail logTail;
    private final Changes changes;
    private io.branchline.box.call.InboundCalls inbound;
    private io.branchline.box.groupcall.GroupCallsFeature groupCalls;
    private io.branchline.box.listdial.ListsFeature listDialing;
    private SmsFeature sms;
    private io.branchline.box.health.BoxHealth health;
    private io.branchline.box.health.BoxMetrics metrics;

    private Box(SystemScheduler scheduler, Database db, Hardware hardware, LinesFeature lines, FrameClock mediaClock,
                Prompts prompts, RecordingFeature recording, ForwardingJournal journal, CallControl calls,
                SyncFeature sync, ApiServer server, DataDirLock folder, AccessFeature access,
                Optional<String> demoPassword, LogTail logTail, Changes changes) {
        this.folder = folder;
        this.changes = changes;
        this.logTail = logTail;
        this.access = access;
        this.demoPassword = demoPassword;
        this.scheduler = scheduler;
        this.db = db;
        this.hardware = hardware;
        this.lines = lines;
        this.mediaClock = mediaClock;
        this.prompts = prompts;
        this.recording = recording;
        this.journal = journal;
        this.calls = calls;
        this.sync = sync;
        this.server = server;
    }

    public static Box start(Options o) {
        BoxConfig config = o.config();
        DataDirLock folder = DataDirLock.take(o.dataDir()); // one box per data folder
        SystemScheduler scheduler = new SystemScheduler();
        Database db;
        try {
            db = Database.open(o.dataDir());
        } catch (RuntimeException e) {
            scheduler.close();
            folder.close();
            throw e;
        }
        // Hardware and lines.
        Hardware hardware = o.simulate() ? simulated(scheduler, o.simulatePtys(), o.simulateDesks()) : new ConfiguredHardware(config);
        List<BoxConfig.Agent> agentList = new ArrayList<>(config.agents());
        agentList.addAll(hardware.agents());
        LinesFeature lines;
        try {
            lines = LinesFeature.build(config, hardware, agentList, db, scheduler);
        } catch (RuntimeException e) {
            hardware.close();
            db.close();
            scheduler.close();
            folder.close();
            throw e;
        }
        Agents agents = Agents.from(agentList);
        // Recordings (what a crash left is repaired first), opening messages and the voices of calls.
        CallRecords records = new CallRecords(db, scheduler.clock());
        RecordingFeature recording = RecordingFeature.start(config.recordings(), o.dataDir(), db, records, scheduler);
        int cut = records.recoverCut(); // calls a crash caught before they had a record
        if (cut > 0) {
            log.warn("event=calls-recovered count={} note=\"ended as cut: the box stopped while they were up\"", cut);
        }
        Prompts prompts = new Prompts(db, o.dataDir(), scheduler.clock(), a -> agents.find(a).isPresent(),
                l -> lines.registry().line(l).isPresent());
        FrameClock mediaClock = new FrameClock("media");
        CallMedia media = new CallMedia(mediaClock, recording.recordings(), prompts, handsets(hardware, agentList,
                mediaClock));
        // Calls and their dial plans.
        CallGuard guard = new CallGuard(db, scheduler.clock());
        CallsFeature callRoom = new CallsFeature(agents, lines, records, media, scheduler);
        ForwardingJournal journal = new ForwardingJournal(db, scheduler.clock());
        ForwardDial forward = new ForwardDial(journal, scheduler, Duration.ofMillis(config.calls().forwardDelayMs()),
                callRoom.choice(), lines.sims(), callRoom.watch());
        new ForwardingRecovery(lines.registry(), journal, forward, callRoom.table()::contains);
        SeatStates seats = new SeatStates(db, scheduler.clock(), Duration.ofSeconds(config.calls().wrapUpSeconds()));
        CallControl calls = callRoom.start(guard, seats, List.of(forward,
                new CallbackDial(scheduler, callRoom.choice(), lines.sims(), callRoom.watch())));
        // The outbox and the CRM.
        AgentsService agentsApi = new AgentsService(agentList, seats);
        // The CRM settings saved from the admin page stand over the file's from this start on.
        SavedSettings saved = new SavedSettings(db, scheduler.clock());
        BoxConfig.Crm crmInUse = CrmSettings.atStart(config.crm(), saved);
        CrmSettingsService crmSettings = new CrmSettingsService(saved, config.crm(), crmInUse,
                o.simulate() && !crmInUse.configured());
        SyncFeature sync = SyncFeature.start(config.withCrm(crmInUse), o.simulate(), db, scheduler, () -> Map.of("lines",
                lines.registry().views(), "agents", agentsApi.views()), calls, seats, agents, guard);
        sync.report(lines.registry(), calls, callRoom.inbound(), seats, lines.warnings(), recording, scheduler);
        SmsFeature sms = SmsFeature.start(lines.registry(), sync.events(), sync.outbox(), db, guard, scheduler.clock());
        sms.commands(sync);
        lines.start(); // after the calls listen: forwarding left by a crash is erased as lines come up
        // Who may use the API, and over what.
        ApiServer.Https https;
        AccessFeature access;
        try {
            https = config.http().https() == null ? null : new ApiServer.Https(config.http().https().port(),
                    BoxCertificate.load(o.dataDir(), config.http().https().keystore(),
                            config.http().https().passwordFile(), o.host()));
            access = AccessFeature.start(db, scheduler.clock(), o.dataDir(), a -> agents.find(a).isPresent(),
                    Duration.ofMinutes(config.http().idleMinutes()), https != null);
        } catch (RuntimeException e) {
            closeAll(List.of(sms::close, sync::close, sync::closeStubs, lines::close, mediaClock::close, hardware::close, db::close,
                    scheduler::close, folder::close));
            throw e;
        }
        Optional<String> demoPassword = o.simulate() ? access.demoPassword() : Optional.empty();
        // The API.
        boolean rawAt = o.rawAt() || config.debug().rawAt();
        if (rawAt) {
            log.warn("event=raw-at-enabled note=\"POST /api/lines/ID/at sends installer-typed AT commands\"");
        }
        io.branchline.box.ivr.Switchboard switchboard = new io.branchline.box.ivr.Switchboard(db, saved,
                scheduler.clock(), id -> prompts.list().stream().anyMatch(p -> p.id().equals(id)),
                a -> agents.find(a).isPresent());
        callRoom.inbound().useSwitchboard(switchboard::now, prompts::pcm, sync.owners());
        prompts.usedBy(switchboard::promptUser);
        switchboard.linesFrom(lines.settings()::lineRunning);
        lines.settings().menusFrom(switchboard.menus()::exists,
                id -> prompts.list().stream().anyMatch(p -> p.id().equals(id)));
        if (hardware instanceof SimulatedHardware) {
            io.branchline.box.simulate.ExampleSwitchboard.install(switchboard, prompts);
        }
        io.branchline.box.line.SimHealth simHealth = new io.branchline.box.line.SimHealth(db, scheduler.clock(),
                records::simAttempts, () -> io.branchline.box.line.SimHealthService.settings(saved));
        lines.registry().all().forEach(simHealth::watch);
        callRoom.protect(simHealth);
        simHealth.onRest(sync.events()::simRest);
        io.branchline.box.groupcall.GroupCallsFeature groupCalls = new io.branchline.box.groupcall.GroupCallsFeature(db,
                saved, scheduler.clock(), callRoom, lines.registry(), agents, seats, guard, prompts::pcm,
                Duration.ofSeconds(config.calls().wrapUpSeconds()), id -> lines.settings().find(id)
                        .map(v -> v.settings().inbound().equals("switchboard")).orElse(false));
        groupCalls.commands(sync);
        if (hardware instanceof SimulatedHardware) {
            io.branchline.box.simulate.ExampleGroupTask.install(groupCalls.dialer().tasks());
        }
        io.branchline.box.listdial.ListsFeature listDialing = new io.branchline.box.listdial.ListsFeature(db,
                scheduler.clock(), callRoom, calls, groupCalls.redial(), sync, agents, lines.registry());
        io.branchline.box.health.BoxHealth health = new io.branchline.box.health.BoxHealth(db, lines.registry()::all,
                mediaClock, sync.sender().map(x -> sync.outbox()), o.dataDir(), scheduler.clock());
        AdminPage page = AdminPage.load();
        LogTail logTail = LogTail.attach();
        Changes changes = new Changes(); // what the live dashboard follows
        callRoom.table().onChange(changes::changed);
        seats.onChange(changes::changed);
        lines.registry().all().forEach(l -> l.onChange(s -> changes.changed()));
        io.branchline.box.health.BoxMetrics metrics = new io.branchline.box.health.BoxMetrics(
                new io.branchline.box.health.BoxMetrics.Sources(lines.registry(), () -> calls.active().size(), records,
                        () -> simHealth.scores(lines.registry(), lines.sims()), sync.sender().map(x -> sync.outbox()),
                        recording, o.dataDir(), scheduler.clock()));
        // Tests run boxes on any free port: their health and metrics too.
        int observePort = o.port() == 0 ? 0 : config.http().observePort();
        ApiServer.Observe observe = new ApiServer.Observe(io.branchline.box.health.ObserveEndpoints.SOCKET, observePort,
                io.branchline.box.health.ObserveEndpoints.feature(health, metrics));
        ApiServer server = startApi(o, https, observe, r -> {
            access.routes(r);
            page.routes(r);
            lines.routes(r, records::countCalls, scheduler.clock(), rawAt);
            callRoom.routes(r, new io.branchline.box.call.SwitchboardList(db, scheduler.clock()));
            r.register("/api/agents", agentsApi);
            r.register("/api/system", new SystemService(logTail, db, o.dataDir(), scheduler.clock(),
                    o.simulate() ? Optional.empty() : Optional.of(Box::restart)));
            r.register("/api/live", new LiveService(changes, () -> lines.registry().views(), calls::active,
                    agentsApi::views, access::stillSignedIn));
            r.register("/api/prompts", new PromptsService(prompts));
            io.branchline.box.ivr.SwitchboardService.routes(r, switchboard);
            GuardService.routes(r, guard);
            groupCalls.routes(r);
            io.branchline.box.line.SimHealthService.routes(r, simHealth, lines.registry(), lines.sims(), saved);
            listDialing.routes(r);
            recording.routes(r);
            sms.routes(r);
            sync.routes(r);
            r.register("/api/settings/crm", crmSettings);
            if (hardware instanceof SimulatedHardware sim) {
                r.register("/api/simulate", new SimulateService(sim, sync.stubs()));
            }
            r.get("/api/health", (req, res) -> Json.ok(res, health(o.simulate(), lines.registry())));
            r.get("/api/system/health", (req, res) -> Json.ok(res, health.report()));
        }, List.of(groupCalls::close, sms::close, changes::close, logTail::detach, sync::close, sync::closeStubs, lines::close, mediaClock::close,
                hardware::close, db::close,
                scheduler::close, folder::close));
        log.info("event=box-started version={} api=http://{}:{}/api/lines data={} lines={} health=http://127.0.0.1:{}/health",
                Version.current(), https == null ? o.host() : "127.0.0.1", server.port(), db.file(),
                lines.registry().all().size(), server.observePort(io.branchline.box.health.ObserveEndpoints.SOCKET)
                        .orElse(-1));
        if (https != null) {
            log.info("event=https page=https://{}:{}/ certificate={} sha256={}", o.host(), https.port(),
                    https.certificate().file(), https.certificate().fingerprint());
        } else if (!loopback(o.host())) {
            log.warn("event=plain-http-on-lan host={} port={} note=\"passwords and sessions cross the office LAN"
                    + " unencrypted: set http.https in the configuration\"", o.host(), server.port());
        }
        Box box = new Box(scheduler, db, hardware, lines, mediaClock, prompts, recording, journal, calls, sync, server,
                folder, access, demoPassword, logTail, changes);
        box.inbound = callRoom.inbound();
        box.groupCalls = groupCalls;
        box.listDialing = listDialing;
        box.sms = sms;
        box.health = health;
        box.metrics = metrics; // held for as long as the box runs: the meters read through it
        return box;
    }

    /** The API, or, when the port cannot be had, everything started so far stopped again and the reason thrown. */
    private static ApiServer startApi(Options o, ApiServer.Https https, ApiServer.Observe observe,
                                      java.util.function.Consumer<io.helidon.webserver.http.HttpRouting.Builder> routing,
                                      List<AutoCloseable> started) {
        try {
            return ApiServer.start(o.host(), o.port(), https, observe, routing);
        } catch (ApiServer.ListenException e) {
            closeAll(started);
            throw e;
        }
    }

    private static void closeAll(List<AutoCloseable> started) {
        for (AutoCloseable c : started) {
            try {
                c.close();
            } catch (Exception ignored) {
                // stopping anyway
            }
        }
    }

    /** The process ends with the restart code; the shutdown hook closes the box as a stop does. */
    private static void restart() {
        log.warn("event=restart-requested note=\"exiting with {} so that systemd starts the box again\"",
                io.branchline.box.cli.ExitCode.RESTART);
        System.exit(io.branchline.box.cli.ExitCode.RESTART);
    }

    static boolean loopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1") || host.startsWith("127.");
    }

    private static SimulatedHardware simulated(SystemScheduler scheduler, Path ptys, int extraDesks) {
        log.warn("event=simulate-mode note=\"emulated modems on an emulated USB bus; no hardware is used\"");
        return SimulatedHardware.standard(scheduler, ptys, extraDesks);
    }

    /** The hardware's own handsets, and the sound devices the configuration names for agents. */
    private static Map<String, Handset> handsets(Hardware hardware, List<BoxConfig.Agent> agents, FrameClock clock) {
        Map<String, Handset> handsets = new LinkedHashMap<>(hardware.handsets(clock));
        agents.stream().filter(a -> !a.handset().isEmpty())
                .forEach(a -> handsets.put(a.id(), Handset.soundDevice(a.handset())));
        return handsets;
    }

    private static Map<String, Object> health(boolean simulate, LineRegistry lines) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("version", Version.current());
        body.put("simulate", simulate);
        body.put("lines", lines.snapshots().size());
        body.put("serialReaders", AtEngine.liveReaders());
        return body;
    }

    public int port() {
        return server.port();
    }

    /** Where /health and /metrics answer (loopback only). */
    public int observePort() {
        return server.observePort(io.branchline.box.health.ObserveEndpoints.SOCKET).orElse(-1);
    }

    /** Liveness and readiness, with reasons (the watchdog, /health, the doctor). */
    public io.branchline.box.health.BoxHealth health() {
        return health;
    }

    /**
     * Waits until every line has been looked for once (found or not), at most {@code limit}: systemd hears
     * READY=1 only then, so that "started" means the lines are known.
     */
    public boolean awaitLinesProbed(Duration limit) {
        long end = System.nanoTime() + limit.toNanos();
        while (!lines.registry().all().stream().allMatch(io.branchline.hw.line.Line::probed)) {
            if (System.nanoTime() > end) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** One line on what the box is doing, for systemd's STATUS= (and so for {@code systemctl status}). */
    public String statusLine() {
        List<io.branchline.hw.modem.LineSnapshot> all = lines.registry().snapshots();
        long up = all.stream().filter(s -> s.status().state() == io.branchline.hw.modem.LineState.UP).count();
        String sync = this.sync.sender().map(x -> ", CRM backlog " + this.sync.outbox().backlog()).orElse(", no CRM");
        return up + " of " + all.size() + " lines up, " + calls.active().size() + " calls" + sync;
    }

    /** The box's accounts, tokens and audit log. */
    public AccessFeature access() {
        return access;
    }

    /** The CLI's local token of this run (tests and benchmarks authenticate with it, as the CLI does). */
    public String localToken() {
        return access.localToken().secret();
    }

    /**
     * Simulate mode: the demo installer's one-time password of this start (empty on hardware, or once its
     * owner has set their own).
     */
    public Optional<String> demoPassword() {
        return demoPassword;
    }

    /** The admin page's HTTPS port, when it is served over HTTPS. */
    public Optional<Integer> httpsPort() {
        return server.httpsPort();
    }

    public LineRegistry lines() {
        return lines.registry();
    }

    /** The calls that ring the box's lines (the screen pop's listeners, the queues). */
    /** The agents' lists (轮呼) and their dialer. */
    public io.branchline.box.listdial.ListsFeature listDialing() {
        return listDialing;
    }

    /** Text messages sent and received, and USSD. */
    public SmsFeature sms() {
        return sms;
    }

    /** The group-call tasks and their dialer. */
    public io.branchline.box.groupcall.GroupCallsFeature groupCalls() {
        return groupCalls;
    }

    public io.branchline.box.call.InboundCalls inbound() {
        return inbound;
    }

    public CallControl calls() {
        return calls;
    }

    public Sims sims() {
        return lines.sims();
    }

    public FrequentCallWarnings warnings() {
        return lines.warnings();
    }

    public ForwardingJournal forwarding() {
        return journal;
    }

    public Prompts prompts() {
        return prompts;
    }

    public RecordingFeature recording() {
        return recording;
    }

    /** The emulated hardware in simulate mode (for tests and curious users); empty on real hardware. */
    public Optional<SimulatedHardware> simulated() {
        return hardware instanceof SimulatedHardware sim ? Optional.of(sim) : Optional.empty();
    }

    /** The sync with the CRM, when one is configured (always in simulate mode). */
    public Optional<OutboxSender> sync() {
        return sync.sender();
    }

    /** The in-process CRM stubs of simulate mode: [private, public]. */
    public List<CrmStub> crmStubs() {
        return sync.stubs();
    }

    @Override
    public void close() {
        groupCalls.close(); // no new dials while the rest stops
        sms.close(); // nor new messages
        metrics.close();
        changes.close(); // open live pages let go, so that the server stops at once
        logTail.detach();
        sync.close();
        server.close();
        sync.closeStubs();
        lines.close();
        mediaClock.close();
        hardware.close();
        db.close();
        scheduler.close();
        folder.close();
    }
}
