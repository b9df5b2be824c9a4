package org.sparsemdp.generate;

import java.util.Arrays;

/**
 * A finite distribution of a non-negative integer demand per period: distinct values in
 * increasing order with positive probabilities summing to one (within 1e-9).
 */
public final class DemandDistribution {
    private final int[] values;
    private final double[] probabilities;

    /**
     * @param values        distinct non-negative demands (any order; stored sorted)
     * @param probabilities their probabilities, positive, summing to 1 within 1e-9
     * @throws IllegalArgumentException if the arrays are empty, differ in length or break the rules
     */
    public DemandDistribution(int[] values, double[] probabilities) {
        if (values.length == 0 || values.length != probabilities.length) {
            throw new IllegalArgumentException("demand: need as many probabilities as values (at least one), got "
                    + values.length + " values and " + probabilities.length + " probabilities");
        }
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> Integer.compare(values[i], values[j]));
        this.values = new int[values.length];
        this.probabilities = new double[values.length];
        double sum = 0;
        for (int i = 0; i < order.length; i++) {
            int v = values[order[i]];
            double q = probabilities[order[i]];
            if (v < 0) {
                throw new IllegalArgumentException("demand: values must be non-negative, got " + v);
            }
            if (i > 0 && v == this.values[i - 1]) {
                throw new IllegalArgumentException("demand: value " + v + " is given twice");
            }
            if (!(q > 0 && q <= 1)) {
                throw new IllegalArgumentException("demand: probability of " + v + " must be in (0, 1], got " + q);
            }
            this.values[i] = v;
            this.probabilities[i] = q;
            sum += q;
        }
        if (Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException("demand: probabilities sum to " + sum + ", not 1");
        }
    }

    /** Each of the values {@code lo..hi} with probability 1/(hi − lo + 1). */
    public static DemandDistribution uniform(int lo, int hi) {
        if (lo < 0 || hi < lo) {
            throw new IllegalArgumentException("demand: need 0 <= lo <= hi, got " + lo + ".." + hi);
        }
        int n = hi - lo + 1;
        int[] v = new int[n];
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + i;
            q[i] = 1.0 / n;
        }
        return new DemandDistribution(v, q);
    }

    /** The number of distinct values. */
    public int size() {
        return values.length;
    }

    /** The i-th smallest value. */
    public int value(int i) {
        return values[i];
    }

    /** The probability of the i-th smallest value. */
    public double probability(int i) {
        return probabilities[i];
    }

    /** The smallest demand. */
    public int min() {
        return values[0];
    }

    /** The largest demand. */
    public int max() {
        return values[values.length - 1];
    }

    /** The expected demand. */
    public double mean() {
        double m = 0;
        for (int i = 0; i < values.length; i++) {
            m += values[i] * probabilities[i];
        }
        return m;
    }
}
