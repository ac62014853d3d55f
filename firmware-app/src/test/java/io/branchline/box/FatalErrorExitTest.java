package io.branchline.box;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A box whose thread died of an Error exits, so that systemd restarts it, instead of staying up half-alive
 * (no API, SIGTERM ignored). The probe installs the box's handler, then lets a thread die of an
 * OutOfMemoryError while the main thread would wait a minute.
 */
class FatalErrorExitTest {
    @TempDir
    Path dir;

    /** Run as its own process by the test. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            Main.exitOnFatalErrors();
            Thread.ofPlatform().start(() -> {
                throw new OutOfMemoryError("Java heap space (simulated)");
            });
            Thread.sleep(60_000);
            System.exit(0);
        }
    }

    @Test
    void aThreadDeadOfAnErrorEndsTheProcess() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Probe.class.getName()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("probe.log").toFile()).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the process is gone, not waiting");
        assertEquals(70, p.exitValue());
        assertTrue(java.nio.file.Files.readString(dir.resolve("probe.log")).contains("fatal"));
    }

    @Test
    void theLauncherExitsOnOutOfMemoryToo() throws Exception {
        Path scripts = Path.of(System.getProperty("user.dir")).getParent().resolve("scripts");
        String launcher = java.nio.file.Files.readString(scripts.resolve("branchline"));
        String options = java.nio.file.Files.readString(scripts.resolve("lib/jvm-options.sh"));
        assertTrue(launcher.contains(". \"$here/lib/jvm-options.sh\"") && options.contains("-XX:+ExitOnOutOfMemoryError"),
                "an allocation failing inside a handler exits");
        assertTrue(launcher.contains("-XX:+ExitOnOutOfMemoryError"), "and without the options file too");
    }
}
