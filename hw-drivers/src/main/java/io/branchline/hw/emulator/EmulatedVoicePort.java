package io.branchline.hw.emulator;

import io.branchline.hw.audio.FrameClock;
import io.branchline.hw.audio.FrameSource;
import io.branchline.hw.audio.Pcm;
import io.branchline.hw.audio.PcmCapture;
import io.branchline.hw.audio.SerialPcmPort;
import io.branchline.hw.audio.Tone;
import io.branchline.hw.serial.SerialLink;
import java.util.function.Supplier;

/**
 * An emulated modem's voice port, on its own link (a pty in the tests): while a call is up and the box has
 * switched voice on with the vendor's command, it speaks for the customer (320 bytes every 20 ms) and keeps
 * what the box sends, so that a test can check what the customer heard. Without the command it stays
 * quiet, as a real modem does.
 */
public final class EmulatedVoicePort {
    private static final FrameClock CLOCK = new FrameClock("emulated-pcm");

    private final String name;
    private final PcmCapture heard = new PcmCapture(180);
    private volatile Supplier<FrameSource> customer = () -> new Tone(440, 3000, -1);
    private SerialPcmPort port;
    private FrameSource voice;
    private AutoCloseable ticking;
    private boolean enabled;
    private boolean talking;
    private volatile long framesSent;

    EmulatedVoicePort(String name) {
        this.name = name;
    }

    /** What the customer says on every call from now on (the default is a quiet 440 Hz tone). */
    public void customerSays(Supplier<FrameSource> source) {
        this.customer = source;
    }

    private final java.util.Queue<byte[]> keys = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** The customer presses {@code digits} on their phone: the tones go out in the voice, before their words. */
    public void press(String digits) {
        keys.addAll(io.branchline.hw.audio.DtmfTones.frames(digits));
    }

    /** What the box sent toward the customer, while voice was on. */
    public PcmCapture heard() {
        return heard;
    }

    public long framesSent() {
        return framesSent;
    }

    public synchronized boolean streaming() {
        return ticking != null;
    }

    public synchronized boolean enabled() {
        return enabled;
    }

    synchronized void attach(SerialLink deviceEnd) {
        if (port != null) {
            port.close();
        }
        port = new SerialPcmPort(deviceEnd);
        port.listen(f -> {
            if (streaming()) {
                heard.add(f.pcm());
            }
        });
        // A stream that ran to the port before (the host enabled voice before it opened the new port) moves
        // to this one: a caller's words must reach the port the host reads.
        stopTicking();
        update();
    }

    synchronized void enable(boolean on) {
        enabled = on;
        update();
    }

    synchronized void talking(boolean on) {
        talking = on;
        update();
    }

    synchronized void detach() {
        if (port != null) {
            port.close();
            port = null;
        }
        update();
    }

    private void update() {
        boolean want = enabled && talking && port != null;
        if (want && ticking == null) {
            voice = customer.get();
            SerialPcmPort p = port;
            ticking = CLOCK.add(() -> {
                byte[] key = keys.poll();
                byte[] f = key != null ? key : voice.next();
                p.send(f == null ? Pcm.silence() : f);
                framesSent++;
            });
        } else if (!want && ticking != null) {
            stopTicking();
        }
    }

    private void stopTicking() {
        if (ticking == null) {
            return;
        }
        try {
            ticking.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        ticking = null;
    }

    @Override
    public String toString() {
        return name;
    }
}
