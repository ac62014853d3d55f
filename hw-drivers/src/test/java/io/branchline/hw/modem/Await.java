package io.branchline.hw.modem;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for something another thread does, failing with what was last seen. */
final class Await {
    private Await() {
    }

    static void until(String what, BooleanSupplier cond, Supplier<Object> seen) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not " + what + " within 10 s; last seen: " + seen.get());
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
