package io.branchline.hw.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The emulated caller's keys are keys the detector hears: each once, in order. */
class DtmfTonesTest {
    @Test
    void theEmulatedCallersKeysAreHeardInOrder() {
        StringBuilder heard = new StringBuilder();
        DtmfDetector d = new DtmfDetector(heard::append);
        DtmfTones.frames("2105*#").forEach(d::frame);
        assertEquals("2105*#", heard.toString());
    }
}
