package io.branchline.box.cli;

import io.branchline.box.access.Accounts;
import io.branchline.box.access.Role;
import io.branchline.box.config.ConfigDraft;
import io.branchline.box.store.DataDirLock;
import io.branchline.box.store.Database;
import io.branchline.box.store.StoreException;
import io.branchline.box.web.BoxCertificate;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import org.apache.commons.cli.CommandLine;

/**
 * What provisioning does besides the file: the first installer account (in the box's database, while the
 * box is stopped) and the admin page's certificate, made for this box with its fingerprint printed so that the
 * installer can check it in the browser. Files made in the data folder go to the folder's owner
 * ({@link io.branchline.box.store.DataDirOwner}).
 */
final class ProvisionPlan {
    static final String TOKEN_SHAPE = "[\\x21-\\x7e]{8,256}";
    static final String HOST_SHAPE = "[0-9A-Za-z.:-]{1,253}";

    String installer;
    String lanHost;
    int httpsPort = 8443;

    /** A step the box's state refuses (the box running, an account already there); the file was written. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    static ProvisionPlan fromFlags(CommandLine cl, ConfigDraft draft) {
        ProvisionPlan plan = new ProvisionPlan();
        String token = cl.getOptionValue("box-token");
        if (token != null && !token.matches(TOKEN_SHAPE)) {
            throw new UsageException("--box-token: 8 to 256 printable characters, no spaces");
        }
        if (cl.hasOption("crm-url") || token != null || cl.hasOption("public-url") || cl.hasOption("ca-file")) {
            draft.crm(cl.getOptionValue("crm-url"), cl.getOptionValue("public-url"), token, cl.getOptionValue("ca-file"),
                    cl.hasOption("allow-plain-http"));
        }
        for (String spec : values(cl, "line")) {
            draft.line(spec);
        }
        for (String spec : values(cl, "goip")) {
            draft.goip(spec);
        }
        for (String spec : values(cl, "sim-mux")) {
            draft.simMux(spec);
        }
        for (String spec : values(cl, "slot")) {
            draft.slot(spec);
        }
        for (String spec : values(cl, "agent")) {
            draft.agent(spec);
        }
        if (cl.hasOption("installer")) {
            plan.installer = cl.getOptionValue("installer");
        }
        if (cl.hasOption("https-port") && !cl.hasOption("lan-host")) {
            throw new UsageException("--https-port goes with --lan-host (the address the office reaches the page on)");
        }
        if (cl.hasOption("lan-host")) {
            plan.lanHost = lanHost(cl.getOptionValue("lan-host"), "--lan-host");
            plan.httpsPort = Cli.intOption(cl, "https-port", 8443, 1, 65535);
            draft.https(plan.lanHost, plan.httpsPort);
        }
        return plan;
    }

    static String lanHost(String host, String field) {
        if (!host.matches(HOST_SHAPE)) {
            throw new UsageException(field + ": an address or host name of this box, e.g. 192.168.1.20");
        }
        return host;
    }

    private static String[] values(CommandLine cl, String option) {
        String[] v = cl.getOptionValues(option);
        return v == null ? new String[0] : v;
    }

    /** The account and the certificate, once the file is written. */
    void afterWrite(Path data, PrintStream out) throws IOException {
        if (installer != null) {
            DataDirLock lock;
            try {
                lock = DataDirLock.take(data);
            } catch (StoreException e) {
                throw new Refused("the configuration is written, but the account is not: " + e.getMessage()
                        + "; with the box running, add it with  branchline user add " + installer + " --role installer");
            }
            try (lock; Database db = Database.open(data)) {
                Accounts accounts = new Accounts(db, Clock.systemUTC(), a -> true);
                if (accounts.find(installer).isPresent()) {
                    throw new Refused("the configuration is written; the account " + installer + " exists already"
                            + " (a new password: branchline user passwd " + installer + ")");
                }
                Accounts.Added added = accounts.add(new Accounts.NewAccount(installer, Role.INSTALLER, null, Set.of(), null));
                out.println("added the installer " + installer + " with the one-time password " + added.oneTimePassword()
                        + "   (valid " + Accounts.ONE_TIME_VALIDITY.toHours() + " h; a new one is set at the first login)");
            } catch (IllegalArgumentException e) {
                throw new Refused("the configuration is written, but not the account: " + e.getMessage());
            }
            io.branchline.box.store.DataDirOwner.give(data);
        }
        if (lanHost != null) {
            BoxCertificate cert = BoxCertificate.load(data, "", "", lanHost);
            io.branchline.box.store.DataDirOwner.give(data);
            out.println("the admin page: https://" + lanHost + ":" + httpsPort + "/   certificate " + cert.file());
            out.println("  SHA-256 fingerprint " + cert.fingerprint() + "   (the browser shows it: check it once, then"
                    + " trust it)");
        }
    }
}
