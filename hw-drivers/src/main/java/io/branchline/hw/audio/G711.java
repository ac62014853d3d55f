package io.branchline.hw.audio;

/**
 * ITU-T G.711: 16-bit linear PCM to 8-bit µ-law (PCMU, RTP payload 0) and A-law (PCMA, payload 8) and back,
 * as the GoIP's SIP side sends it (PCMA first in its offer). Decoding is a 256-entry table; encoding is the
 * recommendation's segment search on the magnitude, the same arithmetic as the JDK's converter (which the
 * tests hold it against, for all 65,536 samples and all 256 codes).
 */
public final class G711 {
    private static final short[] ULAW_TO_LINEAR = new short[256];
    private static final short[] ALAW_TO_LINEAR = new short[256];
    private static final int BIAS = 0x84;
    private static final int CLIP = 32635;

    static {
        for (int i = 0; i < 256; i++) {
            ULAW_TO_LINEAR[i] = ulawToLinear(i);
            ALAW_TO_LINEAR[i] = alawToLinear(i);
        }
    }

    private G711() {
    }

    /** The codecs a GoIP offers that the box speaks, by RTP payload type. */
    public enum Law {
        PCMU(0, "PCMU"), PCMA(8, "PCMA");

        private final int payloadType;
        private final String rtpName;

        Law(int payloadType, String rtpName) {
            this.payloadType = payloadType;
            this.rtpName = rtpName;
        }

        public int payloadType() {
            return payloadType;
        }

        /** The SDP {@code a=rtpmap} encoding name. */
        public String rtpName() {
            return rtpName;
        }

        public static java.util.Optional<Law> ofPayloadType(int pt) {
            return pt == 0 ? java.util.Optional.of(PCMU) : pt == 8 ? java.util.Optional.of(PCMA)
                    : java.util.Optional.empty();
        }
    }

    public static byte ulaw(short pcm) {
        int sample = pcm;
        int sign = (sample >> 8) & 0x80;
        if (sign != 0) {
            sample = -sample;
        }
        if (sample > CLIP) {
            sample = CLIP;
        }
        sample += BIAS;
        int exponent = 7;
        for (int mask = 0x4000; (sample & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (sample >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    public static byte alaw(short pcm) {
        int sample = pcm;
        int sign = ((~sample) >> 8) & 0x80;
        if (sign == 0) {
            sample = Math.max(0, -sample - 8); // Sun's reference coder (and the JDK's): negative intervals sit 8 lower
        }
        if (sample > CLIP) {
            sample = CLIP;
        }
        int code;
        if (sample >= 256) {
            int exponent = 7;
            for (int mask = 0x4000; (sample & mask) == 0 && exponent > 1; mask >>= 1) {
                exponent--;
            }
            int mantissa = (sample >> (exponent + 3)) & 0x0F;
            code = (exponent << 4) | mantissa;
        } else {
            code = sample >> 4;
        }
        return (byte) ((code | sign) ^ 0x55);
    }

    public static short fromUlaw(byte code) {
        return ULAW_TO_LINEAR[code & 0xff];
    }

    public static short fromAlaw(byte code) {
        return ALAW_TO_LINEAR[code & 0xff];
    }

    private static short ulawToLinear(int code) {
        int u = ~code & 0xff;
        int sign = u & 0x80;
        int exponent = (u >> 4) & 0x07;
        int mantissa = u & 0x0F;
        int sample = (((mantissa << 3) + BIAS) << exponent) - BIAS;
        return (short) (sign != 0 ? -sample : sample);
    }

    private static short alawToLinear(int code) {
        int a = (code ^ 0x55) & 0xff;
        int sign = a & 0x80;
        int exponent = (a >> 4) & 0x07;
        int mantissa = a & 0x0F;
        int sample = exponent == 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
        return (short) (sign != 0 ? sample : -sample);
    }

    /** One 20 ms frame of 16-bit little-endian PCM ({@link Pcm#FRAME_BYTES}) as 160 G.711 bytes. */
    public static byte[] encode(Law law, byte[] pcm) {
        int n = pcm.length / 2;
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            short s = (short) ((pcm[2 * i] & 0xff) | (pcm[2 * i + 1] << 8));
            out[i] = law == Law.PCMU ? ulaw(s) : alaw(s);
        }
        return out;
    }

    /** G.711 bytes as 16-bit little-endian PCM, two bytes per code. */
    public static byte[] decode(Law law, byte[] codes, int offset, int length) {
        short[] table = law == Law.PCMU ? ULAW_TO_LINEAR : ALAW_TO_LINEAR;
        byte[] out = new byte[length * 2];
        for (int i = 0; i < length; i++) {
            short s = table[codes[offset + i] & 0xff];
            out[2 * i] = (byte) s;
            out[2 * i + 1] = (byte) (s >> 8);
        }
        return out;
    }
}
