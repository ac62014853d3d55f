package io.branchline.box.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.box.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guessing a password gets slow fast, and an owner who mistyped waits seconds (OWASP's authentication
 * sheet: count per account, exponential lockout from about a second); a one-time password and a session
 * end when they should. All on a clock the test moves.
 */
class LoginThrottleTest {
    @TempDir
    Path dir;

    final TestClock clock = new TestClock();
    Database db;
    Accounts accounts;
    String password;

    @BeforeEach
    void anInstallerWithTheirOwnPassword() {
        db = Database.open(dir);
        accounts = new Accounts(db, clock, a -> a.equals("1001"));
        String oneTime = accounts.add(new Accounts.NewAccount("li", Role.INSTALLER, null, null, null)).oneTimePassword();
        password = "a passphrase of my own";
        accounts.changePassword("li", oneTime, password, "10.0.0.5");
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void threeWrongPasswordsAreFreeThenEachLockoutIsTwiceTheLastAndEvenTheRightPasswordWaits() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertTrue(accounts.login("li", "guess " + i, "10.0.0.9").isEmpty());
        }
        assertTrue(accounts.login("li", "guess 3", "10.0.0.9").isEmpty(), "the fourth fails and locks for 1 s");
        Accounts.Locked locked = assertThrows(Accounts.Locked.class, () -> accounts.login("li", password, "10.0.0.5"));
        assertEquals(Duration.ofSeconds(1), locked.retryAfter());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(accounts.login("li", "guess 4", "10.0.0.9").isEmpty());
        assertEquals(Duration.ofSeconds(2), assertThrows(Accounts.Locked.class,
                () -> accounts.login("li", password, "10.0.0.5")).retryAfter(), "then 2 s");
        clock.advance(Duration.ofSeconds(2));
        assertTrue(accounts.login("li", "guess 5", "10.0.0.9").isEmpty());
        assertEquals(Duration.ofSeconds(4), assertThrows(Accounts.Locked.class,
                () -> accounts.login("li", password, "10.0.0.5")).retryAfter(), "then 4 s");
        clock.advance(Duration.ofSeconds(4));
        assertTrue(accounts.login("li", password, "10.0.0.5").isPresent(), "the owner gets in once it passed");
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertTrue(accounts.login("li", "again " + i, "10.0.0.9").isEmpty(), "a success cleared the count");
        }
        assertTrue(accounts.login("li", password, "10.0.0.5").isPresent());
    }

    @Test
    void theLockoutStopsGrowingAtFifteenMinutes() {
        Duration last = Duration.ZERO;
        for (int i = 0; i < 40; i++) {
            try {
                accounts.login("li", "guess " + i, "10.0.0.9");
            } catch (Accounts.Locked e) {
                last = e.retryAfter();
                clock.advance(e.retryAfter());
            }
        }
        assertEquals(LoginThrottle.LONGEST, last);
    }

    @Test
    void oneMachineSprayingGuessesOverManyNamesIsLockedOutToo() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES_PER_ADDRESS; i++) {
            accounts.login("name-" + i, "guess", "10.0.0.66");
        }
        accounts.login("name-x", "guess", "10.0.0.66");
        assertThrows(Accounts.Locked.class, () -> accounts.login("li", password, "10.0.0.66"));
        assertTrue(accounts.login("li", password, "10.0.0.5").isPresent(), "the owner elsewhere is not locked out");
    }

    @Test
    void aOneTimePasswordWorksForADayAndMustBeReplaced() {
        String oneTime = accounts.add(new Accounts.NewAccount("sun", Role.AGENT, "1001", Set.of(), null))
                .oneTimePassword();
        var a = accounts.login("sun", oneTime, "10.0.0.7").orElseThrow();
        assertTrue(a.viewer().mustChangePassword());
        assertTrue(a.viewer().masked(), "agents see numbers masked unless set otherwise");
        clock.advance(Accounts.ONE_TIME_VALIDITY);
        assertTrue(accounts.login("sun", oneTime, "10.0.0.7").isEmpty(), "expired after 24 h");
        String fresh = accounts.reset("sun");
        assertTrue(accounts.login("sun", fresh, "10.0.0.7").isPresent());
    }

    @Test
    void aSessionEndsAfterItsIdleTimeAndAtTwelveHoursWhatever() {
        Sessions sessions = new Sessions(clock, Duration.ofMinutes(30), Duration.ofHours(12));
        Sessions.Session s = sessions.open("li");
        for (int i = 0; i < 24; i++) {
            clock.advance(Duration.ofMinutes(29));
            assertTrue(sessions.find(s.token()).isPresent(), "kept alive by use, " + i);
        }
        clock.advance(Duration.ofMinutes(29));
        assertTrue(sessions.find(s.token()).isEmpty(), "past 12 h it ends");
        Sessions.Session idle = sessions.open("li");
        clock.advance(Duration.ofMinutes(30));
        assertTrue(sessions.find(idle.token()).isEmpty(), "30 minutes idle");
    }

    @Test
    void passwordsFollowTheAsvsRulesAndNameTheField() {
        String[] refused = {"short", "12345678", "Password1", "li's password", "tab\there ok", "x".repeat(129)};
        for (String p : refused) {
            AccessException e = assertThrows(AccessException.class, () -> Passwords.check("password", p, "li"), p);
            assertEquals("password", e.field());
        }
        Passwords.check("password", "我的密码很长很长", "li");
        Passwords.check("password", "correct horse battery staple", "li");
        Passwords.check("password", "x".repeat(128), "li");
    }

    @Test
    void anAccountHashedWithTheOlderSettingsMovesToTodaysAtItsNextSignIn() {
        // "correct horse battery staple" as Password4j hashed it before (m = 19 MiB, t = 2).
        db.with(dsl -> dsl.update(io.branchline.box.store.schema.Tables.ACCOUNT)
                .set(io.branchline.box.store.schema.Tables.ACCOUNT.PASSWORD_HASH, Argon2HashTest.PASSWORD4J_OLD)
                .where(io.branchline.box.store.schema.Tables.ACCOUNT.NAME.eq("li")).execute());
        assertTrue(accounts.login("li", "wrong horse battery staple", "10.0.0.5").isEmpty());
        assertEquals(Argon2HashTest.PASSWORD4J_OLD, storedHash(), "a failed sign-in changes nothing");
        assertTrue(accounts.login("li", "correct horse battery staple", "10.0.0.5").isPresent());
        String renewed = storedHash();
        assertTrue(renewed.startsWith("$argon2id$v=19$m=7168,t=5,p=1$"), renewed);
        assertTrue(accounts.login("li", "correct horse battery staple", "10.0.0.5").isPresent());
        assertEquals(renewed, storedHash(), "renewed once, not at every sign-in");
    }

    String storedHash() {
        return db.with(dsl -> dsl.select(io.branchline.box.store.schema.Tables.ACCOUNT.PASSWORD_HASH)
                .from(io.branchline.box.store.schema.Tables.ACCOUNT)
                .where(io.branchline.box.store.schema.Tables.ACCOUNT.NAME.eq("li")).fetchOne().value1());
    }
}
