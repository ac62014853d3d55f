package io.branchline.box.health;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A datagram listener standing in for systemd's notify socket: socat binds the address (a path, or an
 * abstract name) and prints what each datagram carries; {@link #await} waits for a message to have come.
 */
final class NotifyListener implements AutoCloseable {
    private final Process socat;
    private final ByteArrayOutputStream heard = new ByteArrayOutputStream();

    private NotifyListener(Process socat) {
        this.socat = socat;
        InputStream in = socat.getInputStream();
        Thread.ofVirtual().start(() -> {
            byte[] buf = new byte[4096];
            int n;
            try {
                while ((n = in.read(buf)) > 0) {
                    synchronized (heard) {
                        heard.write(buf, 0, n);
                    }
                }
            } catch (java.io.IOException ignored) {
                // the listener stopped
            }
        });
    }

    /** Listens on the socket file {@code path}, once it exists. */
    static NotifyListener at(Path path) throws Exception {
        NotifyListener l = new NotifyListener(new ProcessBuilder("socat", "-u", "UNIX-RECV:" + path, "STDOUT")
                .redirectErrorStream(true).start());
        for (int i = 0; i < 100 && !Files.exists(path); i++) {
            Thread.sleep(20);
        }
        return l;
    }

    /** Listens on {@code @name} in the abstract namespace (no file shows when it is bound). */
    static NotifyListener abstractName(String name) throws Exception {
        NotifyListener l = new NotifyListener(new ProcessBuilder("socat", "-u", "ABSTRACT-RECV:" + name, "STDOUT")
                .redirectErrorStream(true).start());
        Thread.sleep(300);
        return l;
    }

    /** Everything heard, once it holds {@code expected} or {@code seconds} have passed. */
    String await(String expected, int seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            String s = heard();
            if (s.contains(expected)) {
                return s;
            }
            Thread.sleep(20);
        }
        return heard();
    }

    String heard() {
        synchronized (heard) {
            return heard.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        socat.destroyForcibly();
    }
}
