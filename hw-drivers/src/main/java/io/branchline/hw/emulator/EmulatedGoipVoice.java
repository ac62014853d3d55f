package io.branchline.hw.emulator;

import io.branchline.hw.audio.DtmfTones;
import io.branchline.hw.audio.FrameClock;
import io.branchline.hw.audio.FrameSource;
import io.branchline.hw.audio.G711;
import io.branchline.hw.audio.Pcm;
import io.branchline.hw.audio.PcmCapture;
import io.branchline.hw.audio.Tone;
import io.branchline.hw.sip.RtpSession;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * An emulated GoIP port's voice, one call at a time: while a call is up it speaks for the GSM party in RTP
 * (a frame every 20 ms) and keeps what the box sent. The party's keys go as RFC 2833 events, or as tones in
 * the voice when the port is set to in-band DTMF. A port can be made to fall silent (no RTP at all), as a
 * GoIP whose media path broke.
 */
public final class EmulatedGoipVoice {
    private static final FrameClock CLOCK = new FrameClock("emulated-goip-rtp");

    private final String name;
    private final PcmCapture heard = new PcmCapture(180);
    private final Queue<byte[]> inbandKeys = new ConcurrentLinkedQueue<>();
    private volatile Supplier<FrameSource> party = () -> new Tone(440, 3000, -1);
    private volatile boolean inband;
    private volatile boolean mute;
    private volatile long framesSent;
    private RtpSession rtp;
    private AutoCloseable ticking;

    EmulatedGoipVoice(String name) {
        this.name = name;
    }

    /** What the GSM party says on every call from now on (the default is a quiet 440 Hz tone). */
    public void partySays(Supplier<FrameSource> source) {
        this.party = source;
    }

    /** Keys as tones in the voice (the GoIP's "DTMF Signaling: Inband") instead of RFC 2833 events. */
    public void inband(boolean on) {
        this.inband = on;
    }

    /** The port sends no RTP at all while this is on. */
    public void mute(boolean on) {
        this.mute = on;
    }

    /** The GSM party presses {@code digits}: RFC 2833 events (80 ms each, 80 ms apart) or in-band tones. */
    public void press(String digits) {
        if (inband) {
            inbandKeys.addAll(DtmfTones.frames(digits));
            return;
        }
        RtpSession s = session();
        if (s == null) {
            return;
        }
        Thread.ofVirtual().name("goip-keys " + name).start(() -> {
            try {
                for (char k : digits.toCharArray()) {
                    s.sendKey(k, 4);
                    Thread.sleep(80);
                }
            } catch (InterruptedException e) {
                // the call ended
            }
        });
    }

    /** What the box sent the GSM party, on every call so far. */
    public PcmCapture heard() {
        return heard;
    }

    public long framesSent() {
        return framesSent;
    }

    public synchronized boolean talking() {
        return ticking != null;
    }

    private synchronized RtpSession session() {
        return rtp;
    }

    /** A new call's RTP session speaking {@code law}, sending to {@code remote} (null: once the answer says). */
    synchronized EmulatedGoipVoice open(G711.Law law, InetSocketAddress remote) throws SocketException {
        close();
        rtp = RtpSession.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), law);
        rtp.listen(f -> heard.add(f.pcm()));
        if (remote != null) {
            rtp.remote(remote);
        }
        return this;
    }

    synchronized int localPort() {
        return rtp.localPort();
    }

    synchronized G711.Law law() {
        return rtp.law();
    }

    synchronized void remote(InetSocketAddress at) {
        rtp.remote(at);
    }

    /** The call is answered (the party speaks) or not yet. */
    synchronized void talking(boolean on) {
        if (on && ticking == null && rtp != null) {
            FrameSource says = party.get();
            RtpSession s = rtp;
            ticking = CLOCK.add(() -> {
                if (mute) {
                    return;
                }
                byte[] key = inbandKeys.poll();
                byte[] f = key != null ? key : says.next();
                s.send(f == null ? Pcm.silence() : f);
                framesSent++;
            });
        } else if (!on) {
            stop();
        }
    }

    private void stop() {
        if (ticking != null) {
            try {
                ticking.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            ticking = null;
        }
    }

    synchronized void close() {
        stop();
        inbandKeys.clear();
        if (rtp != null) {
            rtp.close();
            rtp = null;
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
