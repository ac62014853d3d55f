package io.branchline.box.cli;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** The --host and --port options of the commands that talk to a running box. */
final class BoxAddress {
    private BoxAddress() {
    }

    static Options add(Options o) {
        return o.addOption(Option.builder().longOpt("host").hasArg().argName("ADDRESS")
                        .desc("the box's API address (default 127.0.0.1)").build())
                .addOption(Option.builder().longOpt("port").hasArg().argName("N")
                        .desc("the box's API port (default 8080)").build());
    }

    static BoxClient client(CommandLine cl) {
        return new BoxClient(cl.getOptionValue("host", "127.0.0.1"), Cli.intOption(cl, "port", 8080, 1, 65535));
    }
}
