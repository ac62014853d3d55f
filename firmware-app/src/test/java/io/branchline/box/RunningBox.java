package io.branchline.box;

import io.branchline.box.config.BoxConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A simulated box for all the tests of a class, started before the first and closed after the last:
 * {@code @RegisterExtension static final RunningBox box = RunningBox.inMemory();}.
 */
public final class RunningBox implements BeforeAllCallback, AfterAllCallback {
    private final boolean overPtys;
    private final BoxConfig config;
    private Path dataDir;
    private Box box;
    private BoxApi api;

    private RunningBox(boolean overPtys, BoxConfig config) {
        this.overPtys = overPtys;
        this.config = config;
    }

    /** Emulated modems on in-memory links. */
    public static RunningBox inMemory() {
        return new RunningBox(false, BoxConfig.empty());
    }

    /** The same with a configuration file's text (agents beyond the simulate mode's, …). */
    public static RunningBox inMemory(String yaml) {
        return new RunningBox(false, io.branchline.box.config.ConfigLoader.parse(yaml, "test"));
    }

    /** Emulated modems on real pty pairs (socat), so that jSerialComm and the kernel are in the path. */
    public static RunningBox overPtys() {
        return new RunningBox(true, BoxConfig.empty());
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dataDir = Files.createTempDirectory("branchline-test-");
        box = overPtys ? SimulatedBox.startOverPtys(config, dataDir, Files.createDirectory(dataDir.resolve("ptys")))
                : SimulatedBox.start(config, dataDir, false);
        api = new BoxApi(box);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        box.close();
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    public Box box() {
        return box;
    }

    public BoxApi api() {
        return api;
    }

    public Path dataDir() {
        return dataDir;
    }
}
