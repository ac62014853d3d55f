package io.branchline.box.sync;

import java.nio.charset.StandardCharsets;

/**
 * A CRM command's id: what identifies it for "at most once" and names it in the acknowledgement's URL. Ids
 * of {@value #SAFE} up to {@value #MAX} characters are executed; any other non-empty text id is
 * acknowledged as rejected, path-encoded so that no character of it can change the URL (a {@code /}, {@code
 * ?}, {@code #}, a space, CR LF, {@code ..}).
 */
final class CommandId {
    static final int MAX = 64;
    static final String SAFE = "letters, digits, '-', '_', '.' and ':'";

    private CommandId() {
    }

    static boolean safe(String id) {
        return id.length() <= MAX && id.matches("[A-Za-z0-9._:-]+") && !id.matches("\\.+");
    }

    /** {@code id} as one path segment: every byte outside A-Z a-z 0-9 - _ ~ percent-encoded, dots too. */
    static String pathSegment(String id) {
        StringBuilder b = new StringBuilder();
        for (byte x : id.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            boolean plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_' || c == '~' || (c == '.' && safe(id)) || (c == ':' && safe(id));
            b.append(plain ? String.valueOf((char) c) : String.format("%%%02X", c));
        }
        return b.toString();
    }
}
