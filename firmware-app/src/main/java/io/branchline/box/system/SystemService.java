package io.branchline.box.system;

import io.branchline.box.store.Database;
import io.branchline.box.web.FileResponse;
import io.branchline.box.web.Json;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;

/**
 * {@code /api/system}: the installer's downloads from the admin page: the newest log lines, and a backup of
 * the database (every record, setting, account and the outbox) made consistently while the box runs.
 */
public final class SystemService implements HttpService {
    private final LogTail logs;
    private final Database db;
    private final Path dataDir;
    private final Clock clock;

    /** The restart: empty in simulate mode, where no service manager would start the box again. */
    private final java.util.Optional<Runnable> restart;

    public SystemService(LogTail logs, Database db, Path dataDir, Clock clock, java.util.Optional<Runnable> restart) {
        this.restart = restart;
        this.logs = logs;
        this.db = db;
        this.dataDir = dataDir;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/logs", this::logs).get("/backup", this::backup).post("/restart", this::restart);
    }

    /**
     * Answers, then the box stops with {@code ExitCode.RESTART} and systemd (Restart=on-failure) starts it
     * again a few seconds later; calls up now end as a stop ends them, with their records.
     */
    private void restart(ServerRequest req, ServerResponse res) {
        if (restart.isEmpty()) {
            Json.error(res, io.helidon.http.Status.CONFLICT_409, null, "in simulate mode nothing would start the box"
                    + " again; stop it and run it anew");
            return;
        }
        Json.send(res, io.helidon.http.Status.ACCEPTED_202, java.util.Map.of("restarting", true));
        Thread.ofPlatform().name("restart").start(() -> {
            try {
                Thread.sleep(300); // the answer reaches the page first
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            restart.get().run();
        });
    }

    private void logs(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"branchline-" + LocalDate.now(clock) + ".log\"");
        Json.text(res, logs.text());
    }

    /** The copy is made in the data folder (same disk, same permissions) and removed once sent. */
    private void backup(ServerRequest req, ServerResponse res) throws IOException {
        if (io.branchline.box.access.AccessFilter.viewer(req).masked()) {
            // A database cannot be masked: it holds every customer number whole.
            Json.error(res, io.helidon.http.Status.FORBIDDEN_403, null, "an account that sees numbers masked cannot"
                    + " download the database, which holds them whole");
            return;
        }
        Path dir = Files.createDirectories(dataDir.resolve("backups"));
        Path copy = dir.resolve("branchline-" + LocalDate.now(clock) + "-" + System.nanoTime() + ".db");
        try {
            db.copyTo(copy);
            res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"branchline-" + LocalDate.now(clock)
                    + ".db\"");
            FileResponse.send(req, res, copy, "application/vnd.sqlite3");
        } finally {
            Files.deleteIfExists(copy);
        }
    }
}
