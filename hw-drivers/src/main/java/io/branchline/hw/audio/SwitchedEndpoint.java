package io.branchline.hw.audio;

import java.util.function.Consumer;

/**
 * A side of a call whose end changes while the call is up: silent while a switchboard menu speaks to the
 * caller, then the agent's handset once they answer. The bridge keeps one endpoint for the whole call.
 */
public final class SwitchedEndpoint implements PcmEndpoint {
    private final String name;
    private volatile PcmEndpoint current;
    private volatile Consumer<Frame> listener = f -> { };

    public SwitchedEndpoint(String name) {
        this.name = name;
        this.current = PcmEndpoint.silent(name);
    }

    /** From now on the call's side is {@code next}; the end before it is closed. */
    public synchronized void switchTo(PcmEndpoint next) {
        PcmEndpoint before = current;
        current = next;
        next.listen(listener);
        before.close();
    }

    @Override
    public String name() {
        return name + " (" + current.name() + ")";
    }

    @Override
    public synchronized void listen(Consumer<Frame> l) {
        listener = l;
        current.listen(l);
    }

    @Override
    public void send(byte[] frame) {
        current.send(frame);
    }

    @Override
    public synchronized void close() {
        current.close();
    }
}
