package io.branchline.box.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * One argon2 password hash as a PHC string ({@code $argon2id$v=19$m=7168,t=5,p=1$salt$hash}, base64 without
 * padding, as libargon2 and Password4j write it), computed with Bouncy Castle's generator. A generator is made
 * per hash, so the work area (m KiB) is garbage as soon as the hash is done: a box that signs someone in once
 * an hour need not hold it in between.
 *
 * <p>Strings read back are bounded before anything is computed: a stored hash asking for 4 GiB or a thousand
 * passes is refused as unreadable rather than obeyed.
 */
public record Argon2Hash(String variant, int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {
    /**
     * New hashes: argon2id with m = 7 MiB, t = 5, p = 1, one of the settings OWASP's password storage sheet
     * lists as equal in strength (with m = 19 MiB, t = 2); the one that costs a small box least memory.
     */
    public static final int MEMORY_KIB = 7_168;
    public static final int ITERATIONS = 5;
    public static final int PARALLELISM = 1;
    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;
    /** What a stored string may ask for, at most: 64 MiB, 10 passes, 4 lanes. */
    static final int MAX_MEMORY_KIB = 65_536;
    static final int MAX_ITERATIONS = 10;
    static final int MAX_PARALLELISM = 4;

    private static final Pattern PHC = Pattern.compile(
            "\\$(argon2id|argon2i|argon2d)\\$v=19\\$m=(\\d{1,6}),t=(\\d{1,2}),p=(\\d)\\$([A-Za-z0-9+/]{11,88})\\$([A-Za-z0-9+/]{22,88})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_IN = Base64.getDecoder();

    /** A new hash of {@code password} with a fresh random salt and today's settings. */
    public static Argon2Hash of(String password, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new Argon2Hash("argon2id", MEMORY_KIB, ITERATIONS, PARALLELISM, salt,
                compute("argon2id", MEMORY_KIB, ITERATIONS, PARALLELISM, salt, password, HASH_BYTES));
    }

    /** The hash a stored string holds, if it is one this box can check within its bounds. */
    public static Optional<Argon2Hash> parse(String phc) {
        if (phc == null || phc.length() > 256) {
            return Optional.empty();
        }
        Matcher m = PHC.matcher(phc);
        if (!m.matches()) {
            return Optional.empty();
        }
        int memory = Integer.parseInt(m.group(2));
        int iterations = Integer.parseInt(m.group(3));
        int parallelism = Integer.parseInt(m.group(4));
        if (parallelism < 1 || parallelism > MAX_PARALLELISM || iterations < 1 || iterations > MAX_ITERATIONS
                || memory < 8 * parallelism || memory > MAX_MEMORY_KIB) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Argon2Hash(m.group(1), memory, iterations, parallelism, B64_IN.decode(m.group(5)),
                    B64_IN.decode(m.group(6))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** True when {@code password} gives this hash; compared in constant time. */
    public boolean matches(String password) {
        return MessageDigest.isEqual(hash,
                compute(variant, memoryKib, iterations, parallelism, salt, password, hash.length));
    }

    /** True when this hash was made with other settings than today's (it is replaced at the next sign-in). */
    public boolean outdated() {
        return !variant.equals("argon2id") || memoryKib != MEMORY_KIB || iterations != ITERATIONS
                || parallelism != PARALLELISM;
    }

    /** The PHC string. */
    public String phc() {
        return "$" + variant + "$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    @Override
    public String toString() {
        return "Argon2Hash[" + variant + ", m=" + memoryKib + ", t=" + iterations + ", p=" + parallelism + "]";
    }

    /**
     * The hash, then one full collection. Why: the work area is m KiB of 1 KiB blocks that live through the
     * young collections while the hash runs, so they land in the old generation, where on the box's small heap
     * (about 20 MB live) they stay, a third more heap resident, until some later full collection. Collecting at
     * once (27-37 ms on that heap, after a hash of about 46 ms) hands it back to the system; sign-ins are few,
     * and the login throttle refuses tries during a lockout before anything is hashed.
     */
    private static byte[] compute(String variant, int memoryKib, int iterations, int parallelism, byte[] salt,
                                  String password, int length) {
        byte[] out = derive(variant, memoryKib, iterations, parallelism, salt, password, length);
        System.gc();
        return out;
    }

    private static byte[] derive(String variant, int memoryKib, int iterations, int parallelism, byte[] salt,
                                 String password, int length) {
        int type = switch (variant) {
            case "argon2id" -> Argon2Parameters.ARGON2_id;
            case "argon2i" -> Argon2Parameters.ARGON2_i;
            default -> Argon2Parameters.ARGON2_d;
        };
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(type).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib).withIterations(iterations).withParallelism(parallelism).withSalt(salt)
                .build());
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
