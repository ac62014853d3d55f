package io.branchline.box.pacing;

/** Of the last so many outcomes, how many were yes: the answer rate now, the abandoned rate of late. */
final class RecentShare {
    private final boolean[] ring;
    private int next;
    private int count;
    private int yes;

    RecentShare(int capacity) {
        this.ring = new boolean[capacity];
    }

    void add(boolean outcome) {
        if (count == ring.length && ring[next]) {
            yes--;
        }
        ring[next] = outcome;
        yes += outcome ? 1 : 0;
        next = (next + 1) % ring.length;
        count = Math.min(count + 1, ring.length);
    }

    int count() {
        return count;
    }

    int yes() {
        return yes;
    }
}
