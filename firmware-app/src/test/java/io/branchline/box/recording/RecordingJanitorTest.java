package io.branchline.box.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.box.call.CallView;
import io.branchline.box.store.Database;
import io.branchline.box.store.TimeText;
import io.branchline.hw.audio.Pcm;
import io.branchline.hw.audio.WavRecorder;
import io.branchline.hw.time.ManualScheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk rules for recordings: over the quota, the oldest recordings the CRM already has go first; one
 * not yet uploaded is never deleted, and a full quota of those raises one warning; after the retention,
 * uploaded recordings go even under the quota.
 */
class RecordingJanitorTest {
    /** 50 frames of stereo: 32,000 bytes of samples and a 44-byte header. */
    static final long FILE = 44 + 50 * 640;

    @TempDir
    Path dir;

    final ManualScheduler time = new ManualScheduler();
    Database db;
    Recordings recordings;
    final List<String> warnings = new ArrayList<>();
    int calls;

    @AfterEach
    void close() {
        db.close();
    }

    private String record(boolean uploaded) throws Exception {
        String id = "call-" + ++calls;
        String at = TimeText.of(time.clock().instant());
        CallView v = new CallView(id, "1001", "desk-1001", "8986", "138", "139", "139", "direct", "", "active", at, at,
                null, 0, 0, null, "", false, null, CallView.OUT);
        WavRecorder r = recordings.begin(v);
        for (int i = 0; i < 50; i++) {
            r.frame(Pcm.silence(), Pcm.silence());
        }
        Recordings.Done d = recordings.finish(id, r, 50);
        db.with(dsl -> {
            recordings.markPresent(dsl, d, "complete");
            return null;
        });
        if (uploaded) {
            recordings.markUploaded(id);
        }
        time.advance(Duration.ofMinutes(1));
        return id;
    }

    private boolean onDisk(String id) {
        return recordings.find(id).orElseThrow().present() && Files.exists(recordings.find(id).orElseThrow().file());
    }

    @Test
    void theQuotaTakesTheOldestUploadedFirstNeverOneNotUploadedAndWarnsOnce() throws Exception {
        db = Database.open(dir);
        recordings = new Recordings(db, dir, time.clock(), ZoneOffset.UTC);
        // Room for three recordings: 0.0001 GB = 100,000 bytes.
        RecordingJanitor janitor = new RecordingJanitor(recordings, () -> 1_000_000_000_000L, 80, 0.0001,
                Duration.ofDays(180), warnings::add);
        String first = record(true);
        String second = record(false);
        String third = record(true);
        String fourth = record(false);
        assertEquals(1, janitor.sweep());
        assertFalse(onDisk(first), "the oldest uploaded recording made room");
        assertTrue(onDisk(second) && onDisk(third) && onDisk(fourth), "the rest stay");

        String fifth = record(false);
        assertEquals(1, janitor.sweep());
        assertFalse(onDisk(third), "then the next uploaded one, skipping the older one the CRM lacks");
        assertTrue(onDisk(second));

        String sixth = record(false);
        assertEquals(0, janitor.sweep(), "only recordings owed to the CRM are left: none is deleted");
        assertTrue(onDisk(second) && onDisk(fourth) && onDisk(fifth) && onDisk(sixth));
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("still owed to the CRM"), warnings.get(0));
        assertEquals(0, janitor.sweep());
        assertEquals(1, warnings.size(), "warned once until the disk is back under its quota");
        RecordingJanitor.Usage u = janitor.usage();
        assertEquals(4 * FILE, u.usedBytes());
        assertEquals(4, u.notUploaded());
        assertTrue(u.warning());
        assertEquals("deleted", recordings.find(first).orElseThrow().state());
    }

    @Test
    void afterTheRetentionUploadedRecordingsGoEvenUnderTheQuota() throws Exception {
        db = Database.open(dir);
        recordings = new Recordings(db, dir, time.clock(), ZoneOffset.UTC);
        RecordingJanitor janitor = new RecordingJanitor(recordings, () -> 1_000_000_000_000L, 80, 0, Duration.ofDays(30),
                warnings::add);
        String old = record(true);
        String oldNotUploaded = record(false);
        time.advance(Duration.ofDays(29));
        assertEquals(0, janitor.sweep());
        time.advance(Duration.ofDays(2));
        String recent = record(true);
        assertEquals(1, janitor.sweep());
        assertFalse(onDisk(old));
        assertTrue(onDisk(oldNotUploaded), "not uploaded yet: kept past its retention");
        assertTrue(onDisk(recent));
        assertTrue(warnings.isEmpty());
    }
}
