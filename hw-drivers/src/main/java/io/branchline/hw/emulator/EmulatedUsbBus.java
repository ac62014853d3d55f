package io.branchline.hw.emulator;

import io.branchline.hw.modem.LinkOpener;
import io.branchline.hw.modem.PortCandidate;
import io.branchline.hw.modem.PortFinder;
import io.branchline.hw.serial.JSerialCommLink;
import io.branchline.hw.serial.MemoryLink;
import io.branchline.hw.serial.SerialLink;
import io.branchline.hw.serial.SerialLinkException;
import io.branchline.hw.serial.SocatPtyPair;
import io.branchline.hw.time.Scheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A USB bus with emulated modems plugged in: it answers the box's port scan and opens their links. Like
 * real USB modems, one that gets AT+CFUN=1,1 drops off the bus and comes back after
 * {@code reenumerateAfter}, under a new tty name, at the same USB path. Links are in-memory pairs, or real
 * ptys (socat) when built with {@link #overPtys}, so that jSerialComm and the kernel are in the path.
 */
public final class EmulatedUsbBus implements PortFinder, LinkOpener, AutoCloseable {
    private final Scheduler scheduler;
    private final Duration reenumerateAfter;
    private final Path ptyDir;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    private final class Slot {
        final String usbPath;
        final int usbInterface;
        final ModemEmulator modem;
        volatile int generation;
        volatile boolean present;
        volatile SerialLink hostEnd;
        volatile SocatPtyPair pty;
        volatile SocatPtyPair audioPty;
        volatile SerialLink audioHostEnd;

        Slot(String usbPath, int usbInterface, ModemEmulator modem) {
            this.usbPath = usbPath;
            this.usbInterface = usbInterface;
            this.modem = modem;
        }

        String devicePath() {
            String name = "ttyEMU-" + usbPath + "-" + generation;
            return ptyDir == null ? "memory:" + name : ptyDir.resolve(name + "-host").toString();
        }

        /** The voice port's tty, when the modem family has one. */
        String audioPath() {
            String name = "ttyEMU-" + usbPath + "-" + generation + "-audio";
            return ptyDir == null ? "memory:" + name : ptyDir.resolve(name + "-host").toString();
        }

        boolean hasAudio() {
            return modem.flavour().audioInterface >= 0;
        }
    }

    private EmulatedUsbBus(Scheduler scheduler, Duration reenumerateAfter, Path ptyDir) {
        this.scheduler = scheduler;
        this.reenumerateAfter = reenumerateAfter;
        this.ptyDir = ptyDir;
    }

    public static EmulatedUsbBus inMemory(Scheduler scheduler, Duration reenumerateAfter) {
        return new EmulatedUsbBus(scheduler, reenumerateAfter, null);
    }

    public static EmulatedUsbBus overPtys(Scheduler scheduler, Duration reenumerateAfter, Path dir) {
        return new EmulatedUsbBus(scheduler, reenumerateAfter, dir);
    }

    /** Plugs a modem in at {@code usbPath}, AT port on {@code usbInterface}. */
    public void plug(String usbPath, int usbInterface, ModemEmulator modem) {
        Slot slot = new Slot(usbPath, usbInterface, modem);
        slots.put(usbPath, slot);
        modem.onRestart(() -> {
            unplug(slot);
            scheduler.schedule(reenumerateAfter, () -> replug(slot));
        });
        replug(slot);
    }

    /** The modem at {@code usbPath} drops off the bus (a loose cable, a brown-out). */
    public void unplug(String usbPath) {
        unplug(slots.get(usbPath));
    }

    /** ... and comes back, under a new tty name. */
    public void replug(String usbPath) {
        replug(slots.get(usbPath));
    }

    private synchronized void unplug(Slot slot) {
        slot.present = false;
        slot.modem.vanish();
        if (slot.hostEnd != null && ptyDir == null) {
            slot.hostEnd.close(); // a pty's host end sees the vanish through the kernel instead
        }
        slot.hostEnd = null;
        if (slot.pty != null) {
            slot.pty.close();
            slot.pty = null;
        }
        if (slot.audioHostEnd != null && ptyDir == null) {
            slot.audioHostEnd.close();
        }
        slot.audioHostEnd = null;
        if (slot.audioPty != null) {
            slot.audioPty.close();
            slot.audioPty = null;
        }
    }

    private synchronized void replug(Slot slot) {
        if (slot.present) {
            return;
        }
        slot.generation++;
        if (ptyDir != null) {
            slot.pty = SocatPtyPair.open(ptyDir, "ttyEMU-" + slot.usbPath + "-" + slot.generation);
            if (slot.hasAudio()) {
                slot.audioPty = SocatPtyPair.open(ptyDir, "ttyEMU-" + slot.usbPath + "-" + slot.generation + "-audio");
            }
        }
        slot.present = true;
    }

    @Override
    public List<PortCandidate> scan() {
        List<PortCandidate> out = new ArrayList<>();
        for (Slot s : slots.values()) {
            if (s.present) {
                out.add(new PortCandidate(s.devicePath(), s.usbPath, s.usbInterface, s.modem.flavour().usbVendor,
                        s.modem.flavour().usbProduct));
                if (s.hasAudio()) {
                    out.add(new PortCandidate(s.audioPath(), s.usbPath, s.modem.flavour().audioInterface,
                            s.modem.flavour().usbVendor, s.modem.flavour().usbProduct));
                }
            }
        }
        out.sort((a, b) -> a.devicePath().compareTo(b.devicePath()));
        return out;
    }

    /**
     * Opens the port. The emulator is (re)attached to the other end each time, so that closing and opening
     * a port resets the modem's session the way dropping DTR does on a real one.
     */
    @Override
    public synchronized SerialLink open(PortCandidate c) {
        for (Slot s : slots.values()) {
            if (s.present && s.devicePath().equals(c.devicePath())) {
                if (ptyDir != null) {
                    s.modem.release(); // as for the voice port below: the device end is opened exclusively
                    s.modem.attach(JSerialCommLink.open(s.pty.devicePath().toString(), 115200));
                    s.hostEnd = JSerialCommLink.open(c.devicePath(), 115200);
                } else {
                    MemoryLink[] cable = MemoryLink.pair(c.devicePath());
                    s.modem.attach(cable[1]);
                    s.hostEnd = cable[0];
                }
                return s.hostEnd;
            }
            if (s.present && s.hasAudio() && s.audioPath().equals(c.devicePath())) {
                if (ptyDir != null) {
                    // The emulator's end of the last call's voice is let go first: jSerialComm opens a tty
                    // exclusively, so a second open of the same end would be refused.
                    s.modem.detachVoice();
                    s.modem.attachVoice(JSerialCommLink.open(s.audioPty.devicePath().toString(), 115200));
                    s.audioHostEnd = JSerialCommLink.open(c.devicePath(), 115200);
                } else {
                    MemoryLink[] cable = MemoryLink.pair(c.devicePath());
                    s.modem.attachVoice(cable[1]);
                    s.audioHostEnd = cable[0];
                }
                return s.audioHostEnd;
            }
        }
        throw new SerialLinkException("serial port " + c.devicePath() + " does not exist (is the modem plugged in?)");
    }

    public ModemEmulator modemAt(String usbPath) {
        return slots.get(usbPath).modem;
    }

    @Override
    public synchronized void close() {
        for (Slot s : slots.values()) {
            unplug(s);
            s.modem.close();
        }
    }
}
