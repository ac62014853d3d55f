package io.branchline.box.recording;

import static io.branchline.box.store.schema.Tables.OUTBOX;
import static io.branchline.box.store.schema.Tables.RECORDING;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.branchline.box.call.CallRecords;
import io.branchline.box.call.CallView;
import io.branchline.box.store.Database;
import io.branchline.box.store.TimeText;
import io.branchline.box.store.schema.tables.records.RecordingRecord;
import io.branchline.box.web.Json;
import io.branchline.hw.audio.WavFile;
import io.branchline.hw.audio.WavRecorder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recordings on disk ({@code recordings/YYYY/MM/DD/<call-id>.wav} under the data folder) and their
 * rows. A recording is begun when a call is answered, finished (synced) when it ends, and marked present
 * in the same transaction as the call's record; a box stopped mid-call finds it again on the next start.
 */
public final class Recordings {
    private static final Logger log = LoggerFactory.getLogger(Recordings.class);
    public static final String CUT = "cut";

    private final Database db;
    private final Path dataDir;
    private final Clock clock;
    private final ZoneId zone;

    public Recordings(Database db, Path dataDir, Clock clock, ZoneId zone) {
        this.db = db;
        this.dataDir = dataDir;
        this.clock = clock;
        this.zone = zone;
    }

    /** A recording on disk as its row describes it. */
    public record Stored(String callId, Path file, String state, long millis, long bytes, String sha256,
                         String startedAt, String uploadedAt) {
        public boolean present() {
            return !state.equals("deleted") && !state.equals("recording");
        }
    }

    /** A finished, synced recording, to be marked present with the call's record. */
    public record Done(String callId, String path, long millis, long bytes, String sha256) {
    }

    /** Starts the file of an answered call and notes it, with the call as it stands, for crash recovery. */
    public WavRecorder begin(CallView answered) throws IOException {
        Instant at = clock.instant();
        LocalDate d = LocalDate.ofInstant(at, zone);
        String rel = String.format("recordings/%04d/%02d/%02d/%s.wav", d.getYear(), d.getMonthValue(),
                d.getDayOfMonth(), answered.id());
        WavRecorder r = WavRecorder.start(dataDir.resolve(rel));
        String json;
        try {
            json = Json.MAPPER.writeValueAsString(answered);
        } catch (JsonProcessingException e) {
            throw new IOException("cannot note call " + answered.id(), e);
        }
        db.with(dsl -> dsl.insertInto(RECORDING).set(RECORDING.CALL_ID, answered.id()).set(RECORDING.PATH, rel)
                .set(RECORDING.STATE, "recording").set(RECORDING.CALL_JSON, json)
                .set(RECORDING.STARTED_AT, TimeText.of(at)).set(RECORDING.MILLIS, 0L).set(RECORDING.BYTES, 0L)
                .execute());
        return r;
    }

    /** Writes the last frames, makes the file {@code exactFrames} long, syncs it, and sums it up. */
    public Done finish(String callId, WavRecorder r, long exactFrames) throws IOException {
        long frames = r.finish(exactFrames);
        return new Done(callId, dataDir.relativize(r.file()).toString(), frames * io.branchline.hw.audio.Pcm.FRAME_MILLIS,
                Files.size(r.file()), sha256(r.file()));
    }

    /** Inside the call record's transaction: the recording is present, and owed to the CRM. */
    public void markPresent(DSLContext dsl, Done d, String state) {
        dsl.update(RECORDING).set(RECORDING.STATE, state).set(RECORDING.MILLIS, d.millis())
                .set(RECORDING.BYTES, d.bytes()).set(RECORDING.SHA256, d.sha256())
                .where(RECORDING.CALL_ID.eq(d.callId())).execute();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("v", 1);
        body.put("type", "recording");
        body.put("callId", d.callId());
        body.put("bytes", d.bytes());
        body.put("millis", d.millis());
        body.put("sha256", d.sha256());
        body.put("format", "audio/wav; rate=8000; channels=2 (left: agent, right: customer)");
        try {
            dsl.insertInto(OUTBOX).set(OUTBOX.KIND, "recording").set(OUTBOX.IDEMPOTENCY_KEY, "recording:" + d.callId())
                    .set(OUTBOX.PAYLOAD, Json.MAPPER.writeValueAsString(body))
                    .set(OUTBOX.CREATED_AT, TimeText.of(clock.instant())).execute();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Inside the call record's transaction: the call was answered but nothing could be recorded. */
    public void markMissing(DSLContext dsl, String callId) {
        dsl.deleteFrom(RECORDING).where(RECORDING.CALL_ID.eq(callId)).execute();
    }

    public Optional<Stored> find(String callId) {
        return db.with(dsl -> dsl.selectFrom(RECORDING).where(RECORDING.CALL_ID.eq(callId)).fetchOptional()
                .map(this::stored));
    }

    /** The file of a call's recording while it is on disk (for the upload). */
    public Optional<Path> fileOf(String callId) {
        return find(callId).filter(Stored::present).map(Stored::file).filter(Files::exists);
    }

    /** The CRM has the recording: from now on the quota and the retention may remove it. */
    public void markUploaded(String callId) {
        db.with(dsl -> dsl.update(RECORDING).set(RECORDING.UPLOADED_AT, TimeText.of(clock.instant()))
                .where(RECORDING.CALL_ID.eq(callId)).execute());
    }

    public Path resolve(String rel) {
        return dataDir.resolve(rel);
    }

    /**
     * At start: every recording still in state 'recording' belongs to a call the box lost in a crash. Its file
     * is made playable up to the last second synced, and the call gets its record, ended as "cut".
     */
    public int recover(CallRecords records) {
        List<RecordingRecord> open = db.with(dsl -> dsl.selectFrom(RECORDING).where(RECORDING.STATE.eq("recording"))
                .fetch());
        int n = 0;
        for (RecordingRecord r : open) {
            try {
                CallView answered = Json.MAPPER.readValue(r.getCallJson(), CallView.class);
                Path file = dataDir.resolve(r.getPath());
                long millis = Files.exists(file) ? WavFile.repair(file, 2) : 0;
                Instant answeredAt = Instant.parse(answered.answeredAt());
                CallView cut = answered.endedAs(TimeText.of(answeredAt.plusMillis(millis)), millis, CUT,
                        "the box stopped during the call (power cut or crash); the recording holds the first "
                                + millis / 1000 + " s", millis > 0);
                Done d = millis > 0 ? new Done(r.getCallId(), r.getPath(), millis, Files.size(file), sha256(file)) : null;
                if (records.find(r.getCallId()).isPresent()) {
                    continue;
                }
                records.save(cut, dsl -> {
                    if (d != null) {
                        markPresent(dsl, d, CUT);
                    } else {
                        markMissing(dsl, r.getCallId());
                    }
                });
                n++;
                log.warn("event=call-recovered call={} recorded_ms={}", r.getCallId(), millis);
            } catch (IOException | RuntimeException e) {
                log.error("event=call-recovery-failed call={} error=\"{}\"", r.getCallId(), e.getMessage());
            }
        }
        return n;
    }

    private Stored stored(RecordingRecord r) {
        return new Stored(r.getCallId(), dataDir.resolve(r.getPath()), r.getState(), r.getMillis(), r.getBytes(),
                r.getSha256(), r.getStartedAt(), r.getUploadedAt());
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Database db() {
        return db;
    }

    Clock clock() {
        return clock;
    }
}
