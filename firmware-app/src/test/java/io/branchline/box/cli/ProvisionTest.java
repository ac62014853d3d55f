package io.branchline.box.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.box.config.BoxConfig;
import io.branchline.box.config.ConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvisionTest {
    @TempDir
    Path dir;

    private int cli(String... args) {
        return new Cli().run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @Test
    void theTokenAndServersLandInTheConfigurationReadableByItsOwnerOnly() throws Exception {
        Path file = dir.resolve("branchline.yaml");
        Files.writeString(file, "box:\n  id: branch-07\nhttp:\n  port: 8081\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertEquals(ExitCode.OK, cli("provision", "--config", file.toString(), "--crm-url", "https://crm.example/crm",
                "--public-url", "https://public.example/crm", "--box-token", "tok-12345678"));
        BoxConfig c = ConfigLoader.load(file);
        assertEquals("https://crm.example/crm", c.crm().privateUrl());
        assertEquals("https://public.example/crm", c.crm().publicUrl());
        assertEquals("tok-12345678", c.crm().boxToken());
        assertEquals("branch-07", c.box().id(), "the rest of the file is kept");
        assertEquals(8081, c.http().port());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(Files.exists(dir.resolve("branchline.yaml.bak")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dir.resolve("branchline.yaml.bak"))), "the old token's copy is no wider");
    }

    @Test
    void aRewrittenConfigurationKeepsTheOwnerGroupAndModeTheInstallerSetButIsNeverWorldReadable() throws Exception {
        Path file = dir.resolve("installed.yaml");
        Files.writeString(file, "box:\n  id: branch-08\n");
        // As the package installs it: readable by the service's group.
        var group = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(
                System.getProperty("user.name").equals("root") ? "dialout" : Files.readAttributes(file,
                        java.nio.file.attribute.PosixFileAttributes.class).group().getName());
        Files.getFileAttributeView(file, java.nio.file.attribute.PosixFileAttributeView.class).setGroup(group);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        assertEquals(ExitCode.OK, cli("provision", "--config", file.toString(), "--crm-url", "https://crm.example/crm",
                "--box-token", "tok-12345678"));
        var after = Files.readAttributes(file, java.nio.file.attribute.PosixFileAttributes.class);
        assertEquals("rw-r-----", PosixFilePermissions.toString(after.permissions()));
        assertEquals(group, after.group(), "the service's group can still read it");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(ExitCode.OK, cli("provision", "--config", file.toString(), "--crm-url", "https://crm.example/crm",
                "--box-token", "tok-87654321"));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                "a token is never left readable by everyone");
    }

    @Test
    void plainHttpNeedsTheLabSwitchAndABadTokenIsRefused() throws Exception {
        Path file = dir.resolve("b.yaml");
        assertEquals(ExitCode.USAGE, cli("provision", "--config", file.toString(), "--crm-url", "http://crm.lab/crm",
                "--box-token", "tok-12345678"));
        assertTrue(!Files.exists(file), "nothing written");
        assertEquals(ExitCode.OK, cli("provision", "--config", file.toString(), "--crm-url", "http://crm.lab/crm",
                "--box-token", "tok-12345678", "--allow-plain-http"));
        assertEquals(ExitCode.USAGE, cli("provision", "--config", file.toString(), "--crm-url", "https://x/crm",
                "--box-token", "a b"));
    }
}
