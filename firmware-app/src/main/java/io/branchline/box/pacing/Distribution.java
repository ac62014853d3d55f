package io.branchline.box.pacing;

/** Counts of independent chances (how many calls answer, how many agents are free) as exact distributions. */
final class Distribution {
    private Distribution() {
    }

    /** The distribution of {@code certain} plus one Bernoulli draw per entry of {@code chances}. */
    static double[] countOf(int certain, double[] chances) {
        double[] d = new double[certain + 1];
        d[certain] = 1;
        for (double c : chances) {
            d = plusOne(d, c);
        }
        return d;
    }

    /** {@code d} with one more draw that counts one with chance {@code p}. */
    static double[] plusOne(double[] d, double p) {
        double[] out = new double[d.length + 1];
        for (int k = 0; k < d.length; k++) {
            out[k] += d[k] * (1 - p);
            out[k + 1] += d[k] * p;
        }
        return out;
    }

    /** The chance that a draw of {@code x} is at least one of {@code y} (independent): P(X ≥ Y). */
    static double chanceAtLeast(double[] x, double[] y) {
        double[] xAtLeast = new double[x.length + 1];
        for (int k = x.length - 1; k >= 0; k--) {
            xAtLeast[k] = xAtLeast[k + 1] + x[k];
        }
        double sum = 0;
        for (int k = 0; k < y.length; k++) {
            sum += y[k] * (k < xAtLeast.length ? xAtLeast[k] : 0);
        }
        return sum;
    }
}
