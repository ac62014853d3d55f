package io.branchline.box.cli;

import io.branchline.box.backup.BackupException;
import io.branchline.box.backup.Restorer;
import io.branchline.box.config.ConfigException;
import io.branchline.box.config.ConfigLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code branchline restore --from FILE}: checks a backup whole (names, sizes, SHA-256 sums, SQLite's integrity
 * check, the schema version) and only then puts it in place of the stopped box's database, keeping the one
 * it replaces in {@code before-restore-<time>/}.
 */
final class RestoreCommand implements Cli.Command {
    @Override
    public String name() {
        return "restore";
    }

    @Override
    public String summary() {
        return "check a backup and restore it (the box stopped); the replaced database is kept";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Option.builder().longOpt("from").hasArg().argName("FILE").required()
                        .desc("the backup to restore (made by branchline backup)").build())
                .addOption(Option.builder().longOpt("data-dir").hasArg().argName("DIR")
                        .desc("the box's data folder (default " + BackupCommand.DEFAULT_DATA + ")").build())
                .addOption(Option.builder().longOpt("config").hasArg().argName("FILE")
                        .desc("where the configuration goes with --with-config (default " + ConfigLoader.DEFAULT_PATH
                                + ")").build())
                .addOption(Option.builder().longOpt("with-config").desc("restore the configuration file too").build());
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) {
        Path archive = Path.of(cl.getOptionValue("from"));
        Path data = Path.of(cl.getOptionValue("data-dir", BackupCommand.DEFAULT_DATA.toString()));
        Path config = Path.of(cl.getOptionValue("config", ConfigLoader.DEFAULT_PATH.toString()));
        try {
            Restorer.Outcome o = Restorer.restore(archive, data, config, cl.hasOption("with-config"), Clock.systemUTC());
            out.println("restored " + archive + " (made " + o.contents().createdAt() + " by version "
                    + o.contents().boxVersion() + ", schema " + o.contents().schemaVersion() + ") into " + data
                    + (o.configRestored() ? " and " + config : ""));
            out.println("  the replaced files are in " + o.keptAt() + "; the next start migrates the schema forward"
                    + " if the backup is older: sudo systemctl start branchline");
            return ExitCode.OK;
        } catch (BackupException e) {
            err.println("branchline restore: " + e.getMessage() + "; nothing was changed");
            return ExitCode.PROBLEM;
        } catch (ConfigException e) {
            err.println("branchline restore: the backup's configuration is refused: " + e.getMessage()
                    + "; nothing was changed");
            return ExitCode.PROBLEM;
        } catch (IOException e) {
            err.println("branchline restore: " + e.getMessage());
            return ExitCode.PROBLEM;
        }
    }
}
