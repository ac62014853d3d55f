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
