package io.branchline.box;

import io.branchline.box.cli.Cli;

/** Entry point of the box and its CLI: {@code branchline <command>}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        exitOnFatalErrors();
        // Helidon logs through java.util.logging: route it to Logback, so the box has one log format.
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        int code = new Cli().run(args, System.out, System.err);
        System.out.flush();
        // run returns only after shutdown; every other command ends here with its exit code.
        System.exit(code);
    }

    /**
     * A thread that dies of an Error (out of memory, a stack overflow, a linkage error) leaves the box
     * half-alive: no API, SIGTERM ignored. It halts instead, so that the service manager restarts it.
     * (-XX:+ExitOnOutOfMemoryError in the launcher covers the allocations that fail inside a handler.)
     */
    static void exitOnFatalErrors() {
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (e instanceof Error) {
                try {
                    System.err.println("branchline: fatal " + e + " in thread " + thread.getName() + "; exiting");
                    org.slf4j.LoggerFactory.getLogger(Main.class).error("event=fatal-error thread=\"{}\"",
                            thread.getName(), e);
                } finally {
                    Runtime.getRuntime().halt(70);
                }
            } else {
                org.slf4j.LoggerFactory.getLogger(Main.class).error("event=thread-died thread=\"{}\"",
                        thread.getName(), e);
            }
        });
    }
}
