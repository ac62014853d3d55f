package io.branchline.box.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.box.RunningBox;
import io.branchline.box.SimulatedBox;
import io.branchline.box.call.CallView;
import io.branchline.box.crmstub.CrmStub;
import io.branchline.box.crmstub.StubRecordings;
import io.branchline.box.recording.Recordings;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A call's recording reaches the CRM (the simulate mode's in-process stub) whole and once, even when the
 * upload's connection is cut part-way: the box resumes from what the CRM kept, and the checksum holds.
 */
class RecordingUploadTest {
    @RegisterExtension
    static final RunningBox running = RunningBox.inMemory();

    @Test
    void aRecordingCutMidUploadIsResumedAndArrivesWholeAndOnce() throws Exception {
        CrmStub crm = running.box().crmStubs().get(0);
        crm.cutNextUploadAfter(50_000);
        String id = running.api().call("1001", "13900000005", null).id();
        running.api().await(id, v -> v.answeredAt() != null);
        Thread.sleep(4000);
        running.api().send("DELETE", "/api/calls/" + id, null);
        running.api().await(id, CallView::hasRecording);
        SimulatedBox.await("at the CRM", () -> crm.recordings().complete("branchline", id)
                && crm.store().items().stream().anyMatch(i -> i.key().equals("recording:" + id)));

        Recordings.Stored stored = running.box().calls().media().recordings().find(id).orElseThrow();
        byte[] onBox = Files.readAllBytes(stored.file());
        assertTrue(onBox.length > 100_000, "a 4 s stereo call is about 128 KB: " + onBox.length);
        assertArrayEquals(onBox, crm.recordings().bytes("branchline", id), "the CRM has the very bytes");
        StubRecordings.Upload u = crm.recordings().all().stream().filter(r -> r.callId().equals(id)).findFirst()
                .orElseThrow();
        assertEquals(1, u.resumes(), "the upload was cut once");
        assertEquals(stored.sha256(), u.sha256());
        assertEquals(0, crm.store().duplicates(), "nothing was sent twice");
        SimulatedBox.await("marked uploaded", () -> running.box().calls().media().recordings().find(id).orElseThrow()
                .uploadedAt() != null);
        assertNotNull(running.box().calls().media().recordings().find(id).orElseThrow().uploadedAt());
    }
}
