package io.branchline.box.line;

import io.branchline.box.config.BoxConfig;
import io.branchline.box.line.FrequentCallWarnings;
import io.branchline.box.line.LineSims;
import io.branchline.box.line.RotationPolicy;
import io.branchline.box.line.SimSlot;
import io.branchline.hw.gpio.Gpio;
import io.branchline.hw.phone.HookSwitch;
import io.branchline.hw.sim.GpioSimMultiplexer;
import io.branchline.hw.sim.SimMultiplexer;
import io.branchline.hw.time.Scheduler;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The desk-phone hardware around the modems, built from the configuration: SIM multiplexers and their
 * rotation, the call-rate warning, and hook switches, all on one {@link Gpio}.
 */
public final class DeskPhones {
    private static final Duration HOOK_DEBOUNCE = Duration.ofMillis(30);

    private final Map<String, LineSims> sims = new LinkedHashMap<>();
    private final Map<String, HookSwitch> hooks = new LinkedHashMap<>();
    private final Map<String, Ringer> ringers = new LinkedHashMap<>();

    public DeskPhones(List<BoxConfig.Modem> modems, Optional<Gpio> gpio, Scheduler scheduler) {
        for (BoxConfig.Modem m : modems) {
            Optional<SimMultiplexer> mux = Optional.empty();
            if (m.simMux() != null) {
                int[] pins = m.simMux().selectPins().stream().mapToInt(Integer::intValue).toArray();
                int count = m.simMux().slots().stream().mapToInt(BoxConfig.Slot::slot).max().orElse(1);
                mux = Optional.of(new GpioSimMultiplexer(requireGpio(gpio, m.id()), pins, count, m.id()));
            }
            sims.put(m.id(), new LineSims(m.id(), mux, dialing(m), scheduler.clock().instant()));
            if (m.hookPin() != null) {
                hooks.put(m.id(), new HookSwitch(requireGpio(gpio, m.id()).input(m.hookPin(), m.id() + "-hook"),
                        scheduler, HOOK_DEBOUNCE));
            }
            if (m.ringerPin() != null) {
                ringers.put(m.id(), new Ringer(requireGpio(gpio, m.id()).output(m.ringerPin(), m.id() + "-ringer"),
                        scheduler));
            }
        }
    }

    /** A line's dialing settings as {@code m} (checked by ConfigLoader.checkDialing) gives them. */
    public static LineSims.Dialing dialing(BoxConfig.Modem m) {
        List<SimSlot> slots = m.simMux() == null ? List.of(new SimSlot(1, "", m.ownNumber(), m.prefix()))
                : m.simMux().slots().stream().map(s -> new SimSlot(s.slot(), s.iccid(), s.ownNumber(),
                        s.prefix().isEmpty() ? m.prefix() : s.prefix())).toList();
        BoxConfig.Rotation r = m.rotation() == null ? new BoxConfig.Rotation(null, null, null, null, null)
                : m.rotation();
        List<Integer> rotating = r.slots().isEmpty() ? slots.stream().map(SimSlot::slot).toList() : r.slots();
        RotationPolicy policy = new RotationPolicy(RotationPolicy.Kind.valueOf(r.policy().toUpperCase()
                .replace('-', '_')), rotating, r.slot(), r.calls(), Duration.ofMinutes(r.minutes()));
        Optional<FrequentCallWarnings.Rule> warning = Optional.ofNullable(m.frequentCallWarning())
                .map(w -> new FrequentCallWarnings.Rule(w.calls(), Duration.ofMinutes(w.minutes()), w.block()));
        return new LineSims.Dialing(slots, policy, warning, m.ownNumber(), m.dialMode(),
                Optional.ofNullable(m.forwardDelayMs()).map(Duration::ofMillis), m.inbound(), m.inboundWhenBusy(),
                m.inboundMenu(), m.inboundRefusal());
    }

    private static Gpio requireGpio(Optional<Gpio> gpio, String line) {
        return gpio.orElseThrow(() -> new IllegalStateException("line " + line + " uses GPIO, but no GPIO is open"));
    }

    /** Whether any modem of the configuration needs GPIO (a multiplexer or a hook switch). */
    public static boolean needGpio(List<BoxConfig.Modem> modems) {
        return modems.stream().anyMatch(m -> m.simMux() != null || m.hookPin() != null || m.ringerPin() != null);
    }

    public Map<String, LineSims> sims() {
        return sims;
    }

    /** The desk phones' ringers, by line. */
    public Map<String, Ringer> ringers() {
        return ringers;
    }

    public Map<String, HookSwitch> hooks() {
        return hooks;
    }
}
