package io.branchline.hw.serial;

import java.nio.charset.StandardCharsets;

/**
 * Hides the secrets of AT commands wherever the bytes are kept for people to read (the wire log, log lines):
 * after {@code +CPIN=} (a SIM's PIN or PUK), {@code +CPWD=} (changing it) and {@code +CLCK=} (its password),
 * every byte up to the end of the line becomes {@code *}, in the command and in the modem's echo of it.
 * Streaming: a secret split across two reads of the port is still hidden.
 */
public final class SecretMask {
    private static final byte[][] MARKERS = {bytes("+CPIN="), bytes("+CPWD="), bytes("+CLCK="), bytes("^CPIN=")};

    private final int[] matched = new int[MARKERS.length];
    private boolean masking;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The first {@code len} bytes of {@code in}, secrets masked; remembers where it was for the next call. */
    public synchronized byte[] apply(byte[] in, int len) {
        byte[] out = new byte[len];
        for (int i = 0; i < len; i++) {
            byte b = in[i];
            if (masking) {
                if (b == '\r' || b == '\n') {
                    masking = false;
                    out[i] = b;
                } else {
                    out[i] = '*';
                }
                continue;
            }
            out[i] = b;
            byte upper = (byte) Character.toUpperCase(b & 0xff);
            for (int k = 0; k < MARKERS.length; k++) {
                byte[] m = MARKERS[k];
                matched[k] = upper == m[matched[k]] ? matched[k] + 1 : upper == m[0] ? 1 : 0;
                if (matched[k] == m.length) {
                    masking = true;
                    java.util.Arrays.fill(matched, 0);
                    break;
                }
            }
        }
        return out;
    }

    /** {@code text} with its secrets masked (a log line, an error message). */
    public static String redact(String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        return new String(new SecretMask().apply(b, b.length), StandardCharsets.ISO_8859_1);
    }
}
