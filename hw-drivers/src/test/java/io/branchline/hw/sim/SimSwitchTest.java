package io.branchline.hw.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.hw.at.DialString;
import io.branchline.hw.emulator.EmulatedNetwork;
import io.branchline.hw.emulator.EmulatedSim;
import io.branchline.hw.emulator.EmulatedSimSocket;
import io.branchline.hw.emulator.EmulatedUsbBus;
import io.branchline.hw.emulator.Flavour;
import io.branchline.hw.emulator.ModemEmulator;
import io.branchline.hw.gpio.FakeGpio;
import io.branchline.hw.modem.LineHealthSettings;
import io.branchline.hw.modem.LineState;
import io.branchline.hw.modem.ModemAddress;
import io.branchline.hw.modem.ModemLine;
import io.branchline.hw.time.ManualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The 5-SIM desk phone: a multiplexer on GPIO select lines, the emulated board following them. */
class SimSwitchTest {
    static final int[] PINS = {17, 27, 22};
    final ManualScheduler time = new ManualScheduler();
    final FakeGpio gpio = new FakeGpio();
    final EmulatedUsbBus bus = EmulatedUsbBus.inMemory(time, Duration.ofSeconds(5));
    final EmulatedNetwork network = new EmulatedNetwork(time);
    final List<EmulatedSim> cards = List.of(
            EmulatedSim.ready("89860000000000000001", "460000000000001", "13800000001"),
            EmulatedSim.ready("89860000000000000002", "460000000000002", "13800000002"),
            EmulatedSim.ready("89860000000000000003", "460000000000003", "13800000003"),
            EmulatedSim.absent(),
            EmulatedSim.ready("89860000000000000005", "460000000000005", "13800000005"));
    ModemEmulator modem;
    SimMultiplexer mux;
    ModemLine line;

    @BeforeEach
    void setUp() {
        modem = new ModemEmulator(Flavour.QUECTEL_EC25, "861234567890123", cards.get(0));
        network.register(modem);
        new EmulatedSimSocket(gpio, PINS, modem, cards);
        mux = new GpioSimMultiplexer(gpio, PINS, 5, "desk");
        bus.plug("1-1.2", 2, modem);
        line = new ModemLine("desk", ModemAddress.usb("1-1.2", 2), bus, bus, time, LineHealthSettings.defaults());
        line.start();
        await(() -> line.snapshot().status().state() == LineState.UP);
    }

    @AfterEach
    void tearDown() {
        line.close();
        bus.close();
    }

    private void await(java.util.function.BooleanSupplier c) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!c.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out; line: " + line.snapshot());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Moves time until the switch is done (it waits for the SIM on the line's thread). */
    private SimSwitchResult finish(CompletableFuture<SimSwitchResult> f) {
        for (int i = 0; i < 200 && !f.isDone(); i++) {
            time.advance(Duration.ofMillis(500));
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return f.join();
    }

    @Test
    void switchingTurnsTheRadioOffSelectsTheSlotAndChecksTheCard() {
        modem.drainCommands();
        SimSwitchResult r = finish(line.switchSim(mux, 2, "89860000000000000002", Duration.ofSeconds(30)));
        assertTrue(r.ok(), r.why());
        assertEquals("89860000000000000002", line.snapshot().identity().iccid());
        assertEquals("13800000002", line.snapshot().identity().ownNumber());
        assertEquals(LineState.UP, line.snapshot().status().state());
        List<String> sent = modem.drainCommands();
        assertTrue(sent.indexOf("AT+CFUN=0") < sent.indexOf("AT+CFUN=1"), sent.toString());
        // slot 2 is binary 001 on the select lines
        assertTrue(gpio.level(17) && !gpio.level(27) && !gpio.level(22));
    }

    @Test
    void aCardThatIsNotTheOneExpectedIsReported() {
        SimSwitchResult r = finish(line.switchSim(mux, 3, "89860000000000000002", Duration.ofSeconds(30)));
        assertFalse(r.ok());
        assertTrue(r.why().contains("holds ICCID 89860000000000000003, expected 89860000000000000002"), r.why());
    }

    @Test
    void anEmptySlotFailsAfterTheTimeout() {
        SimSwitchResult r = finish(line.switchSim(mux, 4, "", Duration.ofSeconds(20)));
        assertFalse(r.ok());
        assertTrue(r.why().contains("not ready and registered within 20 s"), r.why());
        assertEquals(LineState.NO_SIM, line.snapshot().status().state());
    }

    @Test
    void neverWhileACallIsUp() {
        line.calls().orElseThrow().dial(new DialString("13900000005"));
        SimSwitchResult r = finish(line.switchSim(mux, 2, "", Duration.ofSeconds(30)));
        assertFalse(r.ok());
        assertTrue(r.why().contains("a call is up"), r.why());
        assertEquals(1, mux.selected());
        line.calls().orElseThrow().hangUp();
    }
}
