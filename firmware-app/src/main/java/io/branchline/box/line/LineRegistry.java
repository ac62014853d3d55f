package io.branchline.box.line;

import io.branchline.box.store.SeenHardware;
import io.branchline.hw.modem.LineSnapshot;
import io.branchline.hw.line.Line;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The box's lines, in the order the installer listed them. Records every modem and SIM a line meets in
 * the database, once per change of identity or port rather than on every poll.
 */
public final class LineRegistry implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LineRegistry.class);

    private final List<Line> lines;
    private final SeenHardware seen;
    private final Map<String, String> lastRecorded = new ConcurrentHashMap<>();

    public LineRegistry(List<Line> lines, SeenHardware seen) {
        this.lines = List.copyOf(lines);
        this.seen = seen;
        for (Line l : this.lines) {
            l.onChange(this::remember);
        }
    }

    public void start() {
        lines.forEach(Line::start);
    }

    private volatile Map<String, io.branchline.hw.phone.HookSwitch> hooks = Map.of();

    /** The desk phones' hook switches, so that a line's view shows its handset. */
    public void hooks(Map<String, io.branchline.hw.phone.HookSwitch> h) {
        this.hooks = Map.copyOf(h);
    }

    /** The line as the API shows it, with the handset where there is a hook switch. */
    public LineView view(Line l) {
        var hook = hooks.get(l.id());
        return LineView.of(l.snapshot(), hook == null ? null : hook.offHook() ? "off-hook" : "on-hook");
    }

    public List<LineView> views() {
        return lines.stream().map(this::view).toList();
    }

    public List<LineSnapshot> snapshots() {
        return lines.stream().map(Line::snapshot).toList();
    }

    public List<Line> all() {
        return lines;
    }

    public Optional<Line> line(String id) {
        return lines.stream().filter(l -> l.id().equals(id)).findFirst();
    }

    private void remember(LineSnapshot s) {
        var id = s.identity();
        if (id.imei().isEmpty()) {
            return;
        }
        String key = id.imei() + "|" + id.iccid() + "|" + id.ownNumber() + "|" + s.port() + "|" + s.status().operator();
        if (key.equals(lastRecorded.put(s.id(), key))) {
            return;
        }
        try {
            seen.record(s);
        } catch (RuntimeException e) {
            // The line keeps working without its history; the log says why the history has a gap.
            lastRecorded.remove(s.id());
            log.error("line={} event=record-seen-failed error=\"{}\"", s.id(), e.getMessage());
        }
    }

    @Override
    public void close() {
        lines.forEach(Line::close);
    }
}
