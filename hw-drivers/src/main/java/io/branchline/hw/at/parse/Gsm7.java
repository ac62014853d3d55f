package io.branchline.hw.at.parse;

/** The GSM 03.38 default alphabet and its 7-bit packing, for SMS and USSD payloads. */
public final class Gsm7 {
    private static final String BASIC =
            "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String EXT_FROM = "\n^{}\\[~]|€";
    private static final int[] EXT_CODES = {0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65};

    private Gsm7() {
    }

    /** Unpacks {@code count} septets from {@code data}, starting after {@code skipBits} fill bits. */
    public static int[] unpack(byte[] data, int offset, int count, int skipBits) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            int bit = offset * 8 + skipBits + i * 7;
            int byteIdx = bit / 8;
            int shift = bit % 8;
            int v = (data[byteIdx] & 0xff) >> shift;
            if (shift > 1 && byteIdx + 1 < data.length) {
                v |= (data[byteIdx + 1] & 0xff) << (8 - shift);
            }
            out[i] = v & 0x7f;
        }
        return out;
    }

    /** Unpacks every whole septet of {@code data} (USSD: the count is not sent). */
    public static int[] unpackAll(byte[] data) {
        return unpack(data, 0, data.length * 8 / 7, 0);
    }

    public static String decode(int[] septets) {
        StringBuilder sb = new StringBuilder(septets.length);
        for (int i = 0; i < septets.length; i++) {
            int s = septets[i];
            if (s == 0x1B && i + 1 < septets.length) {
                int e = septets[++i];
                int idx = -1;
                for (int k = 0; k < EXT_CODES.length; k++) {
                    if (EXT_CODES[k] == e) {
                        idx = k;
                    }
                }
                sb.append(idx >= 0 ? EXT_FROM.charAt(idx) : ' ');
            } else {
                sb.append(BASIC.charAt(s));
            }
        }
        return sb.toString();
    }

    /**
     * The septets of {@code text} in the default alphabet, extension characters as ESC and their code
     * (two septets each), or null when a character has no place in it (then the text goes as UCS2).
     */
    public static int[] encode(String text) {
        int[] out = new int[text.length() * 2];
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\u001b') {
                return null; // the escape itself is not a character one can send
            }
            int basic = BASIC.indexOf(ch);
            if (basic >= 0) {
                out[n++] = basic;
                continue;
            }
            int ext = EXT_FROM.indexOf(ch, 1); // index 0 is the form feed's stand-in, never produced
            if (ext < 0) {
                return null;
            }
            out[n++] = 0x1B;
            out[n++] = EXT_CODES[ext];
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /**
     * Packs septets into octets (23.038 6.1.2.1.1), the first one starting {@code fillBits} bits into the
     * first octet: the fill that aligns text after a user data header on a septet boundary.
     */
    public static byte[] pack(int[] septets, int fillBits) {
        int bits = fillBits + septets.length * 7;
        byte[] out = new byte[(bits + 7) / 8];
        for (int i = 0; i < septets.length; i++) {
            int bit = fillBits + i * 7;
            int v = (septets[i] & 0x7f) << (bit % 8);
            out[bit / 8] |= (byte) v;
            if (bit / 8 + 1 < out.length) {
                out[bit / 8 + 1] |= (byte) (v >> 8);
            }
        }
        return out;
    }

    public static byte[] hex(String hex) {
        String h = hex.strip();
        if (h.length() % 2 != 0 || !h.matches("[0-9A-Fa-f]*")) {
            throw new AtParseException("not hex: \"" + abbreviate(h) + "\"");
        }
        byte[] out = new byte[h.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
