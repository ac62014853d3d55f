package io.branchline.box;

import io.branchline.box.config.BoxConfig;
import io.branchline.hw.modem.LineState;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/** A box in simulate mode on a free loopback port, for the tests, started once its desk lines are up. */
public final class SimulatedBox {
    private SimulatedBox() {
    }

    public static Box start(BoxConfig config, Path dataDir, boolean rawAt) {
        return start(new Box.Options(config, dataDir, "127.0.0.1", 0, true, rawAt));
    }

    /** The same with the emulated modems on real pty pairs (socat) in {@code ptyDir}. */
    public static Box startOverPtys(BoxConfig config, Path dataDir, Path ptyDir) {
        return start(new Box.Options(config, dataDir, "127.0.0.1", 0, true, false, ptyDir));
    }

    private static Box start(Box.Options options) {
        Box box = Box.start(options);
        await("the simulated lines up", () -> box.lines().all().stream()
                .filter(l -> l.id().startsWith("desk") || l.id().equals("sim-1") || l.id().equals("hotline"))
                .allMatch(l -> l.snapshot().status().state() == LineState.UP)
                && box.lines().line("sim-2").orElseThrow().snapshot().status().state() != LineState.DOWN);
        return box;
    }

    /** Waits up to 20 s for {@code cond}, polling every 20 ms. */
    public static void await(String what, BooleanSupplier cond) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not " + what + " within 20 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
