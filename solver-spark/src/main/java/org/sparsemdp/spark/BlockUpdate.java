package org.sparsemdp.spark;

import java.io.Serializable;

/**
 * What a block sends back to the driver after one exchange: its new values and the range
 * [min δ, max δ] of the Jacobi change δ = T u − u over its states (for the global span bound).
 */
final class BlockUpdate implements Serializable {
    private static final long serialVersionUID = 1L;

    final int lo;
    final double[] values;
    final double minDelta;
    final double maxDelta;

    BlockUpdate(int lo, double[] values, double minDelta, double maxDelta) {
        this.lo = lo;
        this.values = values;
        this.minDelta = minDelta;
        this.maxDelta = maxDelta;
    }

    /** Payload bytes sent to the driver: the values, the offset and the range. */
    long payloadBytes() {
        return 8L * values.length + 4 + 16;
    }

    /**
     * One exchange of block {@code b} from the global iterate {@code u}: a Jacobi sweep (whose
     * change range certifies T u, see {@link SparkValueIteration}), then {@code sweeps − 1}
     * in-place Gauss–Seidel sweeps of the block with the other blocks' values fixed at u.
     */
    static BlockUpdate exchange(StateBlock b, double[] u, double gamma, boolean minimize, int sweeps) {
        double[] local = new double[b.numStates()]; // the message itself: one array per block and exchange
        double[] range = new double[2];
        BlockSweeps.jacobi(b, u, gamma, minimize, local, null, range);
        double min = range[0];
        double max = range[1];
        for (int i = 1; i < sweeps; i++) {
            BlockSweeps.gaussSeidel(b, u, local, gamma, minimize, range);
        }
        return new BlockUpdate(b.lo(), local, min, max);
    }
}
