package io.branchline.hw.modem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.hw.at.DialString;
import io.branchline.hw.audio.Bridge;
import io.branchline.hw.audio.FrameClock;
import io.branchline.hw.audio.PcmEndpoint;
import io.branchline.hw.audio.ToneAfterSilence;
import io.branchline.hw.audio.ToneMeter;
import io.branchline.hw.audio.WavFile;
import io.branchline.hw.audio.WavRecorder;
import io.branchline.hw.emulator.EmulatedHandset;
import io.branchline.hw.emulator.EmulatedNetwork;
import io.branchline.hw.emulator.EmulatedSim;
import io.branchline.hw.emulator.EmulatedUsbBus;
import io.branchline.hw.emulator.Flavour;
import io.branchline.hw.emulator.ModemEmulator;
import io.branchline.hw.time.ManualScheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A call's voice end to end over real ptys: the modem's voice port (socat, jSerialComm) bridged to a desk
 * phone's handset and recorded. Tones tell the sides apart: the customer says 440 Hz after half a second
 * of silence, the agent 1000 Hz.
 */
class VoiceOverPtyTest {
    @TempDir
    Path dir;

    final ManualScheduler time = new ManualScheduler();
    final FrameClock clock = new FrameClock("test-media");
    EmulatedUsbBus bus;
    ModemLine line;

    @AfterEach
    void tearDown() {
        if (line != null) {
            line.close();
        }
        if (bus != null) {
            bus.close();
        }
        clock.close();
    }

    private ModemEmulator start(Flavour flavour) {
        bus = EmulatedUsbBus.overPtys(time, Duration.ofSeconds(5), dir);
        EmulatedNetwork network = new EmulatedNetwork(time);
        ModemEmulator modem = new ModemEmulator(flavour, "861234567890123",
                EmulatedSim.ready("89860012345678901234", "460001234567890", "13800000001"));
        network.register(modem);
        bus.plug("1-1.2", 2, modem);
        line = new ModemLine("modem-1", ModemAddress.usb("1-1.2", 2), bus, bus, time, LineHealthSettings.defaults());
        line.start();
        Await.until("line up", () -> line.snapshot().status().state() == LineState.UP, line::snapshot);
        return modem;
    }

    private void advanceUntil(ModemCall call, CallPhase phase) throws InterruptedException {
        for (int i = 0; i < 100 && call.phase().ordinal() < phase.ordinal(); i++) {
            time.advance(Duration.ofMillis(500));
            Thread.sleep(20);
        }
        assertTrue(call.phase().ordinal() >= phase.ordinal(), call.toString());
    }

    @ParameterizedTest
    @EnumSource(value = Flavour.class, names = {"QUECTEL_EC25", "SIMCOM_SIM7600", "HUAWEI_E1550"})
    void theCustomersToneIsOnTheRightChannelAndTheAgentsOnTheLeft(Flavour flavour) throws Exception {
        ModemEmulator modem = start(flavour);
        modem.voice().customerSays(() -> new ToneAfterSilence(500, 440, 60_000));
        ModemCall call = line.calls().orElseThrow().dial(new DialString("13900000005"));
        advanceUntil(call, CallPhase.ACTIVE);

        EmulatedHandset handset = new EmulatedHandset("desk", clock);
        Path file = dir.resolve("call.wav");
        long frames;
        try (ModemVoice voice = line.openVoice(); PcmEndpoint agent = handset.open()) {
            WavRecorder recorder = WavRecorder.start(file);
            Bridge bridge = new Bridge(agent, voice);
            bridge.tap(recorder::frame);
            try (AutoCloseable ticking = clock.add(bridge)) {
                // 1.6 s of recording, counted in frames: on a loaded machine the clock's ticks come late.
                long deadline = System.currentTimeMillis() + 15_000;
                while (bridge.frames() < 1600 / io.branchline.hw.audio.Pcm.FRAME_MILLIS
                        && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
            }
            frames = recorder.finish(bridge.frames());
        }
        line.calls().orElseThrow().hangUp();

        WavFile.Contents wav = WavFile.read(file);
        assertEquals(2, wav.channels());
        assertEquals(frames, wav.frames());
        byte[] agentSide = wav.channel(0);
        byte[] customerSide = wav.channel(1);
        assertTrue(ToneMeter.rms(customerSide, 0, 300) < 50, "the customer is silent at first");
        assertTrue(ToneMeter.shareBetween(customerSide, 800, 1400, 440) > 0.9, "then says 440 Hz on the right");
        assertTrue(ToneMeter.shareBetween(customerSide, 800, 1400, 1000) < 0.05, "without the agent's tone");
        assertTrue(ToneMeter.shareBetween(agentSide, 200, 1400, 1000) > 0.9, "the agent's 1 kHz is on the left");
        assertTrue(ToneMeter.shareBetween(handset.heard().bytes(), 800, 1400, 440) > 0.9, "the agent hears the customer");
        byte[] customerHeard = modem.voice().heard().bytes();
        assertTrue(ToneMeter.shareBetween(customerHeard, 200, 1200, 1000) > 0.9, "the customer hears the agent");
    }

    @Test
    void simcomAcceptsItsVoiceCommandOnlyOnceTheCallIsUpSoTheBoxRetries() throws Exception {
        ModemEmulator modem = start(Flavour.SIMCOM_SIM7600);
        ModemCall call = line.calls().orElseThrow().dial(new DialString("13900000005"));
        advanceUntil(call, CallPhase.ALERTING);
        CompletableFuture<ModemVoice> voice = CompletableFuture.supplyAsync(line::openVoice);
        Thread.sleep(400);
        advanceUntil(call, CallPhase.ACTIVE);
        try (ModemVoice v = voice.get()) {
            Await.until("voice on", () -> modem.voice().streaming(), modem.voice()::toString);
        }
        line.calls().orElseThrow().hangUp();
    }

    @Test
    void aModemWithoutUsbVoiceSaysSo() {
        start(Flavour.SIMCOM_SIM800);
        ModemVoice.VoiceUnavailableException e = assertThrows(ModemVoice.VoiceUnavailableException.class,
                line::openVoice);
        assertTrue(e.getMessage().contains("analog"), e.getMessage());
    }
}
