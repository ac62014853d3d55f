package io.branchline.box.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.cli.DefaultParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A simulated box on an installed machine never reads the installed configuration (and its CRM). */
class SimulateConfigTest {
    @TempDir
    Path dir;

    @Test
    void simulateModeReadsOnlyWhatConfigNames() throws Exception {
        Path installed = dir.resolve("branchline.yaml");
        Files.writeString(installed, "crm:\n  private-url: https://crm.production.example/crm\n  box-token: tok-12345678\n");
        RunCommand run = new RunCommand();
        var simulate = new DefaultParser().parse(run.options(), new String[] {"--simulate"});
        assertEquals("", RunCommand.loadConfig(simulate, true, installed).crm().privateUrl(),
                "the production CRM is not in a simulated box");
        var real = new DefaultParser().parse(run.options(), new String[] {});
        assertEquals("https://crm.production.example/crm", RunCommand.loadConfig(real, false, installed).crm()
                .privateUrl());
        var named = new DefaultParser().parse(run.options(), new String[] {"--simulate", "--config",
            installed.toString()});
        assertEquals("https://crm.production.example/crm", RunCommand.loadConfig(named, true, installed).crm()
                .privateUrl(), "unless --config names it");
    }
}
