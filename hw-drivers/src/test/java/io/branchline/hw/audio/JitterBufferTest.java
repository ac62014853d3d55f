package io.branchline.hw.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class JitterBufferTest {
    private static Frame frame(int value, long atMs) {
        byte[] pcm = new byte[Pcm.FRAME_BYTES];
        pcm[0] = (byte) value;
        return new Frame(pcm, atMs * 1_000_000L);
    }

    @Test
    void holdsBackTwoFramesThenPlaysInOrder() {
        JitterBuffer b = new JitterBuffer(2, 10);
        b.offer(frame(1, 0));
        assertSame(Pcm.silence(), b.take(), "still priming");
        b.offer(frame(2, 20));
        assertEquals(1, b.take()[0]);
        assertEquals(2, b.take()[0]);
    }

    @Test
    void whatArrivedBeforeTheCallWasJoinedIsNotALossAndLeavesNoBacklog() {
        JitterBuffer b = new JitterBuffer(2, 6);
        for (int i = 0; i < 20; i++) {
            b.offer(frame(i, i * 20L));
        }
        b.startNow();
        assertEquals(18, b.take()[0], "the call starts two frames behind the sender, not six");
        assertEquals(0, b.stats().dropped());
    }

    @Test
    void runningDryGivesSilenceAndCountsIt() {
        JitterBuffer b = new JitterBuffer(1, 10);
        b.offer(frame(1, 0));
        assertEquals(1, b.take()[0]);
        assertArrayEquals(new byte[Pcm.FRAME_BYTES], b.take());
        assertEquals(1, b.stats().underruns());
    }

    @Test
    void aFastSenderLosesItsOldestFramesAndALateOneIsCounted() {
        JitterBuffer b = new JitterBuffer(0, 3);
        b.startNow();
        for (int i = 0; i < 5; i++) {
            b.offer(frame(i, i * 20L));
        }
        b.offer(frame(9, 500));
        assertEquals(new JitterBuffer.Stats(6, 3, 1, 0), b.stats());
        assertEquals(3, b.take()[0]);
    }
}
