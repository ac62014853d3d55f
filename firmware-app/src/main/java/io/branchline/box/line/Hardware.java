package io.branchline.box.line;

import io.branchline.box.config.BoxConfig;
import io.branchline.hw.audio.FrameClock;
import io.branchline.hw.audio.Handset;
import io.branchline.hw.gpio.Gpio;
import io.branchline.hw.modem.LineHealthSettings;
import io.branchline.hw.line.Line;
import io.branchline.hw.time.Scheduler;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the box's lines, desk phones and handsets come from: the installer's configuration on real
 * hardware ({@link ConfiguredHardware}), or the emulated hardware of the simulate mode.
 */
public interface Hardware extends AutoCloseable {
    /** The modem lines, not yet started. */
    List<Line> lines(Scheduler scheduler, LineHealthSettings health);

    /** Agents this hardware brings beyond the configuration's (the simulate mode's desk phones). */
    List<BoxConfig.Agent> agents();

    /** Desk-phone settings this hardware brings for lines the configuration does not set. */
    List<BoxConfig.Modem> deskSettings();

    /** The GPIO the desk phones' multiplexers and hook switches are on, when some desk phone needs it. */
    Optional<Gpio> gpio(List<BoxConfig.Modem> desks);

    /** Agents' handsets this hardware has beyond the configured sound devices. */
    Map<String, Handset> handsets(FrameClock clock);

    @Override
    void close();
}
