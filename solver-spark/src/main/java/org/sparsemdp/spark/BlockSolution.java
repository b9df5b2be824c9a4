package org.sparsemdp.spark;

import java.io.Serializable;
import org.sparsemdp.io.partitioned.ModelBlock;
import org.sparsemdp.solve.CheckCertificate;
import org.sparsemdp.solve.CheckStatistics;
import org.sparsemdp.solve.RoundingBounds;

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
     * The final Jacobi step of block {@code b} from the last broadcast iterate {@code u}, with the
     * certificate {@code cert} of that step over all blocks: with w = T u (computed), values
     * w + shift (the midpoints), bounds w + low rounded down and w + high rounded up; states of
     * value 0 ({@code zero}, terminal states among them): all exactly 0; policy greedy for u. When
     * the certificate is not finite (NaN or overflow) the values are w and the bounds infinite.
     */
    static BlockSolution finish(ModelBlock b, double[] u, boolean[] zero, double gamma, boolean minimize,
                                CheckCertificate cert) {
        int n = b.numStates();
        double[] w = new double[n];
        int[] policy = new int[n];
        BlockSweeps.jacobi(b, u, gamma, minimize, w, policy, new double[2], zero, new CheckStatistics());
        double[] lower = new double[n];
        double[] upper = new double[n];
        final boolean finite = cert.finite();
        final double low = cert.low();
        final double high = cert.high();
        final double shift = cert.shift();
        for (int i = 0; i < n; i++) {
            if (zero[b.lo() + i]) {
                w[i] = 0.0;
            } else if (finite) {
                lower[i] = RoundingBounds.down(w[i] + low);
                upper[i] = RoundingBounds.up(w[i] + high);
                w[i] += shift;
            } else {
                lower[i] = Double.NEGATIVE_INFINITY;
                upper[i] = Double.POSITIVE_INFINITY;
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
