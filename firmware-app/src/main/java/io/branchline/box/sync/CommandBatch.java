package io.branchline.box.sync;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.web.Json;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One long-poll answer read command by command, so that one bad command never hides the others: each
 * element of {@code commands} is measured before it is read, one over {@value #MAX_COMMAND} bytes is not
 * read whole (only its id is looked for), one that is not an object or has no id is kept as unidentified,
 * and an answer cut at the box's limit still yields every command that arrived whole.
 */
final class CommandBatch {
    static final int MAX_COMMAND = 1 << 20;
    /** How much of one answer the box reads: many commands, but not an unbounded amount of memory. */
    static final int MAX_ANSWER = 16 << 20;

    /**
     * One element of the answer: its id when it has a usable one, the command when it could be read, what is
     * wrong with it otherwise, and a fingerprint to report an unidentified one once.
     */
    record Incoming(String id, JsonNode command, String problem, String fingerprint) {
        boolean identified() {
            return id != null && !id.isEmpty();
        }
    }

    /** What the answer held, and why reading stopped early, if it did (empty when read to its end). */
    record Read(List<Incoming> commands, String stoppedBecause) {
    }

    private CommandBatch() {
    }

    static Read read(byte[] body, int length, boolean cut) {
        List<Incoming> out = new ArrayList<>();
        try (JsonParser p = Json.MAPPER.getFactory().createParser(body, 0, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new Read(out, "the answer is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (!field.equals("commands")) {
                    p.skipChildren();
                    continue;
                }
                if (value != JsonToken.START_ARRAY) {
                    return new Read(out, "commands is not a list");
                }
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
                    int start = (int) p.currentTokenLocation().getByteOffset();
                    p.skipChildren();
                    int end = (int) p.currentLocation().getByteOffset();
                    out.add(element(body, start, end, t));
                }
            }
            return new Read(out, "");
        } catch (IOException | RuntimeException e) {
            return new Read(out, cut ? "the answer is larger than " + MAX_ANSWER + " bytes; read what arrived whole"
                    : "the answer is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static Incoming element(byte[] body, int start, int end, JsonToken first) throws IOException {
        String fingerprint = fingerprint(body, start, end);
        if (first != JsonToken.START_OBJECT) {
            return new Incoming(null, null, "a command must be a JSON object", fingerprint);
        }
        int size = end - start;
        if (size > MAX_COMMAND) {
            return new Incoming(idOf(body, start, size), null, "command: larger than " + MAX_COMMAND
                    + " bytes (" + size + ")", fingerprint);
        }
        JsonNode c = Json.MAPPER.readTree(body, start, size);
        JsonNode id = c.get("id");
        if (id == null || !id.isTextual() || id.asText().isEmpty()) {
            return new Incoming(null, c, "id: a command needs a non-empty text id", fingerprint);
        }
        if (id.asText().length() > 4 * CommandId.MAX) {
            return new Incoming(null, c, "id: longer than " + 4 * CommandId.MAX + " characters", fingerprint);
        }
        return new Incoming(id.asText(), c, "", fingerprint);
    }

    /** The top-level text id of a command too large to read whole, or null. */
    private static String idOf(byte[] body, int start, int size) throws IOException {
        try (JsonParser p = Json.MAPPER.getFactory().createParser(body, start, size)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                if (field.equals("id") && v == JsonToken.VALUE_STRING) {
                    String id = p.getText();
                    return id.isEmpty() || id.length() > 4 * CommandId.MAX ? null : id;
                }
                p.skipChildren();
            }
            return null;
        }
    }

    private static String fingerprint(byte[] body, int start, int end) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(body, start, Math.min(end - start, 1 << 16));
            return HexFormat.of().formatHex(d.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
