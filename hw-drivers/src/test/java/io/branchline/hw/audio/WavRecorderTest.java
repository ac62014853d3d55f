package io.branchline.hw.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavRecorderTest {
    @TempDir
    Path dir;

    @Test
    void finishMakesTheFileExactlyAsLongAsAskedAndKeepsEachSideInItsChannel() throws Exception {
        WavRecorder r = WavRecorder.start(dir.resolve("2026/11/22/call.wav"));
        Tone left = new Tone(1000, 8000, -1);
        Tone right = new Tone(440, 8000, -1);
        for (int i = 0; i < 40; i++) {
            r.frame(left.next(), right.next());
        }
        assertEquals(50, r.finish(50), "ten frames of silence pad it to the talk time");
        WavFile.Contents wav = WavFile.read(r.file());
        assertEquals(1000, wav.millis());
        assertTrue(ToneMeter.shareBetween(wav.channel(0), 0, 800, 1000) > 0.99);
        assertTrue(ToneMeter.shareBetween(wav.channel(1), 0, 800, 440) > 0.99);
        assertTrue(ToneMeter.rms(wav.channel(1), 820, 1000) == 0);
    }

    @Test
    void aLongerRecordingLosesItsTail() throws Exception {
        WavRecorder r = WavRecorder.start(dir.resolve("long.wav"));
        for (int i = 0; i < 30; i++) {
            r.frame(Pcm.silence(), Pcm.silence());
        }
        assertEquals(25, r.finish(25));
        assertEquals(WavFile.HEADER_BYTES + 25 * 640, Files.size(r.file()));
    }

    @Test
    void aFileCutShortByACrashIsPlayableUpToItsLastSyncAfterRepair() throws Exception {
        WavRecorder r = WavRecorder.start(dir.resolve("cut.wav"));
        Tone t = new Tone(440, 8000, -1);
        for (int i = 0; i < 130; i++) {
            r.frame(t.next(), t.next());
        }
        while (r.frames() < 130) {
            Thread.sleep(5);
        }
        r.abandon(); // as kill -9: no final header
        // The header was synced at each full second: a player already sees 2 s before any repair.
        assertEquals(2000, WavFile.read(r.file()).millis());
        Files.write(r.file(), new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND); // a torn write
        assertEquals(2600, WavFile.repair(r.file(), 2));
        assertEquals(2600, WavFile.read(r.file()).millis());
    }
}
