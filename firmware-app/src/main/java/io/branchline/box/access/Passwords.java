package io.branchline.box.access;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The passwords of the box's accounts: argon2id as OWASP's password storage sheet sets it (see
 * {@link Argon2Hash}; PHC strings, so that hashes made with other settings still verify), and the rules
 * of ASVS 6.2: at least 8 characters (a passphrase of up to 128 welcome), no composition rules, not one of
 * the commonly used passwords, not the account's name.
 */
public final class Passwords {
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<String> COMMON = common();
    // No 0/O, 1/l/I: a one-time password is read off a terminal and typed on a phone.
    private static final String ONE_TIME_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private Passwords() {
    }

    public static String hash(String password) {
        return Argon2Hash.of(password, RANDOM).phc();
    }

    /**
     * True when {@code password} is the one {@code hash} was made from. Without a hash (no such account) a hash
     * is still computed, so that a wrong name takes as long as a wrong password; a string this box cannot read
     * matches no password.
     */
    public static boolean matches(String password, String hash) {
        if (hash == null) {
            Argon2Hash.of(password, RANDOM);
            return false;
        }
        return Argon2Hash.parse(hash).map(h -> h.matches(password)).orElse(false);
    }

    /** True when {@code hash} was made with other settings than new hashes get (replace it at sign-in). */
    public static boolean outdated(String hash) {
        return Argon2Hash.parse(hash).map(Argon2Hash::outdated).orElse(false);
    }

    /** Runs one hash so that the first login is not slowed by the JIT. */
    public static void warmUp() {
        matches("warm up", null);
    }

    /** Refuses a password the rules do not allow; the field is {@code field}. */
    public static void check(String field, String password, String accountName) {
        if (password == null || password.isEmpty()) {
            throw new AccessException(field, "a password is needed");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            throw new AccessException(field, "must be at least " + MIN_LENGTH + " characters (a passphrase of a few"
                    + " words is best)");
        }
        if (length > MAX_LENGTH) {
            throw new AccessException(field, "must be at most " + MAX_LENGTH + " characters");
        }
        if (password.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new AccessException(field, "must not contain control characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower)) {
            throw new AccessException(field, "is one of the most common passwords; choose another");
        }
        if (accountName != null && lower.contains(accountName.toLowerCase(Locale.ROOT))) {
            throw new AccessException(field, "must not contain the account's name");
        }
    }

    /** A random one-time password of 16 characters (about 93 bits), for the first login or a reset. */
    public static String oneTime() {
        StringBuilder sb = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            sb.append(ONE_TIME_ALPHABET.charAt(RANDOM.nextInt(ONE_TIME_ALPHABET.length())));
        }
        return sb.toString();
    }

    private static Set<String> common() {
        Set<String> words = new HashSet<>();
        try (InputStream in = Passwords.class.getResourceAsStream("common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("common-passwords.txt is missing from the build");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    words.add(line.strip().toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
