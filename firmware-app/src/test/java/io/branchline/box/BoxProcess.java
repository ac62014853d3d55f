package io.branchline.box;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * The box (or the CRM stub) as its own Java process, for the tests that kill it with SIGKILL: no shutdown
 * hook runs, as after a power cut. Output goes to a log file in {@code logDir}.
 */
public final class BoxProcess {
    private BoxProcess() {
    }

    /** Runs {@code io.branchline.box.Main} with {@code args} on this test's class path. */
    public static Process main(Path logDir, String... args) throws IOException {
        return main(logDir, java.util.Map.of(), args);
    }

    /** As {@link #main(Path, String...)}, with {@code env} added to the process's environment. */
    public static Process main(Path logDir, java.util.Map<String, String> env, String... args) throws IOException {
        String[] cmd = new String[args.length + 4];
        cmd[0] = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        cmd[1] = "-cp";
        cmd[2] = System.getProperty("java.class.path");
        cmd[3] = "io.branchline.box.Main";
        System.arraycopy(args, 0, cmd, 4, args.length);
        ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(logDir.resolve("process-" + System.nanoTime() + ".log").toFile());
        b.environment().putAll(env);
        return b.start();
    }

    /** SIGKILL, and wait for it to be gone. */
    public static void kill(Process p) throws InterruptedException {
        p.destroyForcibly();
        p.waitFor();
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
