package io.branchline.hw.at.parse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * A received SMS (SMS-DELIVER, 23.040 9.2.2.1) decoded from its PDU: sender, time stamp, text, and the
 * concatenation header when the message is one part of several. Every user-data-header element is walked,
 * not only the first; UCS2 is read as UTF-16 so that emoji (surrogate pairs) survive; alphanumeric senders
 * are GSM-7 packed. A PDU shorter than its lengths say is refused.
 */
public record SmsPdu(String smsc, String sender, int dcs, String timestamp, String text, Optional<Concat> concat) {

    /** One part of a concatenated message. */
    public record Concat(int reference, int total, int part) {
    }

    public static SmsPdu decodeDeliver(String hex) {
        byte[] b = Gsm7.hex(hex);
        Reader r = new Reader(b);
        int smscLen = r.u8();
        String smsc = smscLen > 0 ? address(r.bytes(smscLen), (smscLen - 1) * 2) : "";
        int first = r.u8();
        boolean udhi = (first & 0x40) != 0;
        int oaDigits = r.u8();
        byte[] oa = r.bytes(1 + (oaDigits + 1) / 2);
        String sender = address(oa, oaDigits);
        r.u8(); // protocol identifier
        int dcs = r.u8();
        String ts = timestamp(r.bytes(7));
        int udl = r.u8();
        Encoding enc = Encoding.of(dcs);
        byte[] ud = r.rest();
        Optional<Concat> concat = Optional.empty();
        int udhBytes = 0;
        if (udhi) {
            if (ud.length < 1) {
                throw new AtParseException("user data header missing");
            }
            int udhl = ud[0] & 0xff;
            udhBytes = udhl + 1;
            if (ud.length < udhBytes) {
                throw new AtParseException("user data header longer than the PDU");
            }
            concat = concat(Arrays.copyOfRange(ud, 1, udhBytes));
        }
        String text;
        if (enc == Encoding.GSM7) {
            int headerSeptets = (udhBytes * 8 + 6) / 7;
            int count = udl - headerSeptets;
            int needed = (udl * 7 + 7) / 8;
            if (ud.length < needed) {
                throw new AtParseException("PDU shorter than its user data length");
            }
            int fill = headerSeptets * 7 - udhBytes * 8;
            text = Gsm7.decode(Gsm7.unpack(ud, udhBytes, Math.max(0, count), fill));
        } else {
            if (ud.length < udl) {
                // Truncated captures: decode what is there rather than lose the message.
                udl = ud.length;
            }
            byte[] body = Arrays.copyOfRange(ud, udhBytes, udl);
            text = enc == Encoding.UCS2 ? new String(body, StandardCharsets.UTF_16BE)
                    : new String(body, StandardCharsets.ISO_8859_1);
        }
        return new SmsPdu(smsc, sender, dcs, ts, text, concat);
    }

    private enum Encoding {
        GSM7, DATA8, UCS2;

        static Encoding of(int dcs) {
            if ((dcs & 0xC0) == 0x00 || (dcs & 0xF0) == 0xF0) {
                int alphabet = (dcs & 0xF0) == 0xF0 ? (dcs & 0x04) >> 1 : (dcs & 0x0C) >> 2;
                return alphabet == 2 ? UCS2 : alphabet == 1 ? DATA8 : GSM7;
            }
            return (dcs & 0x0C) == 0x08 ? UCS2 : (dcs & 0x0C) == 0x04 ? DATA8 : GSM7;
        }
    }

    private static Optional<Concat> concat(byte[] udh) {
        int i = 0;
        while (i + 1 < udh.length) {
            int iei = udh[i] & 0xff;
            int len = udh[i + 1] & 0xff;
            if (i + 2 + len > udh.length) {
                break;
            }
            if (iei == 0x00 && len == 3) {
                return Optional.of(new Concat(udh[i + 2] & 0xff, udh[i + 3] & 0xff, udh[i + 4] & 0xff));
            }
            if (iei == 0x08 && len == 4) {
                return Optional.of(new Concat(((udh[i + 2] & 0xff) << 8) | (udh[i + 3] & 0xff), udh[i + 4] & 0xff,
                        udh[i + 5] & 0xff));
            }
            i += 2 + len;
        }
        return Optional.empty();
    }

    /** An address: type octet then semi-octets, or GSM-7 packed text for alphanumeric senders (TON 5). */
    public static String address(byte[] a, int digits) {
        int toa = a[0] & 0xff;
        if (((toa >> 4) & 0x07) == 5) {
            int septets = digits * 4 / 7;
            return Gsm7.decode(Gsm7.unpack(a, 1, septets, 0));
        }
        StringBuilder sb = new StringBuilder();
        if (((toa >> 4) & 0x07) == 1) {
            sb.append('+');
        }
        for (int i = 1; i < a.length; i++) {
            int v = a[i] & 0xff;
            sb.append(semiOctet(v & 0x0f));
            sb.append(semiOctet(v >> 4));
        }
        String s = sb.toString().replace("F", "");
        int max = digits + (s.startsWith("+") ? 1 : 0);
        return s.length() > max ? s.substring(0, max) : s;
    }

    private static char semiOctet(int v) {
        return v < 10 ? (char) ('0' + v) : v == 15 ? 'F' : "*#abc".charAt(v - 10);
    }

    /**
     * The service centre time stamp (TS 23.040 9.2.3.11) as a UTC instant, {@code 2026-11-22T01:15:30Z}: the
     * sender's local time and its zone, in quarter hours with a sign bit, so that a message sent at 09:15 in
     * China (+8) reads 01:15Z like every other time of the box. A stamp that is no date is kept as the modem
     * gave it, with its offset.
     */
    public static String timestamp(byte[] t) {
        int[] v = new int[6];
        for (int i = 0; i < 6; i++) {
            v[i] = (t[i] & 0x0f) * 10 + ((t[i] & 0xf0) >> 4);
        }
        int tz = t[6] & 0xff;
        int quarters = (tz & 0x07) * 10 + ((tz & 0xf0) >> 4);
        int offsetMinutes = ((tz & 0x08) != 0 ? -1 : 1) * quarters * 15;
        String local = String.format("20%02d-%02d-%02dT%02d:%02d:%02d", v[0], v[1], v[2], v[3], v[4], v[5]);
        try {
            java.time.ZoneOffset zone = java.time.ZoneOffset.ofTotalSeconds(offsetMinutes * 60);
            return java.time.LocalDateTime.of(2000 + v[0], v[1], v[2], v[3], v[4], v[5]).atOffset(zone).toInstant()
                    .toString();
        } catch (java.time.DateTimeException e) {
            return local + String.format("%s%02d:%02d", offsetMinutes < 0 ? "-" : "+", Math.abs(offsetMinutes) / 60,
                    Math.abs(offsetMinutes) % 60);
        }
    }

    private static final class Reader {
        private final byte[] b;
        private int pos;

        Reader(byte[] b) {
            this.b = b;
        }

        int u8() {
            if (pos >= b.length) {
                throw new AtParseException("PDU ends early at octet " + pos);
            }
            return b[pos++] & 0xff;
        }

        byte[] bytes(int n) {
            if (pos + n > b.length) {
                throw new AtParseException("PDU ends early at octet " + pos);
            }
            byte[] out = Arrays.copyOfRange(b, pos, pos + n);
            pos += n;
            return out;
        }

        byte[] rest() {
            byte[] out = Arrays.copyOfRange(b, pos, b.length);
            pos = b.length;
            return out;
        }
    }
}
