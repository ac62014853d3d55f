package io.branchline.box.cli;

import io.branchline.box.crmstub.CrmStub;
import java.io.PrintStream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code branchline crm-stub --port P}: the CRM stub alone, for a person to try the sync. */
final class CrmStubCommand implements Cli.Command {
    @Override
    public String name() {
        return "crm-stub";
    }

    @Override
    public String summary() {
        return "run a stand-in CRM server (the sync contract, in memory) until stopped";
    }

    @Override
    public Options options() {
        return new Options().addOption(Option.builder().longOpt("port").hasArg().argName("N")
                        .desc("port (default 8090)").build())
                .addOption(Option.builder().longOpt("host").hasArg().argName("ADDRESS")
                        .desc("address (default 127.0.0.1)").build());
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) {
        int port = Cli.intOption(cl, "port", 8090, 0, 65535);
        CrmStub stub = CrmStub.start(cl.getOptionValue("host", "127.0.0.1"), port);
        out.println("CRM stub on http://" + cl.getOptionValue("host", "127.0.0.1") + ":" + stub.port()
                + "/crm  (inspect: /stub/calls, /stub/stats; issue commands: POST /stub/commands)");
        out.flush();
        UntilStopped.await(stub);
        return ExitCode.OK;
    }
}
