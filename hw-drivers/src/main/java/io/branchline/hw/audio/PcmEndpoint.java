package io.branchline.hw.audio;

import java.util.function.Consumer;

/**
 * One end of a voice path: a modem's voice port, a desk phone's handset, a player. Frames from the far side
 * arrive on the endpoint's own reader and are handed to the listener, which must not block (it only queues);
 * frames toward the far side are sent one per 20 ms tick.
 */
public interface PcmEndpoint extends AutoCloseable {

    /** For logs: the port or device, e.g. {@code /dev/ttyUSB4}. */
    String name();

    /** Sets who hears the frames arriving from the far side; one listener at a time. */
    void listen(Consumer<Frame> listener);

    /** Sends one frame of {@link Pcm#FRAME_BYTES} toward the far side. */
    void send(byte[] frame);

    @Override
    void close();

    /** An end that says nothing and hears nothing: a side the box cannot reach (no handset configured). */
    static PcmEndpoint silent(String name) {
        return new PcmEndpoint() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void listen(Consumer<Frame> listener) {
            }

            @Override
            public void send(byte[] frame) {
            }

            @Override
            public void close() {
            }
        };
    }
}
