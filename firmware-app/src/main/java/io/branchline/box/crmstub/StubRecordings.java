package io.branchline.box.crmstub;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recordings the CRM stub received: bytes appended at the offset the box names (a resumed upload
 * continues where the stub's copy ends), checked against the box's SHA-256 once complete. A wrong offset
 * is refused with the stub's own count, so that the box can resume from there.
 */
public final class StubRecordings {
    /** One recording as the stub holds it. */
    public record Upload(String box, String callId, long received, long total, String sha256, boolean complete,
                         int puts, int resumes) {
    }

    private static final class Partial {
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        long total;
        String sha256 = "";
        boolean complete;
        int puts;
        int resumes;
    }

    /** The outcome of one PUT: what the stub now has, and whether the offset or the checksum was wrong. */
    public record Put(long received, boolean complete, boolean offsetWrong, boolean checksumWrong) {
    }

    private final Map<String, Partial> uploads = new LinkedHashMap<>();

    public synchronized long received(String box, String callId) {
        Partial p = uploads.get(box + "|" + callId);
        return p == null ? 0 : p.data.size();
    }

    public synchronized boolean complete(String box, String callId) {
        Partial p = uploads.get(box + "|" + callId);
        return p != null && p.complete;
    }

    /** Appends {@code bytes} (read so far, perhaps cut short) at {@code offset}. */
    public synchronized Put append(String box, String callId, long offset, byte[] bytes, long total, String sha256) {
        Partial p = uploads.computeIfAbsent(box + "|" + callId, k -> new Partial());
        p.puts++;
        if (p.complete) {
            return new Put(p.data.size(), true, false, false);
        }
        if (offset != p.data.size()) {
            return new Put(p.data.size(), false, true, false);
        }
        p.total = total;
        p.sha256 = sha256;
        p.data.write(bytes, 0, (int) Math.min(bytes.length, total - offset));
        if (p.data.size() == total) {
            if (!sha(p.data.toByteArray()).equals(sha256)) {
                uploads.remove(box + "|" + callId);
                return new Put(0, false, false, true);
            }
            p.complete = true;
        }
        return new Put(p.data.size(), p.complete, false, false);
    }

    /** A cut upload: what arrived before the connection broke is kept, as a real server's file would be. */
    public synchronized void cutAfter(String box, String callId, long offset, byte[] partial, long total, String sha) {
        append(box, callId, offset, partial, total, sha);
        uploads.get(box + "|" + callId).resumes++;
    }

    public synchronized byte[] bytes(String box, String callId) {
        Partial p = uploads.get(box + "|" + callId);
        return p == null ? new byte[0] : p.data.toByteArray();
    }

    public synchronized List<Upload> all() {
        List<Upload> out = new ArrayList<>();
        uploads.forEach((k, p) -> {
            String[] parts = k.split("\\|", 2);
            out.add(new Upload(parts[0], parts[1], p.data.size(), p.total, p.sha256, p.complete, p.puts, p.resumes));
        });
        return out;
    }

    static String sha(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
