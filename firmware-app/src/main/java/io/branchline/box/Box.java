package io.branchline.box;

import io.branchline.box.call.CallMedia;
import io.branchline.box.guard.CallGuard;
import io.branchline.box.guard.GuardService;
import io.branchline.box.guard.NumberListService;
import io.branchline.box.prompt.Prompts;
import io.branchline.box.prompt.PromptsService;
import io.branchline.box.recording.RecordingJanitor;
import io.branchline.box.recording.Recordings;
import io.branchline.hw.audio.FrameClock;
import io.branchline.hw.audio.Handset;
import io.branchline.box.call.Agents;
import io.branchline.box.call.CallRecords;
import io.branchline.box.call.CallService;
import io.branchline.box.call.CallsService;
import io.branchline.box.call.SeatStates;
import io.branchline.box.config.BoxConfig;
import io.branchline.box.crmstub.CrmStub;
import io.branchline.box.sync.CommandLog;
import io.branchline.box.sync.CommandPoller;
import io.branchline.box.sync.CrmClient;
import io.branchline.box.sync.CrmEndpoints;
import io.branchline.box.sync.Events;
import io.branchline.box.sync.Outbox;
import io.branchline.box.sync.OutboxSender;
import io.branchline.box.sync.SyncService;
import io.branchline.box.line.DeskPhones;
import io.branchline.box.rotation.FrequentCallWarnings;
import io.branchline.box.rotation.SimsService;
import io.branchline.hw.gpio.Gpio;
import io.branchline.hw.gpio.Pi4jGpio;
import java.util.Optional;
import io.branchline.box.forward.ForwardDial;
import io.branchline.box.forward.ForwardingJournal;
import io.branchline.box.line.LineRegistry;
import io.branchline.box.line.LinesService;
import io.branchline.box.line.SeenService;
import io.branchline.box.line.SimulatedHardware;
import io.branchline.box.store.Database;
import io.branchline.box.store.SeenHardware;
import io.branchline.box.web.ApiServer;
import io.branchline.box.web.Json;
import io.branchline.hw.at.AtEngine;
import io.branchline.hw.modem.LineHealthSettings;
import io.branchline.hw.modem.LinkOpener;
import io.branchline.hw.modem.ModemLine;
import io.branchline.hw.modem.PortFinder;
import io.branchline.hw.modem.SysfsPortFinder;
import io.branchline.hw.time.SystemScheduler;
import io.helidon.webserver.http.HttpRouting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running box: storage, lines and the HTTP API, wired by hand. With {@code simulate} the lines are on
 * an emulated USB bus; otherwise on the real one, as the configuration names them.
 */
public final class Box implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Box.class);

    /** What {@code branchline run} was asked for, after the command line and the file were merged. */
    /**
     * @param simulatePtys with {@code simulate}: a folder for pty pairs, so that the emulated modems are reached
     *                     through real ttys (socat) instead of in-memory links; null for in-memory
     */
    public record Options(BoxConfig config, Path dataDir, String host, int port, boolean simulate, boolean rawAt,
                          Path simulatePtys) {
        public Options(BoxConfig config, Path dataDir, String host, int port, boolean simulate, boolean rawAt) {
            this(config, dataDir, host, port, simulate, rawAt, null);
        }
    }

    private final SystemScheduler scheduler;
    private final Database db;
    private final LineRegistry registry;
    private final CallService calls;
    private final ApiServer server;
    private final SimulatedHardware simulated;

    private final OutboxSender sender;
    private final CommandPoller poller;
    private final List<CrmStub> stubs;
    private final FrameClock mediaClock;
    private final Prompts prompts;

    private Box(SystemScheduler scheduler, Database db, LineRegistry registry, CallService calls, ApiServer server,
                SimulatedHardware simulated, OutboxSender sender, CommandPoller poller, List<CrmStub> stubs,
                FrameClock mediaClock, Prompts prompts) {
        this.mediaClock = mediaClock;
        this.prompts = prompts;
        this.sender = sender;
        this.poller = poller;
        this.stubs = stubs;
        this.scheduler = scheduler;
        this.db = db;
        this.registry = registry;
        this.calls = calls;
        this.server = server;
        this.simulated = simulated;
    }

    public static Box start(Options o) {
        SystemScheduler scheduler = new SystemScheduler();
        Database db = Database.open(o.dataDir());
        SeenHardware seen = new SeenHardware(db, scheduler.clock());
        BoxConfig.Health h = o.config().health();
        LineHealthSettings health = new LineHealthSettings(Duration.ofSeconds(h.pollSeconds()),
                h.timeoutsBeforeRestart(), Duration.ofSeconds(15), Duration.ofSeconds(1), Duration.ofSeconds(60));
        List<ModemLine> lines = new ArrayList<>();
        List<BoxConfig.Agent> agentList = new ArrayList<>(o.config().agents());
        SimulatedHardware simulated = null;
        if (o.simulate()) {
            log.warn("event=simulate-mode note=\"emulated modems on an emulated USB bus; no hardware is used\"");
            simulated = SimulatedHardware.standard(scheduler, o.simulatePtys());
            for (SimulatedHardware.SimLine l : simulated.lines()) {
                lines.add(new ModemLine(l.id(), l.address(), simulated.bus(), simulated.bus(), scheduler, health));
            }
            agentList.addAll(simulated.agents());
        } else {
            PortFinder finder = SysfsPortFinder.system(o.config().uartPorts());
            LinkOpener opener = LinkOpener.jSerialComm();
            for (BoxConfig.Modem m : o.config().modems()) {
                lines.add(new ModemLine(m.id(), m.address(), finder, opener, scheduler, health).simPin(m.pin()));
            }
        }
        try {
            checkAgentLines(agentList, lines);
        } catch (RuntimeException e) {
            lines.forEach(ModemLine::close);
            if (simulated != null) {
                simulated.bus().close();
            }
            db.close();
            scheduler.close();
            throw e;
        }
        LineRegistry registry = new LineRegistry(lines, seen);
        ForwardingJournal journal = new ForwardingJournal(db, scheduler.clock());
        ForwardDial forwardDial = new ForwardDial(journal, scheduler,
                Duration.ofMillis(o.config().calls().forwardDelayMs()));
        Map<String, String> ownNumbers = new LinkedHashMap<>();
        o.config().modems().stream().filter(m -> !m.ownNumber().isEmpty())
                .forEach(m -> ownNumbers.put(m.id(), m.ownNumber()));
        List<BoxConfig.Modem> deskSettings = new ArrayList<>(o.config().modems());
        if (simulated != null) {
            // A configured modem with a simulated line's id overrides that desk phone's settings.
            simulated.deskSettings().stream()
                    .filter(d -> deskSettings.stream().noneMatch(c -> c.id().equals(d.id())))
                    .forEach(deskSettings::add);
        }
        Optional<Gpio> gpio = simulated != null ? Optional.of(simulated.gpio())
                : DeskPhones.needGpio(deskSettings) ? Optional.of(new Pi4jGpio()) : Optional.empty();
        DeskPhones desk = new DeskPhones(deskSettings, gpio, scheduler);
        registry.hooks(desk.hooks());
        CallRecords callRecords = new CallRecords(db, scheduler.clock());
        FrequentCallWarnings warnings = new FrequentCallWarnings();
        // Voices, recordings and opening messages. A box stopped mid-call left a recording behind: it gets its
        // record before anything else happens.
        FrameClock mediaClock = new FrameClock("media");
        Recordings recordings = new Recordings(db, o.dataDir(), scheduler.clock(), java.time.ZoneId.systemDefault());
        recordings.recover(callRecords);
        Agents knownAgents = Agents.from(agentList);
        Prompts prompts = new Prompts(db, o.dataDir(), scheduler.clock(), a -> knownAgents.find(a).isPresent(),
                l -> registry.line(l).isPresent());
        Map<String, Handset> handsets = new LinkedHashMap<>();
        if (simulated != null) {
            handsets.putAll(simulated.handsets(mediaClock));
        }
        agentList.stream().filter(a -> !a.handset().isEmpty())
                .forEach(a -> handsets.put(a.id(), Handset.soundDevice(a.handset())));
        CallGuard guard = new CallGuard(db, scheduler.clock());
        CallMedia media = new CallMedia(mediaClock, recordings, prompts, handsets);
        CallService calls = new CallService(knownAgents, registry, callRecords, journal, forwardDial,
                ownNumbers, desk.sims(), warnings, media, guard, scheduler);
        SimsService simsService = new SimsService(registry, desk.sims(), callRecords, warnings, scheduler.clock());
        // The CRM: in simulate mode two in-process stubs stand for the private and the public server.
        List<CrmStub> stubs = new ArrayList<>();
        BoxConfig.Crm crm = o.config().crm();
        List<CrmEndpoints.Endpoint> endpoints = new ArrayList<>();
        if (simulated != null && !crm.configured()) {
            for (String name : List.of("private", "public")) {
                CrmStub stub = CrmStub.start("127.0.0.1", 0);
                stubs.add(stub);
                endpoints.add(new CrmEndpoints.Endpoint(name, java.net.URI.create("http://127.0.0.1:" + stub.port()
                        + "/crm")));
            }
            crm = new BoxConfig.Crm(null, null, "simulate-token", null, true, null, null, null);
        } else {
            if (!crm.privateUrl().isEmpty()) {
                endpoints.add(new CrmEndpoints.Endpoint("private", java.net.URI.create(crm.privateUrl())));
            }
            if (!crm.publicUrl().isEmpty()) {
                endpoints.add(new CrmEndpoints.Endpoint("public", java.net.URI.create(crm.publicUrl())));
            }
        }
        OutboxSender sender = null;
        CommandPoller poller = null;
        SeatStates seats = new SeatStates();
        if (!endpoints.isEmpty()) {
            CrmClient client = new CrmClient(crm.boxToken(), crm.caFile());
            CrmEndpoints crmEndpoints = new CrmEndpoints(endpoints, crm.failuresBeforeFailover(),
                    Duration.ofSeconds(crm.failoverWindowSeconds()), crm.returnHour(), scheduler.clock());
            sender = new OutboxSender(new Outbox(db, scheduler.clock()), client, crmEndpoints, o.config().box().id(),
                    scheduler, new java.util.Random(), () -> Map.<String, Object>of("lines", registry.views(),
                            "agents", agentViews(agentList, seats)));
            Agents known = Agents.from(agentList);
            poller = new CommandPoller(client, crmEndpoints, o.config().box().id(),
                    new CommandLog(db, scheduler.clock()), calls, seats, a -> known.find(a).isPresent(), guard);
            Events events = new Events(new Outbox(db, scheduler.clock()));
            crmEndpoints.onSwitch(() -> events.crmSwitch(crmEndpoints.current().name(), crmEndpoints.lastSwitch()));
            calls.onRinging(events::callRinging);
            calls.onAnswered(events::callAnswered);
            warnings.onRaise(events::warning);
            Map<String, String> lastState = new java.util.concurrent.ConcurrentHashMap<>();
            for (ModemLine l : lines) {
                l.onChange(s -> {
                    if (!s.status().state().label().equals(lastState.put(l.id(), s.status().state().label()))) {
                        events.lineState(registry.view(l));
                    }
                });
            }
        }
        // Disk care for the recordings: the quota and the retention, every 10 minutes and after each upload.
        BoxConfig.Recordings rc = o.config().recordings();
        Events warningsOut = sender == null ? null : new Events(new Outbox(db, scheduler.clock()));
        RecordingJanitor janitor = new RecordingJanitor(recordings, () -> RecordingJanitor.diskSize(o.dataDir()),
                rc.quotaPercent(), rc.quotaGb(), Duration.ofDays(rc.retentionDays()), text -> {
                    if (warningsOut != null) {
                        warningsOut.recordingQuota(text, io.branchline.box.store.TimeText.of(scheduler.clock().instant()));
                    }
                });
        sweepEvery(scheduler, janitor, Duration.ofSeconds(5), Duration.ofMinutes(10));
        if (sender != null) {
            sender.uploadRecordingsFrom(new OutboxSender.RecordingFiles() {
                @Override
                public Optional<Path> file(String callId) {
                    return recordings.fileOf(callId);
                }

                @Override
                public void uploaded(String callId) {
                    recordings.markUploaded(callId);
                    janitor.sweep();
                }
            });
        }
        // Text messages the SIMs receive: kept in the outbox (and so sent to the CRM) before the SIM's copy goes.
        Outbox local = new Outbox(db, scheduler.clock());
        Events smsEvents = new Events(local);
        lines.forEach(l -> l.sms().onSms(smsEvents::sms));
        OutboxSender syncSender = sender;
        // Putting the handset down ends the call on that line.
        // Lifting it during an opening message takes the call over.
        desk.hooks().forEach((lineId, hook) -> hook.onChange(offHook -> {
            if (!offHook) {
                calls.hangUpLine(lineId);
            } else {
                calls.takeoverLine(lineId);
            }
        }));
        registry.start(); // after the call service listens: forwarding left by a crash is erased as lines come up
        boolean simulate = o.simulate();
        boolean rawAt = o.rawAt() || o.config().debug().rawAt();
        if (rawAt) {
            log.warn("event=raw-at-enabled note=\"POST /api/lines/ID/at sends installer-typed AT commands\"");
        }
        SimulatedHardware sim = simulated;
        ApiServer server = ApiServer.start(o.host(), o.port(), r -> {
            routing(r, registry, seen, calls, scheduler, simulate, rawAt);
            r.register("/api/sims", simsService);
            r.register("/api/prompts", new PromptsService(prompts));
            r.register("/api/guard", new GuardService(guard));
            r.register("/api/guard/blacklist", new NumberListService(guard.blacklist()));
            r.register("/api/guard/risk", new NumberListService(guard.risk()));
            r.get("/api/recordings/disk", (req, res) -> Json.ok(res, janitor.usage()));
            r.get("/api/sms", (req, res) -> Json.ok(res, local.latest("sms", 100).stream().map(row -> {
                try {
                    return Json.MAPPER.readTree(row.payload()).get("sms");
                } catch (java.io.IOException e) {
                    return null;
                }
            }).toList()));
            if (syncSender != null) {
                r.register("/api/sync", new SyncService(syncSender));
            }
            if (!stubs.isEmpty()) {
                r.get("/api/simulate/crm", (req, res) -> Json.ok(res, Map.of("private", "http://127.0.0.1:"
                        + stubs.get(0).port() + "/stub/calls", "public", "http://127.0.0.1:" + stubs.get(1).port()
                        + "/stub/calls")));
            }
            r.get("/api/agents", (req, res) -> Json.ok(res, agentViews(agentList, seats)));
            if (sim != null) {
                // What the emulated network saw: who called, what was dialled, who it reached, forwarded or not.
                r.get("/api/simulate/network", (req, res) -> Json.ok(res, sim.network().records()));
                // A text message to a line's SIM: POST '/api/simulate/sms/desk-1001?from=13912345678&text=...'
                r.post("/api/simulate/sms/{line}", (req, res) -> {
                    String line = req.path().pathParameters().get("line");
                    var simLine = sim.lines().stream().filter(l -> l.id().equals(line)).findFirst();
                    String from = req.query().first("from").orElse("");
                    String text = req.query().first("text").orElse("");
                    if (simLine.isEmpty()) {
                        Json.error(res, io.helidon.http.Status.NOT_FOUND_404, "line", "no emulated line " + line);
                    } else if (!from.matches("\\+?[0-9]{3,20}")) {
                        Json.error(res, io.helidon.http.Status.BAD_REQUEST_400, "from", "must be a phone number");
                    } else if (text.isEmpty() || text.length() > 70) {
                        Json.error(res, io.helidon.http.Status.BAD_REQUEST_400, "text", "must be 1 to 70 characters");
                    } else {
                        int index = sim.bus().modemAt(simLine.get().address().usbPath()).receiveSms(from, text);
                        Json.ok(res, Map.of("line", line, "simIndex", index));
                    }
                });
                // The emulated desk phone's handset: POST /api/simulate/hook/desk-1001?off-hook=false puts it down.
                r.post("/api/simulate/hook/{line}", (req, res) -> {
                    String line = req.path().pathParameters().get("line");
                    int pin = line.equals("desk-1001") ? SimulatedHardware.HOOK_1001
                            : line.equals("desk-1002") ? SimulatedHardware.HOOK_1002 : -1;
                    if (pin < 0) {
                        Json.error(res, io.helidon.http.Status.NOT_FOUND_404, "line", "no hook switch on " + line);
                        return;
                    }
                    boolean offHook = req.query().first("off-hook").asOptional().map(Boolean::parseBoolean)
                            .orElse(true);
                    sim.gpio().drive(pin, !offHook); // the switch pulls the line low when the handset is lifted
                    Json.ok(res, Map.of("line", line, "offHook", offHook));
                });
            }
        });
        log.info("event=box-started version={} api=http://{}:{}/api/lines data={} lines={}", Version.current(),
                o.host(), server.port(), db.file(), lines.size());
        return new Box(scheduler, db, registry, calls, server, simulated, sender, poller, stubs, mediaClock, prompts);
    }

    private static void sweepEvery(SystemScheduler scheduler, RecordingJanitor janitor, Duration after, Duration every) {
        scheduler.schedule(after, () -> Thread.ofVirtual().start(() -> {
            try {
                janitor.sweep();
            } catch (RuntimeException e) {
                log.error("event=recording-sweep-failed", e);
            }
            sweepEvery(scheduler, janitor, every, every);
        }));
    }

    private static List<Map<String, Object>> agentViews(List<BoxConfig.Agent> agents, SeatStates seats) {
        return agents.stream().map(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", a.id());
            m.put("name", a.name());
            m.put("crmUserId", a.crmUserId());
            m.put("line", a.line());
            m.put("secondLine", a.secondLine());
            m.put("state", seats.of(a.id()));
            return m;
        }).toList();
    }

    private static void checkAgentLines(List<BoxConfig.Agent> agents, List<ModemLine> lines) {
        for (int i = 0; i < agents.size(); i++) {
            BoxConfig.Agent a = agents.get(i);
            for (String id : List.of(a.line(), a.secondLine())) {
                if (!id.isEmpty() && lines.stream().noneMatch(l -> l.id().equals(id))) {
                    throw new io.branchline.box.config.ConfigException("agents[" + i + "]: agent " + a.id()
                            + " names line \"" + id + "\", which is not among the box's lines");
                }
            }
        }
    }

    /** Every route of the box, in one place, for Main and the tests. */
    static void routing(HttpRouting.Builder r, LineRegistry registry, SeenHardware seen, CallService calls,
                        SystemScheduler scheduler, boolean simulate, boolean rawAt) {
        r.register("/api/lines", new LinesService(registry, rawAt))
                .register("/api/calls", new CallsService(calls, scheduler.clock()))
                .register("/api/hardware", new SeenService(seen))
                .get("/api/health", (req, res) -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("status", "ok");
                    body.put("version", Version.current());
                    body.put("simulate", simulate);
                    body.put("lines", registry.snapshots().size());
                    body.put("serialReaders", AtEngine.liveReaders());
                    Json.ok(res, body);
                });
    }

    public Prompts prompts() {
        return prompts;
    }

    public int port() {
        return server.port();
    }

    public LineRegistry lines() {
        return registry;
    }

    public CallService calls() {
        return calls;
    }

    /** The emulated network in simulate mode (for tests and curious users); empty on real hardware. */
    public java.util.Optional<SimulatedHardware> simulated() {
        return java.util.Optional.ofNullable(simulated);
    }

    /** The sync with the CRM, when one is configured (always in simulate mode). */
    public Optional<OutboxSender> sync() {
        return Optional.ofNullable(sender);
    }

    /** The in-process CRM stubs of simulate mode: [private, public]. */
    public List<CrmStub> crmStubs() {
        return stubs;
    }

    @Override
    public void close() {
        if (sender != null) {
            sender.close();
            poller.close();
        }
        server.close();
        stubs.forEach(CrmStub::close);
        registry.close();
        mediaClock.close();
        if (simulated != null) {
            simulated.bus().close();
        }
        db.close();
        scheduler.close();
    }
}
