package io.branchline.box.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.box.guard.CallGuard;
import io.branchline.box.line.LineRegistry;
import io.branchline.box.store.Database;
import io.branchline.box.store.SeenHardware;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a restart finds: every step of a message is committed before the next, so a box that stopped while a
 * message went out (between the modem's answer and the commit of "sent") marks it unknown and never sends it
 * again, and a message still queued is sent after the restart, not lost.
 */
class SentMessagesTest {
    @TempDir
    Path dir;
    final Clock clock = Clock.systemUTC();

    private static SentMessages.NewMessage message(String text) {
        return new SentMessages.NewMessage(null, "sim-1", "13900000005", text, 1, "gsm7", "api");
    }

    @Test
    void aMessageCaughtSendingIsUnknownAfterARestartAndAQueuedOneWaits() {
        String sending;
        String queued;
        try (Database db = Database.open(dir)) {
            SentMessages store = new SentMessages(db, clock);
            sending = store.add(message("went out, or not")).id();
            store.sending(sending, "sim-1"); // the box is killed here: the modem may have sent it
            queued = store.add(message("still waiting")).id();
        }
        try (Database db = Database.open(dir)) {
            SentMessages store = new SentMessages(db, clock);
            List<SentMessages.Message> changed = new CopyOnWriteArrayList<>();
            try (SmsSending s = new SmsSending(store, new LineRegistry(List.of(), new SeenHardware(db, clock)),
                    new CallGuard(db, clock), clock, changed::add)) {
                SentMessages.Message m = store.find(sending).orElseThrow();
                assertEquals("unknown", m.state());
                assertTrue(m.detail().contains("not sent again"), m.detail());
                assertEquals("queued", store.find(queued).orElseThrow().state(), "waits for a line, not lost");
                assertEquals(List.of(queued), store.queued(10).stream().map(SentMessages.Message::id).toList(),
                        "only the queued one is ever sent");
            }
        }
    }

    @Test
    void aReportForAnotherLinesReferenceOrAnUnsentMessageChangesNothing() {
        try (Database db = Database.open(dir)) {
            SentMessages store = new SentMessages(db, clock);
            String id = store.add(new SentMessages.NewMessage(null, "", "13900000005", "two parts", 2, "gsm7", "api")).id();
            assertTrue(store.reported("sim-1", 5, 0, true, false).isEmpty(), "not sent yet");
            store.sending(id, "sim-1");
            store.sent(id, "sim-1", List.of(5, 6), true);
            assertTrue(store.reported("sim-2", 5, 0, true, false).isEmpty(), "another line's reference 5");
            assertTrue(store.reported("sim-1", 5, 0, true, false).isEmpty(), "one part of two: still sent");
            assertEquals("sent", store.find(id).orElseThrow().state());
            assertEquals("delivered", store.reported("sim-1", 6, 0, true, false).orElseThrow().state());
            assertTrue(store.reported("sim-1", 6, 0x41, false, true).isEmpty(), "a late report for a finished message");
            assertEquals("delivered", store.find(id).orElseThrow().state());
        }
    }
}
