package io.branchline.box.line;

import io.branchline.hw.gpio.GpioOutput;
import io.branchline.hw.time.Scheduler;
import java.time.Duration;

/**
 * A desk phone's ringer on a GPIO output (the relay of the phone's ring generator): while an inbound call
 * rings for the phone's agent it rings in the cadence Chinese exchanges use (1 s on, 4 s off), and stops the
 * moment the call is answered or gone.
 */
public final class Ringer {
    static final Duration ON = Duration.ofSeconds(1);
    static final Duration OFF = Duration.ofSeconds(4);

    private final GpioOutput pin;
    private final Scheduler scheduler;
    private int generation;
    private boolean ringing;

    Ringer(GpioOutput pin, Scheduler scheduler) {
        this.pin = pin;
        this.scheduler = scheduler;
    }

    /** Starts ringing (a ringer already ringing goes on as it is). */
    public synchronized void start() {
        if (ringing) {
            return;
        }
        ringing = true;
        burst(++generation);
    }

    /** Stops at once, mid-burst too. */
    public synchronized void stop() {
        ringing = false;
        generation++;
        pin.set(false);
    }

    public synchronized boolean ringing() {
        return ringing;
    }

    private synchronized void burst(int gen) {
        if (gen != generation) {
            return; // stopped (and maybe started again) since
        }
        pin.set(true);
        scheduler.schedule(ON, () -> pause(gen));
    }

    private synchronized void pause(int gen) {
        if (gen != generation) {
            return;
        }
        pin.set(false);
        scheduler.schedule(OFF, () -> burst(gen));
    }
}
