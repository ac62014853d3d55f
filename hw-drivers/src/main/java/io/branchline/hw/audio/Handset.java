package io.branchline.hw.audio;

import java.io.IOException;

/** A desk phone's handset as the box reaches it for one call: opened when the call is answered, closed after. */
public interface Handset {
    PcmEndpoint open() throws IOException;

    /** The handset of a sound device, by a part of its name (see {@link JavaSoundHandset#devices()}). */
    static Handset soundDevice(String mixerName) {
        return () -> {
            try {
                return JavaSoundHandset.open(mixerName);
            } catch (javax.sound.sampled.LineUnavailableException e) {
                throw new IOException(e.getMessage(), e);
            }
        };
    }
}
