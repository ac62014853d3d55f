package io.branchline.box.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hashes as the reference implementation writes them (Debian's argon2 tool, libargon2 20190702) and as the
 * box's earlier library, Password4j 1.8.4, wrote them into accounts: each verifies, and a changed character
 * does not.
 */
class Argon2HashTest {
    // echo -n "correct horse battery staple" | argon2 somesaltsomesalt -id -t 5 -k 7168 -p 1 -l 32 -e
    static final String REFERENCE_TODAY =
            "$argon2id$v=19$m=7168,t=5,p=1$c29tZXNhbHRzb21lc2FsdA$4IBHBCGZwZG/751s+60VA1hVA7CPbz6GXoB7rCaEEqw";
    // echo -n "密码很长的一句话" | argon2 saltsaltsaltsalt -id -t 2 -k 19456 -p 1 -l 32 -e
    static final String REFERENCE_OWASP_19 =
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$JnsqqfnIEiDEUS2aeCvadBBuoCoj7Sx+CjLiW3TjwX8";
    // echo -n "x" | argon2 saltsaltsaltsalt -i -t 3 -k 64 -p 2 -l 32 -e
    static final String REFERENCE_ARGON2I_TWO_LANES =
            "$argon2i$v=19$m=64,t=3,p=2$c2FsdHNhbHRzYWx0c2FsdA$aoBWv1/9S+HQp5qdTtrXAllDa7hkLRdB9m/6DDDG4c4";
    // Written by Password4j 1.8.4 (m = 19 MiB, t = 2: what accounts made before this change hold).
    static final String PASSWORD4J_OLD =
            "$argon2id$v=19$m=19456,t=2,p=1$0hVToSk6sebNVnRXPS96eQ$8LdEy0Dg2KvCZvsvrja8tvAaZTLgEIAWTd1n+KQP3L8";
    static final String PASSWORD4J_TODAY =
            "$argon2id$v=19$m=7168,t=5,p=1$5fF+i4TJT1zYEGZ2fEu1ng$jLtm3lsIRedDkzVH/istsG+rcKMiRAoPE4B72uejXSA";

    @Test
    void hashesFromTheReferenceToolAndTheOldLibraryVerify() {
        assertTrue(Passwords.matches("correct horse battery staple", REFERENCE_TODAY));
        assertTrue(Passwords.matches("密码很长的一句话", REFERENCE_OWASP_19), "UTF-8, as libargon2 reads it");
        assertTrue(Passwords.matches("x", REFERENCE_ARGON2I_TWO_LANES));
        assertTrue(Passwords.matches("correct horse battery staple", PASSWORD4J_OLD));
        assertTrue(Passwords.matches("密码很长的一句话", PASSWORD4J_TODAY));
        assertFalse(Passwords.matches("correct horse battery stapl", REFERENCE_TODAY));
        assertFalse(Passwords.matches("Correct horse battery staple", PASSWORD4J_OLD));
        assertFalse(Passwords.matches("y", REFERENCE_ARGON2I_TWO_LANES));
    }

    @Test
    void aNewHashIsArgon2idAtTodaysSettingsWithItsOwnSaltAndReadsBackAsTheReferenceWritesIt() {
        String a = Passwords.hash("a passphrase of the office");
        String b = Passwords.hash("a passphrase of the office");
        assertTrue(a.startsWith("$argon2id$v=19$m=7168,t=5,p=1$"), a);
        assertNotEquals(a, b, "a fresh salt each time");
        assertTrue(Passwords.matches("a passphrase of the office", a));
        assertEquals(a, Argon2Hash.parse(a).orElseThrow().phc());
        assertEquals(REFERENCE_OWASP_19, Argon2Hash.parse(REFERENCE_OWASP_19).orElseThrow().phc());
        assertFalse(Passwords.outdated(a));
        assertTrue(Passwords.outdated(PASSWORD4J_OLD), "m = 19 MiB, t = 2: replaced at the next sign-in");
        assertTrue(Passwords.outdated(REFERENCE_ARGON2I_TWO_LANES));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "plain text", "$argon2id$v=19$m=7168,t=5,p=1$c29tZXNhbHQ", // no hash part
        "$argon2id$v=16$m=7168,t=5,p=1$c29tZXNhbHRzb21lc2FsdA$4IBHBCGZwZG/751s+60VA1hVA7CPbz6GXoB7rCaEEqw", // v1.0
        "$argon2id$v=19$m=4194304,t=5,p=1$c29tZXNhbHRzb21lc2FsdA$4IBHBCGZwZG/751s+60VA1hVA7CPbz6GXoB7rCaEEqw", // 4 GiB
        "$argon2id$v=19$m=7168,t=99,p=1$c29tZXNhbHRzb21lc2FsdA$4IBHBCGZwZG/751s+60VA1hVA7CPbz6GXoB7rCaEEqw",
        "$argon2id$v=19$m=7168,t=0,p=1$c29tZXNhbHRzb21lc2FsdA$4IBHBCGZwZG/751s+60VA1hVA7CPbz6GXoB7rCaEEqw",
        "$argon2id$v=19$m=7168,t=5,p=9$c29tZXNhbHRzb21lc2FsdA$4IBHBCGZwZG/751s+60VA1hVA7CPbz6GXoB7rCaEEqw",
        "$argon2id$v=19$m=4,t=5,p=1$c29tZXNhbHRzb21lc2FsdA$4IBHBCGZwZG/751s+60VA1hVA7CPbz6GXoB7rCaEEqw",
        "$argon2x$v=19$m=7168,t=5,p=1$c29tZXNhbHRzb21lc2FsdA$4IBHBCGZwZG/751s+60VA1hVA7CPbz6GXoB7rCaEEqw",
        "$argon2id$v=19$m=7168,t=5,p=1$c29t$4IBHBCGZwZG/751s+60VA1hVA7CPbz6GXoB7rCaEEqw", // salt too short
        "$argon2id$v=19$m=7168,t=5,p=1$c29tZXNhbHRzb21lc2FsdA$4IBHBCGZwZG/751s+60VA1hVA7CPbz6GXoB7rCaEEq!",
        "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy", // bcrypt
    })
    void aStringThatIsNotAHashThisBoxCanCheckMatchesNoPasswordAndCostsNothing(String stored) {
        assertTrue(Argon2Hash.parse(stored).isEmpty(), stored);
        assertFalse(Passwords.matches("correct horse battery staple", stored));
        assertFalse(Passwords.outdated(stored));
    }

    @Test
    void anOversizedStringIsRefusedBeforeItIsRead() {
        assertTrue(Argon2Hash.parse(REFERENCE_TODAY + "A".repeat(10_000)).isEmpty());
        assertTrue(Argon2Hash.parse(null).isEmpty());
    }

    @Test
    void aHashKeepsNoWorkAreaOnceItIsDone() {
        // What the change was for: Password4j kept a zeroed 19 MiB copy per parameter set for good.
        Runtime rt = Runtime.getRuntime();
        Argon2Hash.of("warm", new SecureRandom());
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        for (int i = 0; i < 3; i++) {
            Argon2Hash.of("a passphrase " + i, new SecureRandom());
        }
        System.gc();
        long after = rt.totalMemory() - rt.freeMemory();
        assertTrue(after - before < Argon2Hash.MEMORY_KIB * 1024L / 2,
                "live heap grew by " + (after - before) / 1024 + " KiB after three hashes");
    }
}
