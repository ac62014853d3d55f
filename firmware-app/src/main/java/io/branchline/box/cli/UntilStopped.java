package io.branchline.box.cli;

import java.util.concurrent.CountDownLatch;

/** Keeps a long-running command (run, crm-stub) up until SIGTERM or Ctrl-C, then closes what it started. */
final class UntilStopped {
    private UntilStopped() {
    }

    static void await(AutoCloseable started) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                started.close();
            } catch (Exception e) {
                // shutting down: nothing left to tell
            }
            stopped.countDown();
        }, "shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
