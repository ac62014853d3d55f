package io.branchline.hw.modem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.hw.emulator.EmulatedSim;
import io.branchline.hw.emulator.EmulatedUsbBus;
import io.branchline.hw.emulator.Flavour;
import io.branchline.hw.emulator.ModemEmulator;
import io.branchline.hw.time.ManualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SMS on a line: a message announced with +CMTI is read, handed over and deleted from the SIM; one that came
 * while the box was away is read when the line opens; one the box could not keep stays on the SIM.
 */
class SmsInboxTest {
    final ManualScheduler time = new ManualScheduler();
    final EmulatedUsbBus bus = EmulatedUsbBus.inMemory(time, Duration.ofSeconds(5));
    final List<ReceivedSms> got = new CopyOnWriteArrayList<>();
    ModemLine line;

    @AfterEach
    void tearDown() {
        line.close();
        bus.close();
    }

    private ModemEmulator start(boolean keep) {
        ModemEmulator m = new ModemEmulator(Flavour.QUECTEL_EC25, "861234567890123",
                EmulatedSim.ready("89860012345678901234", "460001234567890", "+8613800000001"));
        bus.plug("1-1.2", 2, m);
        line = new ModemLine("modem-1", ModemAddress.usb("1-1.2", 2), bus, bus, time, LineHealthSettings.defaults());
        line.sms().onSms(s -> {
            if (!keep) {
                throw new IllegalStateException("disk full");
            }
            got.add(s);
        });
        return m;
    }

    @Test
    void aMessageArrivingIsReadHandedOverAndDeletedFromTheSim() {
        ModemEmulator m = start(true);
        line.start();
        Await.until("line up", () -> line.snapshot().status().state() == LineState.UP, line::snapshot);
        m.receiveSms("+8613912345678", "您好，我想了解贷款利率");
        Await.until("received", () -> got.size() == 1, got::toString);
        ReceivedSms s = got.get(0);
        assertEquals("+8613912345678", s.sender());
        assertEquals("您好，我想了解贷款利率", s.text());
        assertEquals("89860012345678901234", s.simIccid());
        Await.until("deleted", () -> m.drainCommands().stream().anyMatch(c -> c.startsWith("AT+CMGD=")), got::toString);
    }

    @Test
    void messagesThatCameWhileTheBoxWasAwayAreReadWhenTheLineOpens() {
        ModemEmulator m = start(true);
        m.receiveSms("13912345678", "第一条");
        m.receiveSms("13912345679", "第二条");
        line.start();
        Await.until("both read", () -> got.size() == 2, got::toString);
        assertTrue(got.stream().anyMatch(s -> s.text().equals("第一条") && s.sender().equals("13912345678")));
    }

    @Test
    void aMessageTheBoxCouldNotKeepStaysOnTheSim() throws Exception {
        ModemEmulator m = start(false);
        line.start();
        Await.until("line up", () -> line.snapshot().status().state() == LineState.UP, line::snapshot);
        m.drainCommands();
        m.receiveSms("13912345678", "重要");
        Await.until("read", () -> m.drainCommands().stream().anyMatch(c -> c.startsWith("AT+CMGR=")), got::toString);
        Thread.sleep(200);
        assertTrue(m.drainCommands().stream().noneMatch(c -> c.startsWith("AT+CMGD=")), "not deleted");
    }

    /** The parts of one long message as the network hands them to the SIM, each an SMS-DELIVER with its header. */
    private static List<String> parts(String sender, String text, int reference) {
        java.time.ZonedDateTime at = java.time.ZonedDateTime.of(2026, 12, 4, 9, 0, 0, 0, java.time.ZoneOffset.ofHours(8));
        return io.branchline.hw.sms.SubmitPdu.encode("13800000001", text, reference, false).stream()
                .map(p -> io.branchline.hw.emulator.EmulatedSms.deliverAsSent(sender,
                        io.branchline.hw.emulator.EmulatedSms.submitted(p.hex()), at)).toList();
    }

    private void advance(Duration d) throws InterruptedException {
        for (long s = 0; s < d.toSeconds(); s += 5) {
            time.advance(Duration.ofSeconds(5));
            Thread.sleep(2);
        }
    }

    @Test
    void partsArrivingOutOfOrderAreJoinedInTheirOrder() {
        ModemEmulator m = start(true);
        line.start();
        Await.until("line up", () -> line.snapshot().status().state() == LineState.UP, line::snapshot);
        String text = "第一部分。".repeat(20) + "第二部分。".repeat(20) + "结束";
        List<String> pdus = parts("13912345678", text, 31);
        assertEquals(4, pdus.size(), "202 UCS2 characters: four parts of at most 67");
        m.deliverSms(pdus.get(3));
        m.deliverSms(pdus.get(0));
        m.deliverSms(pdus.get(2));
        m.deliverSms(pdus.get(1));
        Await.until("joined", () -> got.size() == 1, got::toString);
        assertEquals(text, got.get(0).text());
        assertTrue(got.get(0).complete());
        Await.until("all four parts deleted from the SIM", () -> m.smsStored() == 0, got::toString);
    }

    @Test
    void aPartThatNeverComesIsMarkedAndTheRestHandedOverAfterTenMinutes() throws Exception {
        ModemEmulator m = start(true);
        line.start();
        Await.until("line up", () -> line.snapshot().status().state() == LineState.UP, line::snapshot);
        String text = "a".repeat(153) + "b".repeat(153) + "c".repeat(20);
        List<String> pdus = parts("13912345678", text, 32);
        m.deliverSms(pdus.get(0));
        m.deliverSms(pdus.get(2));
        Thread.sleep(300);
        advance(Duration.ofMinutes(9));
        assertTrue(got.isEmpty(), "still waiting for part 2");
        advance(SmsInbox.PARTS_WAIT.minusMinutes(8));
        Await.until("handed over", () -> got.size() == 1, got::toString);
        ReceivedSms s = got.get(0);
        assertEquals(List.of(2), s.missing());
        assertEquals("a".repeat(153) + ReceivedSms.GAP + "c".repeat(20), s.text());
        assertEquals(3, s.parts());
    }

    @Test
    void aMessageLeftOnTheSimIsTakenAtTheNextSweep() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean full = new java.util.concurrent.atomic.AtomicBoolean(true);
        ModemEmulator m = new ModemEmulator(Flavour.QUECTEL_EC25, "861234567890123",
                EmulatedSim.ready("89860012345678901234", "460001234567890", "+8613800000001"));
        bus.plug("1-1.2", 2, m);
        line = new ModemLine("modem-1", ModemAddress.usb("1-1.2", 2), bus, bus, time, LineHealthSettings.defaults());
        line.sms().onSms(s -> {
            if (full.get()) {
                throw new IllegalStateException("disk full");
            }
            got.add(s);
        });
        line.start();
        Await.until("line up", () -> line.snapshot().status().state() == LineState.UP, line::snapshot);
        m.receiveSms("13912345678", "请回电");
        Await.until("tried", () -> m.drainCommands().stream().anyMatch(c -> c.startsWith("AT+CMGR=")), got::toString);
        full.set(false); // the disk has room again
        advance(SmsInbox.SWEEP_EVERY.plusMinutes(1));
        Await.until("taken at the sweep", () -> got.size() == 1, got::toString);
        assertEquals("请回电", got.get(0).text());
        Await.until("deleted", () -> m.smsStored() == 0, got::toString);
    }
}
