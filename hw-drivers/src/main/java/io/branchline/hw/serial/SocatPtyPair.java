package io.branchline.hw.serial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Two pseudo-terminals joined back to back by socat, named by symlinks: a real tty path for jSerialComm on
 * one end and the modem emulator on the other. The serial path is then tested for real (termios, kernel
 * buffering, split reads) without hardware. Needs the {@code socat} package.
 */
public final class SocatPtyPair implements AutoCloseable {
    private final Process socat;
    private final Path hostPath;
    private final Path devicePath;

    private SocatPtyPair(Process socat, Path hostPath, Path devicePath) {
        this.socat = socat;
        this.hostPath = hostPath;
        this.devicePath = devicePath;
    }

    /** Starts socat with both links in {@code dir}; fails with a clear message if socat is missing. */
    public static SocatPtyPair open(Path dir, String name) {
        Path host = dir.resolve(name + "-host");
        Path device = dir.resolve(name + "-device");
        try {
            Files.deleteIfExists(host);
            Files.deleteIfExists(device);
            Process p = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + host, "pty,raw,echo=0,link=" + device)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!(Files.exists(host) && Files.exists(device))) {
                if (!p.isAlive()) {
                    throw new SerialLinkException("socat exited with " + p.exitValue() + " before making the ptys");
                }
                if (System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new SerialLinkException("socat made no ptys within 5 s");
                }
                Thread.sleep(5);
            }
            return new SocatPtyPair(p, host, device);
        } catch (IOException e) {
            throw new SerialLinkException("cannot run socat (apt-get install socat): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SerialLinkException("interrupted while starting socat", e);
        }
    }

    /** The end the box opens, like /dev/ttyUSB2. */
    public Path hostPath() {
        return hostPath;
    }

    /** The end the emulator opens. */
    public Path devicePath() {
        return devicePath;
    }

    /** Ends socat: both ptys vanish, as a USB modem does when it re-enumerates. */
    @Override
    public void close() {
        socat.destroy();
        try {
            if (!socat.waitFor(2, TimeUnit.SECONDS)) {
                socat.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
