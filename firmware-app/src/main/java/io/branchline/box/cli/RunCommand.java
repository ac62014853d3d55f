package io.branchline.box.cli;

import io.branchline.box.Box;
import io.branchline.box.config.BoxConfig;
import io.branchline.box.config.ConfigLoader;
import io.branchline.box.store.StoreException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code branchline run}: the box, until stopped (Ctrl-C or systemd). */
final class RunCommand implements Cli.Command {
    @Override
    public String name() {
        return "run";
    }

    @Override
    public String summary() {
        return "run the box (with --simulate: emulated modems, no hardware needed)";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Option.builder().longOpt("simulate").desc("emulated modems instead of hardware").build())
                .addOption(Option.builder().longOpt("config").hasArg().argName("FILE")
                        .desc("configuration file (default " + ConfigLoader.DEFAULT_PATH + "; with --simulate, none unless given)").build())
                .addOption(Option.builder().longOpt("data-dir").hasArg().argName("DIR")
                        .desc("database and recordings (default /var/lib/branchline)").build())
                .addOption(Option.builder().longOpt("host").hasArg().argName("ADDRESS")
                        .desc("address the API listens on (default 127.0.0.1)").build())
                .addOption(Option.builder().longOpt("port").hasArg().argName("N")
                        .desc("API port (default 8080)").build())
                .addOption(Option.builder().longOpt("simulate-desks").hasArg().argName("N")
                        .desc("with --simulate: N more agents (2001, 2002, ...) with a desk-phone SIM each (load tests)").build())
                .addOption(Option.builder().longOpt("exit-when-ready")
                        .desc("start, get ready, stop: the launcher's warm-up that makes the class-data archive").build())
                .addOption(Option.builder().longOpt("debug-raw-at")
                        .desc("allow raw AT commands through POST /api/lines/ID/at (installers only)").build());
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) {
        boolean simulate = cl.hasOption("simulate");
        BoxConfig config = loadConfig(cl, simulate);
        String host = cl.getOptionValue("host", config.http().host());
        int port = Cli.intOption(cl, "port", config.http().port(), 0, 65535);
        Path dataDir = dataDir(cl, config, simulate);
        Box box;
        try {
            int desks = Cli.intOption(cl, "simulate-desks", 0, 0, 64);
            if (desks > 0 && !simulate) {
                throw new UsageException("--simulate-desks goes with --simulate");
            }
            box = Box.start(new Box.Options(config, dataDir, host, port, simulate, cl.hasOption("debug-raw-at"), null,
                    desks));
        } catch (StoreException e) {
            err.println("branchline run: " + e.getMessage());
            return ExitCode.PROBLEM;
        } catch (io.branchline.box.web.ApiServer.ListenException e) {
            err.println("branchline run: " + e.getMessage());
            return ExitCode.PROBLEM;
        }
        out.println("branchline is running" + (simulate ? " in simulate mode" : "") + ": http://"
                + (box.httpsPort().isPresent() ? "127.0.0.1" : host) + ":" + box.port() + "/api/lines   (data: " + dataDir
                + ")");
        box.httpsPort().ifPresent(p -> out.println("  the admin page over HTTPS: https://" + host + ":" + p + "/"));
        if (box.httpsPort().isEmpty() && !(host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1"))) {
            err.println("branchline run: WARNING: the API listens on " + host + ":" + box.port() + " without HTTPS:"
                    + " passwords and sessions cross the office LAN unencrypted. Set http.https in the configuration.");
        }
        signIn(box, dataDir, out);
        out.flush();
        // systemd (Type=notify) counts the box started once the database is migrated, HTTP listens (both done
        // by now) and every line has been probed; from then on the health loop pings its watchdog.
        io.branchline.box.health.SdNotify notify = io.branchline.box.health.SdNotify.fromEnvironment();
        if (!box.awaitLinesProbed(java.time.Duration.ofSeconds(30))) {
            err.println("branchline run: some lines were not probed within 30 s; ready anyway (branchline lines)");
        }
        notify.ready(box.statusLine());
        if (cl.hasOption("exit-when-ready")) {
            // The warm-up (scripts/branchline warm-up): the JVM writes the classes loaded so far to its archive
            // as it exits, so that the service maps them ready-made instead of recording them all its life.
            out.println("branchline run: ready; stopping as asked (--exit-when-ready)");
            box.close();
            return ExitCode.OK;
        }
        // One full collection once started: what starting left in the old generation (the configuration's
        // parse, the lines' probes, and after a migration Flyway's classes, about 4 MB) goes back to the system
        // now instead of at the next one, which a quiet box may not need for hours.
        System.gc();
        io.branchline.box.health.Watchdog watchdog = new io.branchline.box.health.Watchdog(box.health()::liveness,
                box::statusLine, notify).start();
        UntilStopped.await(() -> {
            notify.stopping();
            watchdog.close();
            box.close();
        });
        return ExitCode.OK;
    }

    /**
     * How to get in: the demo installer's one-time password in simulate mode (on the terminal only, never in
     * the log), the first account's command on a box that has none, and the CLI's token for curl.
     */
    private static void signIn(Box box, Path dataDir, PrintStream out) {
        box.demoPassword().ifPresentOrElse(p -> out.println("  sign in as " + io.branchline.box.access.AccessFeature
                .DEMO_ACCOUNT + " with the one-time password " + p + "   (valid "
                + io.branchline.box.access.Accounts.ONE_TIME_VALIDITY.toHours() + " h; you set your own at the first"
                + " login)"), () -> {
                    if (box.access().accounts().list().isEmpty()) {
                        out.println("  no account yet: add the first with   branchline user add NAME --role installer");
                    }
                });
        out.println("  the CLI on this machine signs in by itself; curl with   -H \"Authorization: Bearer $(cat "
                + dataDir.resolve(io.branchline.box.access.LocalToken.FILE) + ")\"");
    }

    static BoxConfig loadConfig(CommandLine cl, boolean simulate) {
        return loadConfig(cl, simulate, ConfigLoader.DEFAULT_PATH);
    }

    /** --config, else (not simulating) the installed file at {@code installed}. */
    static BoxConfig loadConfig(CommandLine cl, boolean simulate, Path installed) {
        if (cl.hasOption("config")) {
            return ConfigLoader.load(Path.of(cl.getOptionValue("config")));
        }
        if (simulate) {
            // Never the installed box's file: a simulated box would sync with the production CRM.
            return BoxConfig.empty();
        }
        return ConfigLoader.load(installed);
    }

    /** --data-dir, else the file's box.data-dir, else /var/lib/branchline (simulate: under the user's home). */
    static Path dataDir(CommandLine cl, BoxConfig config, boolean simulate) {
        if (cl.hasOption("data-dir")) {
            return Path.of(cl.getOptionValue("data-dir"));
        }
        if (config.box().dataDir() != null) {
            return Path.of(config.box().dataDir());
        }
        if (simulate) {
            return Path.of(System.getProperty("user.home"), ".local", "share", "branchline", "simulate");
        }
        return Path.of("/var/lib/branchline");
    }
}
