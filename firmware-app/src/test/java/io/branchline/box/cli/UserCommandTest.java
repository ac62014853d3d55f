package io.branchline.box.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.box.Browser;
import io.branchline.box.RunningBox;
import io.branchline.box.access.LocalToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installer's first minutes with accounts: {@code branchline user add} on the box (no password needed
 * there, the CLI's token is enough), the one-time password, the list, a reset, tokens for the CRM and the
 * audit log of it all.
 */
class UserCommandTest {
    @RegisterExtension
    static final RunningBox running = RunningBox.inMemory();

    @TempDir
    Path dir;

    static CliRun.Result cli(String... args) {
        String[] at = {"--port", String.valueOf(running.box().port()), "--data-dir", running.dataDir().toString()};
        String[] all = new String[args.length + at.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(at, 0, all, args.length, at.length);
        return CliRun.run(all);
    }

    static String oneTimePassword(String out) {
        List<String> lines = out.lines().toList();
        return lines.get(lines.size() - 1).strip();
    }

    @Test
    void theInstallerAddsTheFirstAccountsOnTheBoxAndTheyReplaceTheirOneTimePasswords() throws Exception {
        CliRun.Result added = cli("user", "add", "li", "--role", "installer");
        assertEquals(0, added.code(), added.err());
        assertTrue(added.out().contains("added li (installer); one-time password, valid 24 h"), added.out());
        String oneTime = oneTimePassword(added.out());
        assertEquals(16, oneTime.length(), added.out());
        Browser b = new Browser(running.box().port());
        assertEquals(200, b.signIn("li", oneTime).statusCode());
        assertEquals(200, b.setPassword(oneTime, "the installer's own passphrase").statusCode());

        CliRun.Result agent = cli("user", "add", "xiaoli", "--role", "agent", "--agent", "1002");
        assertEquals(0, agent.code(), agent.err());
        CliRun.Result list = cli("user", "list");
        assertTrue(list.out().lines().anyMatch(l -> l.matches("li +installer +- +- +no +set")), list.out());
        assertTrue(list.out().lines().anyMatch(l -> l.matches("xiaoli +agent +1002 +- +yes +one-time, until .*")),
                list.out());
        CliRun.Result reset = cli("user", "passwd", "li");
        assertEquals(0, reset.code(), reset.err());
        assertEquals(401, new Browser(running.box().port()).signIn("li", "the installer's own passphrase").statusCode(),
                "a reset ends the old password");
        assertEquals(200, new Browser(running.box().port()).signIn("li", oneTimePassword(reset.out())).statusCode());
        assertEquals(0, cli("user", "change", "xiaoli", "--unmasked").code());
        assertTrue(cli("user", "list", "--json").out().contains("\"masked\" : false"));
        assertEquals(0, cli("user", "remove", "xiaoli").code());
        assertFalse(cli("user", "list").out().contains("xiaoli"));
        String audit = cli("audit").out();
        assertTrue(audit.contains("cli (local)") && audit.contains("POST /api/users") && audit.contains("add an account"),
                audit);
        assertTrue(audit.contains("DELETE /api/users/xiaoli"), audit);
    }

    @Test
    void aWrongRoleOrAMissingAgentIsAUsageErrorNamingTheField() {
        CliRun.Result role = cli("user", "add", "x", "--role", "root");
        assertEquals(ExitCode.USAGE, role.code());
        assertTrue(role.err().contains("role: must be one of installer, admin, supervisor, agent"), role.err());
        CliRun.Result agent = cli("user", "add", "x", "--role", "agent");
        assertEquals(ExitCode.USAGE, agent.code());
        assertTrue(agent.err().contains("agent"), agent.err());
        assertEquals(ExitCode.USAGE, cli("user", "add").code());
        assertEquals(ExitCode.PROBLEM, cli("user", "remove", "nobody").code());
    }

    @Test
    void aTokenForTheCrmIsShownOnceAndWorksFromAFile() throws Exception {
        CliRun.Result made = cli("token", "add", "crm");
        assertEquals(0, made.code(), made.err());
        String secret = oneTimePassword(made.out());
        assertTrue(secret.startsWith("blt_"), made.out());
        Path file = dir.resolve("crm.token");
        Files.writeString(file, secret + "\n");
        CliRun.Result calls = CliRun.run("calls", "--port", String.valueOf(running.box().port()), "--token-file",
                file.toString());
        assertEquals(0, calls.code(), calls.err());
        assertFalse(cli("token", "list").out().contains(secret));
        assertEquals(0, cli("token", "remove", "crm").code());
        CliRun.Result refused = CliRun.run("calls", "--port", String.valueOf(running.box().port()), "--token-file",
                file.toString());
        assertEquals(ExitCode.BOX_UNREACHABLE, refused.code());
        assertTrue(refused.err().contains("none the CLI found works"), refused.err());
    }

    @Test
    void theClisTokenIsReadableByTheBoxsUserAlone() throws Exception {
        Path token = running.dataDir().resolve(LocalToken.FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(token)));
        assertEquals(running.box().localToken(), Files.readString(token).strip());
    }
}
