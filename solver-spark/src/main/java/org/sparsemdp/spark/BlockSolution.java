package org.sparsemdp.spark;

import java.io.Serializable;

/**
 * The final answer for one block: per state the reported value, the certified lower and upper
 * bounds on the optimal value, and the chosen (global) choice index (−1 for terminal states).
 */
public final class BlockSolution implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int lo;
    private final double[] values;
    private final double[] lower;
    private final double[] upper;
    private final int[] policy;

    BlockSolution(int lo, double[] values, double[] lower, double[] upper, int[] policy) {
        this.lo = lo;
        this.values = values;
        this.lower = lower;
        this.upper = upper;
        this.policy = policy;
    }

    /**
     * The final Jacobi step of block {@code b} from the last broadcast iterate {@code u}: with
     * w = T u, values w + midShift, bounds w + lowShift and w + highShift
     * (terminal states: all 0), policy greedy for u.
     */
    static BlockSolution finish(StateBlock b, double[] u, double gamma, boolean minimize, double lowShift,
                                double midShift, double highShift) {
        int n = b.numStates();
        double[] w = new double[n];
        int[] policy = new int[n];
        BlockSweeps.jacobi(b, u, gamma, minimize, w, policy, new double[2]);
        double[] lower = new double[n];
        double[] upper = new double[n];
        for (int i = 0; i < n; i++) {
            if (policy[i] >= 0) {
                lower[i] = w[i] + lowShift;
                upper[i] = w[i] + highShift;
                w[i] += midShift;
            }
        }
        return new BlockSolution(b.lo(), w, lower, upper, policy);
    }

    /** First state of the block. */
    public int lo() {
        return lo;
    }

    /** Reported values of the block's states. */
    public double[] values() {
        return values;
    }

    /** Lower bounds on the optimal values. */
    public double[] lower() {
        return lower;
    }

    /** Upper bounds on the optimal values. */
    public double[] upper() {
        return upper;
    }

    /** Global choice index per state, −1 for terminal states. */
    public int[] policy() {
        return policy;
    }
}
