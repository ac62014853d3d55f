package io.branchline.hw.goip;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One clear-text datagram of the GoIP "SMS server" protocol in its {@code key:value;} form: keepalives
 * ({@code req:27;id:…;pass:…;…}) and notifications ({@code RECEIVE:1571812849;id:…;password:…;srcnum:…;msg:…}).
 * The first pair names the packet and carries its counter. A value runs to the next {@code ;} and may hold
 * colons and commas ({@code CELLINFO:LAC:7E5,CELL ID:5E5B}, {@code num:,cause:Normal call clearing}); a
 * message text ({@code msg:}) runs to the end of the datagram, since a text may hold semicolons.
 */
public record GoipPacket(String name, String counter, Map<String, String> fields) {
    /** Bigger than any keepalive or a GoIP-joined long text (10 parts of 153 characters, 3 bytes each). */
    public static final int MAX_BYTES = 8192;
    /** The notifications the protocol acknowledges with {@code NAME id OK}. */
    public static final java.util.Set<String> ACKNOWLEDGED = java.util.Set.of("RECEIVE", "DELIVER", "USSN", "STATE",
            "RECORD", "HANGUP", "REMAIN", "EXPIRY", "CELLS", "BCCH");
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,23}");

    public GoipPacket {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The packet, or empty when the text is not of the key:value form (a command reply, noise). */
    public static Optional<GoipPacket> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_BYTES) {
            return Optional.empty();
        }
        String t = text.strip();
        Map<String, String> fields = new LinkedHashMap<>();
        String name = null;
        String counter = null;
        int at = 0;
        while (at < t.length()) {
            int colon = t.indexOf(':', at);
            if (colon < 0) {
                if (t.substring(at).isBlank()) {
                    break;
                }
                return Optional.empty();
            }
            String key = t.substring(at, colon);
            if (!KEY.matcher(key).matches()) {
                return Optional.empty();
            }
            int end = key.equals("msg") ? t.length() : t.indexOf(';', colon + 1);
            if (end < 0) {
                end = t.length();
            }
            String value = t.substring(colon + 1, end);
            if (name == null) {
                name = key;
                counter = value;
            } else {
                fields.putIfAbsent(key, value);
            }
            at = end + 1;
        }
        if (name == null || counter.isEmpty() || counter.length() > 20) {
            return Optional.empty();
        }
        return Optional.of(new GoipPacket(name, counter, fields));
    }

    /**
     * A field's value, or "" when it is absent or one of the GoIP's ways of saying so ({@code (null)},
     * {@code <NULL>}, empty).
     */
    public String field(String key) {
        String v = fields.get(key);
        if (v == null || v.equals("(null)") || v.equalsIgnoreCase("<NULL>")) {
            return "";
        }
        return v;
    }

    /** The password a packet carries: keepalives say {@code pass:}, notifications {@code password:}. */
    public String password() {
        String p = field("password");
        return p.isEmpty() ? field("pass") : p;
    }

    public String goipId() {
        return field("id");
    }

    /** The acknowledgement the protocol asks for, or empty for packets that get none (GSM, AT). */
    public Optional<String> ack(boolean accepted, String why) {
        if (name.equals("req")) {
            return Optional.of("reg:" + counter + ";status:" + (accepted ? 0 : -1) + ";");
        }
        if (!ACKNOWLEDGED.contains(name)) {
            return Optional.empty(); // GSM: and AT: replies get none; a name the protocol lacks gets none either
        }
        return Optional.of(name + " " + counter + (accepted ? " OK" : " ERROR " + why));
    }
}
