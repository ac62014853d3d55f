package io.branchline.box.cli;

import io.branchline.box.backup.BackupArchive;
import io.branchline.box.backup.BackupException;
import io.branchline.box.config.ConfigLoader;
import io.branchline.box.store.StoreException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code branchline backup}: a consistent copy of the database and the configuration in one zip (mode 0600),
 * made while the box runs, from the data folder directly (SQLite keeps the copy whole while the box writes).
 */
final class BackupCommand implements Cli.Command {
    static final Path DEFAULT_DATA = Path.of("/var/lib/branchline");

    @Override
    public String name() {
        return "backup";
    }

    @Override
    public String summary() {
        return "back up the database and the configuration (while the box runs)";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Option.builder().longOpt("out").hasArg().argName("FILE")
                        .desc("the backup to write (default ./branchline-backup-<UTC time>.zip)").build())
                .addOption(Option.builder().longOpt("data-dir").hasArg().argName("DIR")
                        .desc("the box's data folder (default " + DEFAULT_DATA + ")").build())
                .addOption(Option.builder().longOpt("config").hasArg().argName("FILE")
                        .desc("the configuration to include (default " + ConfigLoader.DEFAULT_PATH + ")").build());
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) {
        Clock clock = Clock.systemUTC();
        Path file = Path.of(cl.getOptionValue("out", "branchline-backup-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(ZoneOffset.UTC).format(clock.instant()) + ".zip"));
        Path data = Path.of(cl.getOptionValue("data-dir", DEFAULT_DATA.toString()));
        Path config = Path.of(cl.getOptionValue("config", ConfigLoader.DEFAULT_PATH.toString()));
        try {
            BackupArchive.Contents c = BackupArchive.make(data, config, file, clock);
            out.printf(Locale.ROOT, "backup written: %s (database %.1f MB, schema %s%s)%n", file.toAbsolutePath(),
                    c.databaseBytes() / 1e6, c.schemaVersion(), c.hasConfig() ? ", with " + config : ", no configuration"
                            + " file at " + config);
            out.println("  it holds every customer number and the CRM token: keep it as you keep a key (mode 0600)");
            out.println("  recordings are not in it: copy " + data.resolve("recordings") + " on its own if needed");
            return ExitCode.OK;
        } catch (BackupException | StoreException e) {
            err.println("branchline backup: " + e.getMessage());
            return ExitCode.PROBLEM;
        } catch (IOException e) {
            err.println("branchline backup: cannot write " + file + ": " + e.getMessage());
            return ExitCode.PROBLEM;
        }
    }
}
