package io.branchline.hw.modem;

import io.branchline.hw.at.AtCommands;
import io.branchline.hw.at.AtEngine;
import io.branchline.hw.at.AtException;
import io.branchline.hw.sim.SimMultiplexer;
import io.branchline.hw.sim.SimSwitchResult;
import io.branchline.hw.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moving a modem to another SIM slot of its multiplexer: radio off, select the slot, radio on, wait for the
 * SIM to be ready and registered, and check that it is the card expected there.
 */
final class SimSwap {
    private static final Logger log = LoggerFactory.getLogger(SimSwap.class);
    private static final Duration POLL_EVERY = Duration.ofMillis(500);

    private SimSwap() {
    }

    /** @param seen hears the identity and status read along the way, for the line's snapshot */
    static SimSwitchResult run(String lineId, AtEngine engine, ModemDriver driver, SimMultiplexer mux, int slot,
                               String expectedIccid, Duration timeout, Scheduler scheduler,
                               BiConsumer<ModemIdentity, ModemStatus> seen) {
        try {
            engine.executeOk(AtCommands.radio(false));
            mux.select(slot);
            engine.executeOk(AtCommands.radio(true));
            Instant deadline = scheduler.clock().instant().plus(timeout);
            ModemStatus status = driver.poll();
            while (status.state() != LineState.UP) {
                if (!scheduler.clock().instant().isBefore(deadline)) {
                    ModemIdentity identity = driver.readIdentity();
                    seen.accept(identity, status);
                    return SimSwitchResult.failed(slot, identity.iccid(), "slot " + slot + " not ready and registered"
                            + " within " + timeout.toSeconds() + " s (" + status.state().label() + ")");
                }
                waitFor(scheduler, POLL_EVERY);
                status = driver.poll();
            }
            ModemIdentity identity = driver.readIdentity();
            seen.accept(identity, status);
            if (!expectedIccid.isEmpty() && !expectedIccid.equals(identity.iccid())) {
                return SimSwitchResult.failed(slot, identity.iccid(), "slot " + slot + " holds ICCID "
                        + identity.iccid() + ", expected " + expectedIccid);
            }
            log.info("line={} event=sim-switched slot={} iccid={}", lineId, slot, identity.iccid());
            return SimSwitchResult.ok(slot, identity.iccid());
        } catch (AtException e) {
            return SimSwitchResult.failed(slot, "", "switch to slot " + slot + " failed: " + e.getMessage());
        }
    }

    /** Waits on the injected scheduler, so that tests move time instead of sleeping. */
    private static void waitFor(Scheduler scheduler, Duration d) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        scheduler.schedule(d, () -> f.complete(null));
        f.join();
    }
}
