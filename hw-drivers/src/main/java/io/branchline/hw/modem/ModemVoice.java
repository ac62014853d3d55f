package io.branchline.hw.modem;

import io.branchline.hw.at.AtCommand;
import io.branchline.hw.at.AtEngine;
import io.branchline.hw.at.AtException;
import io.branchline.hw.at.AtResponse;
import io.branchline.hw.at.parse.VoicePort;
import io.branchline.hw.audio.Frame;
import io.branchline.hw.audio.PcmEndpoint;
import io.branchline.hw.audio.SerialPcmPort;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connected call's voice on the modem's audio tty: switched on with the family's command (retried where
 * the modem accepts it only after a delay), switched off again when closed. The frames themselves are a
 * {@link SerialPcmPort}'s.
 */
public final class ModemVoice implements PcmEndpoint {
    private static final Logger log = LoggerFactory.getLogger(ModemVoice.class);

    private final AtEngine engine;
    private final VoiceSupport support;
    private final SerialPcmPort port;

    private ModemVoice(AtEngine engine, VoiceSupport support, SerialPcmPort port) {
        this.engine = engine;
        this.support = support;
        this.port = port;
    }

    /** Switches voice on for the connected call and opens its port; throws with the modem's reason if it cannot. */
    static ModemVoice open(AtEngine engine, VoiceSupport support, LinkOpener opener, PortCandidate audio) {
        if (support == VoiceSupport.HUAWEI) {
            AtResponse q = engine.execute(io.branchline.hw.at.AtCommands.huaweiVoiceQuery());
            boolean usable = q.isOk() && q.lines().stream().map(VoicePort::parse)
                    .anyMatch(v -> v.isPresent() && v.get().enabled());
            if (!usable) {
                throw new VoiceUnavailableException("this modem's firmware has voice over USB switched off (" 
                        + String.join(" ", q.lines()) + ")");
            }
        }
        switchOn(engine, support);
        return new ModemVoice(engine, support, new SerialPcmPort(opener.open(audio)));
    }

    private static void switchOn(AtEngine engine, VoiceSupport support) {
        String last = "";
        for (int attempt = 1; attempt <= support.attempts(); attempt++) {
            try {
                AtResponse r = engine.execute(support.on());
                if (r.isOk()) {
                    if (attempt > 1) {
                        log.info("port={} event=voice-on attempts={}", engine.port(), attempt);
                    }
                    return;
                }
                last = r.result().toString();
            } catch (AtException e) {
                last = e.getMessage();
            }
            try {
                Thread.sleep(VoiceSupport.RETRY_EVERY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new VoiceUnavailableException("the modem refused " + support.on().text() + " " + support.attempts()
                + " times: " + last);
    }

    @Override
    public String name() {
        return port.name();
    }

    @Override
    public void listen(Consumer<Frame> listener) {
        port.listen(listener);
    }

    @Override
    public void send(byte[] frame) {
        port.send(frame);
    }

    @Override
    public void close() {
        port.close();
        for (AtCommand c : support.off()) {
            try {
                engine.execute(c);
            } catch (AtException e) {
                // The call is over; a modem that has gone away has no voice to switch off.
            }
        }
    }

    /** Voice cannot be had on this call: the family has none, the firmware switched it off, or the modem refused. */
    public static final class VoiceUnavailableException extends RuntimeException {
        public VoiceUnavailableException(String message) {
            super(message);
        }
    }
}
