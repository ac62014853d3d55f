package io.branchline.box.pacing;

import java.util.Arrays;

/**
 * The last few hundred durations of one kind (how long answered calls rang, how long agents were busy with a
 * call), and the share of them longer than a given time: the survival function the pacer reads its
 * predictions from. Recent ones only, so that the predictions follow the day (a list that turns to voice
 * mail, a script that gets longer).
 */
final class RecentDurations {
    private final double[] ring;
    private int next;
    private int count;
    private double[] sorted;

    RecentDurations(int capacity) {
        this.ring = new double[capacity];
    }

    void add(double seconds) {
        ring[next] = Math.max(0, seconds);
        next = (next + 1) % ring.length;
        count = Math.min(count + 1, ring.length);
        sorted = null;
    }

    int count() {
        return count;
    }

    double mean() {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += ring[i];
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /** The duration that {@code share} of them do not exceed. */
    double quantile(double share) {
        if (count == 0) {
            return Double.NaN;
        }
        sort();
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(share * sorted.length))];
    }

    private void sort() {
        if (sorted == null) {
            sorted = Arrays.copyOf(ring, count);
            Arrays.sort(sorted);
        }
    }

    /** The share of the durations longer than {@code t}. */
    double longerThan(double t) {
        if (count == 0) {
            return 0;
        }
        sort();
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) { // first index with a duration above t
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return (sorted.length - lo) / (double) sorted.length;
    }
}
