package io.branchline.box.live;

/**
 * That something the dashboard shows has changed (a line, a call, a seat state): a version number that
 * every change raises, and a wait for the next one. Whoever waits takes a fresh look at the whole state;
 * nothing is queued, so a slow page cannot make the box hold anything for it.
 */
public final class Changes {
    private long version;
    private boolean closed;

    public synchronized void changed() {
        version++;
        notifyAll();
    }

    public synchronized long version() {
        return version;
    }

    /** The box is stopping: every wait ends now, and {@link #closed} says so. */
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    public synchronized boolean closed() {
        return closed;
    }

    /** The version once it is past {@code seen}, or the current one after {@code millis} (at once when closed). */
    public synchronized long after(long seen, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (version <= seen && !closed) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        return version;
    }
}
