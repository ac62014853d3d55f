package io.branchline.box.health;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sd_notify protocol (systemd's {@code Type=notify}): datagrams such as {@code READY=1}, {@code STATUS=…}
 * and {@code WATCHDOG=1} sent to the AF_UNIX socket named by {@code NOTIFY_SOCKET}. The JDK's channels have no
 * AF_UNIX datagrams, so the three libc calls go through the foreign-function API (final from Java 22). Without
 * {@code NOTIFY_SOCKET} (a terminal, a test, another init) every call is a no-op.
 */
public final class SdNotify {
    private static final Logger log = LoggerFactory.getLogger(SdNotify.class);
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SUN_PATH_MAX = 108;

    private final String socket;
    private final Optional<Duration> watchdog;
    private volatile boolean failedOnce;

    private SdNotify(String socket, Optional<Duration> watchdog) {
        this.socket = socket;
        this.watchdog = watchdog;
    }

    /** From the process's environment, as systemd sets it. */
    public static SdNotify fromEnvironment() {
        return from(System.getenv(), ProcessHandle.current().pid());
    }

    /**
     * From {@code env}: {@code NOTIFY_SOCKET} (a path, or {@code @name} in the abstract namespace) and
     * {@code WATCHDOG_USEC}, which counts only when {@code WATCHDOG_PID} is absent or is {@code pid}.
     */
    static SdNotify from(Map<String, String> env, long pid) {
        String socket = env.getOrDefault("NOTIFY_SOCKET", "");
        if (!socket.isEmpty() && (!(socket.startsWith("/") || socket.startsWith("@"))
                || socket.getBytes(StandardCharsets.UTF_8).length >= SUN_PATH_MAX)) {
            log.warn("event=notify-socket-ignored note=\"NOTIFY_SOCKET is neither an absolute path nor @name\"");
            socket = "";
        }
        Optional<Duration> watchdog = Optional.empty();
        String usec = env.getOrDefault("WATCHDOG_USEC", "");
        String forPid = env.getOrDefault("WATCHDOG_PID", "");
        if (!socket.isEmpty() && usec.matches("[1-9][0-9]{0,15}") && (forPid.isEmpty() || forPid.equals(Long.toString(pid)))) {
            watchdog = Optional.of(Duration.ofNanos(Long.parseLong(usec) * 1000));
        }
        return new SdNotify(socket, watchdog);
    }

    /** Whether a service manager listens (else nothing is sent). */
    public boolean enabled() {
        return !socket.isEmpty();
    }

    /** How often systemd wants a {@code WATCHDOG=1}, when the unit has {@code WatchdogSec}. */
    public Optional<Duration> watchdogInterval() {
        return watchdog;
    }

    public void ready(String status) {
        send("READY=1\nSTATUS=" + oneLine(status));
    }

    public void status(String status) {
        send("STATUS=" + oneLine(status));
    }

    public void watchdogPing(String status) {
        send("WATCHDOG=1\nSTATUS=" + oneLine(status));
    }

    public void stopping() {
        send("STOPPING=1\nSTATUS=stopping");
    }

    private static String oneLine(String s) {
        String flat = s.replaceAll("[\\r\\n]+", " ");
        return flat.length() > 400 ? flat.substring(0, 400) : flat;
    }

    /** Sends one datagram; a failure is logged once and never stops the box. */
    synchronized boolean send(String message) {
        if (!enabled()) {
            return false;
        }
        try {
            Native n = Native.get();
            int fd = (int) n.socket.invokeExact(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            if (fd < 0) {
                return failed("socket()");
            }
            try (Arena arena = Arena.ofConfined()) {
                byte[] path = socket.getBytes(StandardCharsets.UTF_8);
                MemorySegment addr = arena.allocate(2 + SUN_PATH_MAX);
                addr.set(JAVA_SHORT, 0, (short) AF_UNIX);
                int length;
                if (path[0] == '@') { // abstract namespace: a leading NUL, no terminator, the length says where it ends
                    addr.set(JAVA_BYTE, 2, (byte) 0);
                    MemorySegment.copy(path, 1, addr, JAVA_BYTE, 3, path.length - 1);
                    length = 2 + path.length;
                } else {
                    MemorySegment.copy(path, 0, addr, JAVA_BYTE, 2, path.length);
                    length = 2 + path.length + 1;
                }
                byte[] body = message.getBytes(StandardCharsets.UTF_8);
                MemorySegment buf = arena.allocateFrom(JAVA_BYTE, body);
                long sent = (long) n.sendto.invokeExact(fd, buf, (long) body.length, 0, addr, length);
                return sent == body.length || failed("sendto()");
            } finally {
                int ignored = (int) n.close.invokeExact(fd);
            }
        } catch (Throwable e) {
            return failed(e.toString());
        }
    }

    private boolean failed(String what) {
        if (!failedOnce) {
            failedOnce = true;
            log.warn("event=notify-failed call=\"{}\" note=\"systemd does not hear the box: with Type=notify it"
                    + " will not count it started\"", what);
        }
        return false;
    }

    /** The libc calls, looked up once. */
    private record Native(MethodHandle socket, MethodHandle sendto, MethodHandle close) {
        private static volatile Native instance;

        static Native get() {
            Native n = instance;
            if (n == null) {
                Linker linker = Linker.nativeLinker();
                SymbolLookup libc = linker.defaultLookup();
                n = new Native(
                        linker.downcallHandle(libc.find("socket").orElseThrow(),
                                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT)),
                        linker.downcallHandle(libc.find("sendto").orElseThrow(),
                                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT)),
                        linker.downcallHandle(libc.find("close").orElseThrow(),
                                FunctionDescriptor.of(JAVA_INT, JAVA_INT)));
                instance = n;
            }
            return n;
        }
    }
}
