package io.branchline.hw.audio;

/** Audio produced on the box, a frame per call: a stored prompt, a test tone. */
public interface FrameSource {

    /** The next 20 ms frame, or null once the source has nothing more to say. */
    byte[] next();
}
