package io.branchline.hw.emulator;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What the host did to an emulated modem, for tests and benchmarks: the bytes it wrote, the command lines
 * (bounded, so that a long simulate run does not grow), and the protocol violations.
 */
final class HostRecord {
    private static final int RECEIVED_LIMIT = 1 << 20;

    private final BlockingQueue<String> commands = new ArrayBlockingQueue<>(10_000);
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    void bytes(byte[] buf, int n) {
        synchronized (received) {
            if (received.size() > RECEIVED_LIMIT) {
                received.reset(); // keep memory flat; tests look at recent bytes
            }
            received.write(buf, 0, n);
        }
    }

    void command(String cmd) {
        while (!commands.offer(cmd)) {
            commands.poll();
        }
        listeners.forEach(l -> l.accept(cmd));
    }

    void violation(String what) {
        violations.add(what);
    }

    void onCommand(Consumer<String> listener) {
        listeners.add(listener);
    }

    String take(Duration timeout) {
        try {
            return commands.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    List<String> drain() {
        List<String> out = new ArrayList<>();
        commands.drainTo(out);
        return out;
    }

    byte[] received() {
        synchronized (received) {
            return received.toByteArray();
        }
    }

    List<String> violations() {
        return List.copyOf(violations);
    }
}
