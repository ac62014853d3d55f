package io.branchline.box.cli;

import io.branchline.box.access.LocalToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * The --host, --port and --data-dir options of the commands that talk to a running box, and how they
 * authenticate: with the API token in --token-file, or with {@code BRANCHLINE_TOKEN} when set and then with
 * the box's own CLI token,
 * which the box writes to {@code cli-token} in its data folder at every start, readable by the box's user
 * and root only. Without --data-dir the installed box's folder and simulate mode's are tried, in that
 * order; the first token the box takes is used.
 */
final class BoxAddress {
    static final String TOKEN_ENV = "BRANCHLINE_TOKEN";

    private BoxAddress() {
    }

    static Options add(Options o) {
        return o.addOption(Option.builder().longOpt("host").hasArg().argName("ADDRESS")
                        .desc("the box's API address (default 127.0.0.1)").build())
                .addOption(Option.builder().longOpt("port").hasArg().argName("N")
                        .desc("the box's API port (default 8080)").build())
                .addOption(Option.builder().longOpt("token-file").hasArg().argName("FILE")
                        .desc("an API token to use, in a file (instead of $" + TOKEN_ENV + ")").build())
                .addOption(Option.builder().longOpt("data-dir").hasArg().argName("DIR")
                        .desc("the running box's data folder, where its CLI token is (default: /var/lib/branchline,"
                                + " then simulate mode's)").build());
    }

    static BoxClient client(CommandLine cl) {
        return new BoxClient(cl.getOptionValue("host", "127.0.0.1"), Cli.intOption(cl, "port", 8080, 1, 65535),
                tokens(cl));
    }

    /** The tokens to try, best first, each with where it came from (for the message when none works). */
    static List<BoxClient.Token> tokens(CommandLine cl) {
        List<BoxClient.Token> found = new ArrayList<>();
        String env = System.getenv(TOKEN_ENV);
        if (env != null && !env.isBlank()) {
            found.add(new BoxClient.Token(env.strip(), "$" + TOKEN_ENV));
        }
        if (cl.hasOption("token-file")) {
            Path f = Path.of(cl.getOptionValue("token-file"));
            try {
                found.add(new BoxClient.Token(Files.readString(f, StandardCharsets.US_ASCII).strip(), f.toString()));
            } catch (IOException e) {
                throw new UsageException("--token-file: cannot read " + f + " (" + e.getMessage() + ")");
            }
            return found; // asked for this token: no other is tried
        }
        List<Path> dirs = new ArrayList<>();
        if (cl.hasOption("data-dir")) {
            dirs.add(Path.of(cl.getOptionValue("data-dir")));
        } else {
            dirs.add(Path.of("/var/lib/branchline"));
            dirs.add(Path.of(System.getProperty("user.home"), ".local", "share", "branchline", "simulate"));
        }
        for (Path d : dirs) {
            Path f = d.resolve(LocalToken.FILE);
            try {
                String t = Files.readString(f, StandardCharsets.US_ASCII).strip();
                if (!t.isEmpty() && t.length() < 200) {
                    found.add(new BoxClient.Token(t, f.toString()));
                }
            } catch (IOException e) {
                found.add(new BoxClient.Token(null, f + " (" + (Files.exists(f) ? "not readable by this user: run as"
                        + " root or the box's user" : "none") + ")"));
            }
        }
        return found;
    }
}
