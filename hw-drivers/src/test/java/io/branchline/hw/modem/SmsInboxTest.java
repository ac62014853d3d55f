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
}
