package io.branchline.hw.at;

import static io.branchline.hw.at.AtSamples.finals;
import static io.branchline.hw.at.AtSamples.infos;
import static io.branchline.hw.at.AtSamples.urcs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.hw.at.parse.CallNotice;
import io.branchline.hw.at.parse.VoicePort;
import java.util.List;
import org.junit.jupiter.api.Test;

class AudioSamplesTest {
    static final AtSamples S = AtSamples.load("audio.txt");

    @Test
    void everyCaseHasATest() {
        S.assertEveryCaseHasATest(getClass());
    }

    @Test
    void audio_amp_cvoice_disabled() {
        List<AtEvent> ev = S.decode("audio-amp-cvoice-disabled", AtCommands.raw("AT^CVOICE?", true));
        assertTrue(VoicePort.parse(infos(ev).get(0)).isEmpty(), "no usable voice port");
        assertEquals(FinalResult.Type.OK, finals(ev).get(0).type());
    }

    @Test
    void audio_huawei_cvoice_test_and_read() {
        AtDecoder d = new AtDecoder();
        d.expect(AtCommands.raw("AT^CVOICE=?", true));
        List<String> lines = new java.util.ArrayList<>();
        for (byte b : S.get("audio-huawei-cvoice-test-and-read").bytes()) {
            for (AtEvent e : d.feed(new byte[] {b})) {
                if (e instanceof AtEvent.Info i) {
                    lines.add(i.line());
                } else if (e instanceof AtEvent.Final) {
                    d.expect(AtCommands.raw("AT^CVOICE?", true));
                }
            }
        }
        assertEquals("0", VoicePort.supportedModes(lines.get(0)));
        VoicePort v = VoicePort.parse(lines.get(1)).orElseThrow();
        assertTrue(v.enabled());
        assertEquals(8000, v.sampleRate());
        assertEquals(16, v.bits());
        assertEquals(20, v.frameMillis());
    }

    @Test
    void audio_simtech_cpcmreg_uplink_stall() {
        Urc u = urcs(S.decode("audio-simtech-cpcmreg-uplink-stall", null)).get(0);
        assertEquals(CallNotice.Kind.VOICE_CALL_BEGIN, CallNotice.of(u).orElseThrow().kind());
    }
}
