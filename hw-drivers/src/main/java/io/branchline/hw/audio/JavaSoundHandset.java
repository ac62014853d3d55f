package io.branchline.hw.audio;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A desk phone's handset wired to a USB sound card, through Java Sound: its microphone is read on a platform
 * thread in 20 ms frames, its earpiece written without ever blocking the clock (a frame that finds the
 * device's buffer full is dropped and counted). Voice over USB no longer reaches the modem's analog path,
 * so this is how the agent hears and is heard.
 */
public final class JavaSoundHandset implements PcmEndpoint {
    private static final Logger log = LoggerFactory.getLogger(JavaSoundHandset.class);
    public static final AudioFormat FORMAT = new AudioFormat(Pcm.SAMPLE_RATE, 16, 1, true, false);

    private final String name;
    private final TargetDataLine mic;
    private final SourceDataLine earpiece;
    private final Thread reader;
    private volatile Consumer<Frame> listener = f -> { };
    private volatile boolean closed;
    private volatile long dropped;

    private JavaSoundHandset(String name, TargetDataLine mic, SourceDataLine earpiece) {
        this.name = name;
        this.mic = mic;
        this.earpiece = earpiece;
        this.reader = Thread.ofPlatform().daemon().name("handset " + name).start(this::read);
    }

    /**
     * Opens the sound device whose name contains {@code mixerName}; fails naming the devices there are, so
     * that the installer can copy the right one into the configuration.
     */
    public static JavaSoundHandset open(String mixerName) throws LineUnavailableException {
        Mixer.Info chosen = null;
        for (Mixer.Info i : AudioSystem.getMixerInfo()) {
            if (i.getName().contains(mixerName) && AudioSystem.getMixer(i).isLineSupported(
                    new DataLine.Info(TargetDataLine.class, FORMAT))) {
                chosen = i;
                break;
            }
        }
        if (chosen == null) {
            throw new LineUnavailableException("no sound device named \"" + mixerName + "\" can capture 8 kHz mono;"
                    + " devices here: " + devices());
        }
        Mixer m = AudioSystem.getMixer(chosen);
        TargetDataLine mic = (TargetDataLine) m.getLine(new DataLine.Info(TargetDataLine.class, FORMAT));
        SourceDataLine ear = (SourceDataLine) m.getLine(new DataLine.Info(SourceDataLine.class, FORMAT));
        mic.open(FORMAT, Pcm.FRAME_BYTES * 4);
        ear.open(FORMAT, Pcm.FRAME_BYTES * 6);
        mic.start();
        ear.start();
        return new JavaSoundHandset(chosen.getName(), mic, ear);
    }

    /** The sound devices Java Sound sees, for error messages and the doctor. */
    public static List<String> devices() {
        List<String> out = new ArrayList<>();
        for (Mixer.Info i : AudioSystem.getMixerInfo()) {
            out.add(i.getName());
        }
        return out;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void listen(Consumer<Frame> l) {
        listener = l;
    }

    @Override
    public void send(byte[] frame) {
        if (earpiece.available() >= frame.length) {
            earpiece.write(frame, 0, frame.length);
        } else {
            dropped++;
        }
    }

    public long dropped() {
        return dropped;
    }

    private void read() {
        while (!closed) {
            byte[] f = new byte[Pcm.FRAME_BYTES];
            int n = mic.read(f, 0, f.length);
            if (n == f.length) {
                listener.accept(new Frame(f, System.nanoTime()));
            } else if (!closed) {
                log.warn("handset={} event=mic-short-read bytes={}", name, n);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        mic.close();
        earpiece.close();
    }
}
