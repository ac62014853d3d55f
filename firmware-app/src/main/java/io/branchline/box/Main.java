package io.branchline.box;

import io.branchline.box.cli.Cli;

/** Entry point of the box and its CLI: {@code branchline <command>}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // Helidon logs through java.util.logging: route it to Logback, so the box has one log format.
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        int code = new Cli().run(args, System.out, System.err);
        System.out.flush();
        // run returns only after shutdown; every other command ends here with its exit code.
        System.exit(code);
    }
}
