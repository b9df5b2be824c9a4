package org.sparsemdp.spark;

import java.io.Serializable;
import org.sparsemdp.io.partitioned.ModelBlock;
import org.sparsemdp.solve.CheckStatistics;

/**
 * What a block sends back to the driver after one exchange: its new values, the range
 * [min δ, max δ] of the Jacobi change δ = T u − u over its states (for the exact-arithmetic span
 * test) and the {@link CheckStatistics} of its states (for the floating-point-sound certificate).
 */
final class BlockUpdate implements Serializable {
    private static final long serialVersionUID = 1L;

    final int lo;
    final double[] values;
    final double minDelta;
    final double maxDelta;
    final CheckStatistics stats;

    BlockUpdate(int lo, double[] values, double minDelta, double maxDelta, CheckStatistics stats) {
        this.lo = lo;
        this.values = values;
        this.minDelta = minDelta;
        this.maxDelta = maxDelta;
        this.stats = stats;
    }

    /** Payload bytes sent to the driver: the values, the offset, the range and the statistics. */
    long payloadBytes() {
        return 8L * values.length + 4 + 16 + CheckStatistics.BYTES;
    }

    /**
     * One exchange of block {@code b} from the global iterate {@code u}: a Jacobi sweep w = T u
     * (whose change range certifies w, see {@link SparkValueIteration}), then {@code sweeps − 1}
     * in-place Gauss–Seidel sweeps of the block with the other blocks' values fixed at u.
     *
     * <p>With {@code extrapolate}, the inner sweeps start from the midpoint of the block's own
     * MacQueen–Porteus interval, w + γ/(1−γ)·(min δ + max δ)/2 over the block's non-terminal
     * states, and read the other blocks at u + (min δ + max δ)/(2(1−γ)) (the midpoint of the
     * same bounds for u; all of them, terminal states included, whose status this block does not
     * know — harmless, since their own block resets them to 0): this removes the slowly decaying constant component of the error that
     * in-place sweeps alone reduce only by about γ per sweep (Porteus 1975, Oper. Res. 23), as
     * {@code InPlaceIteration} does for the single-machine {@code gs}. It changes only the
     * starting point of the next exchange, never the bound.
     *
     * <p>States of value 0 ({@code zero}) stay exactly 0: the Jacobi step keeps them there (their
     * choices have reward 0 and lead to such states only), and after the inner sweeps, which may
     * have read shifted neighbours, they are set back to 0, their true value.
     */
    static BlockUpdate exchange(ModelBlock b, double[] u, boolean[] zero, double gamma, boolean minimize, int sweeps,
                                boolean extrapolate) {
        double[] local = new double[b.numStates()]; // the message itself: one array per block and exchange
        double[] range = new double[2];
        CheckStatistics stats = new CheckStatistics();
        BlockSweeps.jacobi(b, u, gamma, minimize, local, null, range, zero, stats);
        double min = range[0];
        double max = range[1];
        if (sweeps > 1) {
            double outsideShift = 0;
            if (extrapolate && Double.isFinite(min + max)) {
                outsideShift = (min + max) / (2 * (1 - gamma));
                double shift = gamma * outsideShift;
                int[] cs = b.choiceStartArray();
                for (int i = 0; i < local.length; i++) {
                    if (cs[i] < cs[i + 1] && !zero[b.lo() + i]) {
                        local[i] += shift;
                    }
                }
            }
            for (int i = 1; i < sweeps; i++) {
                BlockSweeps.gaussSeidel(b, u, outsideShift, local, gamma, minimize, range);
            }
            for (int i = 0; i < local.length; i++) {
                if (zero[b.lo() + i]) {
                    local[i] = 0.0;
                }
            }
        }
        return new BlockUpdate(b.lo(), local, min, max, stats);
    }
}
