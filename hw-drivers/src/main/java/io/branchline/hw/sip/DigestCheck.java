package io.branchline.hw.sip;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sip.header.AuthorizationHeader;

/**
 * A registrar's HTTP digest (RFC 2617 with MD5, as SIP's section 22 and GoIPs use it): nonces the box issued,
 * each good for five minutes, and the response checked for the account's password, with or without
 * {@code qop=auth}. (JAIN-SIP's own server helper checks a proxy's Proxy-Authorization only.)
 */
final class DigestCheck {
    static final Duration NONCE_LIFE = Duration.ofMinutes(5);
    private static final int NONCES_KEPT = 1024;

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Map<String, Instant> issued = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> e) {
            return size() > NONCES_KEPT; // a flood of unanswered challenges forgets the oldest ones
        }
    };

    DigestCheck(Clock clock) {
        this.clock = clock;
    }

    synchronized String nonce() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        String n = HexFormat.of().formatHex(b);
        issued.put(n, clock.instant());
        return n;
    }

    /** Whether {@code auth} answers one of the box's nonces with {@code password} for {@code method}. */
    boolean valid(AuthorizationHeader auth, String method, String realm, String password) {
        if (auth == null || auth.getNonce() == null || auth.getResponse() == null || auth.getURI() == null
                || auth.getUsername() == null || !realm.equals(auth.getRealm())) {
            return false;
        }
        synchronized (this) {
            Instant at = issued.get(auth.getNonce());
            if (at == null || at.plus(NONCE_LIFE).isBefore(clock.instant())) {
                return false;
            }
        }
        String algorithm = auth.getAlgorithm();
        if (algorithm != null && !algorithm.equalsIgnoreCase("MD5")) {
            return false;
        }
        String ha1 = md5(auth.getUsername() + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + auth.getURI());
        String qop = auth.getQop();
        String expected = qop != null && qop.equalsIgnoreCase("auth")
                ? md5(ha1 + ":" + auth.getNonce() + ":" + String.format("%08x", auth.getNonceCount()) + ":"
                + auth.getCNonce() + ":auth:" + ha2)
                : md5(ha1 + ":" + auth.getNonce() + ":" + ha2);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                auth.getResponse().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no MD5 in this JDK", e);
        }
    }
}
