package io.branchline.box.line;

import io.branchline.box.config.BoxConfig;
import io.branchline.box.config.ConfigException;
import io.branchline.box.store.Database;
import io.branchline.box.store.SavedSettings;
import io.branchline.box.store.SeenHardware;
import io.branchline.hw.gpio.Gpio;
import io.branchline.hw.modem.LineHealthSettings;
import io.branchline.hw.line.Line;
import io.branchline.hw.time.Scheduler;
import io.helidon.webserver.http.HttpRouting;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lines room: the modem lines from the hardware, the modems and SIMs they have met, the desk phones
 * around them (SIM multiplexers, rotation, hook switches), the SIMs' numbers and prefixes, and the
 * call-rate warnings. {@code /api/lines}, {@code /api/hardware}, {@code /api/sims}.
 */
public final class LinesFeature implements AutoCloseable {
    private final LineRegistry registry;
    private final SeenHardware seen;
    private final DeskPhones desk;
    private final Sims sims;
    private final FrequentCallWarnings warnings = new FrequentCallWarnings();
    private final DialingSettings settings;

    private LinesFeature(LineRegistry registry, SeenHardware seen, DeskPhones desk, Sims sims,
                         DialingSettings settings) {
        this.settings = settings;
        this.registry = registry;
        this.seen = seen;
        this.desk = desk;
        this.sims = sims;
    }

    /**
     * The lines of {@code hardware}, not yet started; throws {@link ConfigException} when an agent names a
     * line that is not there.
     */
    public static LinesFeature build(BoxConfig config, Hardware hardware, List<BoxConfig.Agent> agents, Database db,
                                     Scheduler scheduler) {
        BoxConfig.Health h = config.health();
        LineHealthSettings health = new LineHealthSettings(Duration.ofSeconds(h.pollSeconds()),
                h.timeoutsBeforeRestart(), Duration.ofSeconds(15), Duration.ofSeconds(1), Duration.ofSeconds(60));
        List<Line> lines = hardware.lines(scheduler, health);
        try {
            checkAgentLines(agents, lines);
        } catch (RuntimeException e) {
            lines.forEach(Line::close);
            throw e;
        }
        SeenHardware seen = new SeenHardware(db, scheduler.clock());
        LineRegistry registry = new LineRegistry(lines, seen);
        // A configured modem with the id of one of the hardware's own desk phones overrides its settings;
        // a line neither names dials with the defaults, which the admin page may change.
        Map<String, BoxConfig.Modem> file = new LinkedHashMap<>();
        config.modems().forEach(m -> file.put(m.id(), m));
        hardware.deskSettings().forEach(d -> file.putIfAbsent(d.id(), d));
        lines.forEach(l -> file.putIfAbsent(l.id(), new BoxConfig.Modem(l.id(), null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null)));
        DialingSettings settings = new DialingSettings(file, new SavedSettings(db, scheduler.clock()));
        List<BoxConfig.Modem> deskSettings = settings.atStart();
        Optional<Gpio> gpio = hardware.gpio(deskSettings);
        DeskPhones desk = new DeskPhones(deskSettings, gpio, scheduler);
        registry.hooks(desk.hooks());
        settings.serve(desk.sims());
        return new LinesFeature(registry, seen, desk, new Sims(desk.sims()), settings);
    }

    private static void checkAgentLines(List<BoxConfig.Agent> agents, List<Line> lines) {
        io.branchline.box.config.ConfigLoader.checkAgentLines(agents, lines.stream().map(Line::id)
                .collect(java.util.stream.Collectors.toSet()));
    }

    /** Opens the lines; call this once everything that listens to them (forwarding recovery) listens. */
    public void start() {
        registry.start();
    }

    public LineRegistry registry() {
        return registry;
    }

    public DeskPhones desk() {
        return desk;
    }

    public Sims sims() {
        return sims;
    }

    public DialingSettings settings() {
        return settings;
    }

    public FrequentCallWarnings warnings() {
        return warnings;
    }

    /** @param counts the calls each SIM made, for the SIM counters */
    public void routes(HttpRouting.Builder r, CallCounts counts, Clock clock, boolean rawAt) {
        r.register("/api/lines", new LinesService(registry, rawAt))
                .register("/api/hardware", new SeenService(seen))
                .register("/api/sims", new SimsService(registry, sims.byLine(), counts, warnings, clock))
                .register("/api/settings/lines", new LineSettingsService(settings));
    }

    @Override
    public void close() {
        registry.close();
    }
}
