package io.branchline.hw.emulator;

import io.branchline.hw.serial.SerialLink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * What an emulated modem writes, and the ways real firmware writes it badly when asked to: CR-only line
 * ends, answers split across reads, answers that come late. URCs a command caused wait for its final result.
 */
final class EmulatorOutput {
    private final Supplier<SerialLink> link;
    private final Queue<String> afterFinal = new ConcurrentLinkedQueue<>();
    private volatile boolean crOnly;
    private volatile int splitWrites;
    private volatile Duration answerDelay = Duration.ZERO;
    private volatile boolean answering;

    EmulatorOutput(Supplier<SerialLink> link) {
        this.link = link;
    }

    void crOnly(boolean on) {
        crOnly = on;
    }

    void splitWrites(int bytes) {
        splitWrites = bytes;
    }

    void answerDelay(Duration d) {
        answerDelay = d;
    }

    boolean answering() {
        return answering;
    }

    /** An answer (info lines and final result), now or after the answer delay; then the URCs it caused. */
    void answer(String raw) {
        Duration delay = answerDelay;
        if (delay.isZero()) {
            write(raw);
            flushAfterFinal();
            return;
        }
        answering = true;
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answering = false; // the final result is on its way: the next command may follow it
            write(raw);
            flushAfterFinal();
        });
    }

    /** A URC caused by the command being answered: written after its final result. */
    void afterFinal(String urc) {
        afterFinal.add(urc);
    }

    void urc(String line) {
        write("\r\n" + line + "\r\n");
    }

    private void flushAfterFinal() {
        String line;
        while ((line = afterFinal.poll()) != null) {
            urc(line);
        }
    }

    void write(String s) {
        String out = crOnly ? s.replace("\r\n", "\r") : s;
        bytes(out.getBytes(StandardCharsets.UTF_8));
    }

    synchronized void bytes(byte[] bytes) {
        SerialLink l = link.get();
        if (l == null || !l.isOpen()) {
            return;
        }
        try {
            int step = splitWrites;
            if (step <= 0) {
                l.write(bytes);
                return;
            }
            for (int off = 0; off < bytes.length; off += step) {
                l.write(Arrays.copyOfRange(bytes, off, Math.min(bytes.length, off + step)));
            }
        } catch (RuntimeException e) {
            // The host went away mid-answer: nothing to tell it.
        }
    }
}
