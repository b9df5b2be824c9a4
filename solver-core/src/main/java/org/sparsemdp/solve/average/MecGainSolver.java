package org.sparsemdp.solve.average;

import java.util.BitSet;
import org.sparsemdp.solve.RunLimits;

/** Computes the optimal gain of one block of states with a constant optimal gain (a MEC). */
interface MecGainSolver {
    /**
     * The gain bracket of the block {@code states} (null: every state) using the choices in
     * {@code internal} (null: all); writes the block's relative values (of the untransformed
     * model) into {@code bias} and a policy attaining the bracket into {@code policy}.
     */
    RelativeValueIteration.BlockGain solve(int[] states, BitSet internal, double epsilon, RunLimits limits,
                                           double[] bias, int[] policy);
}
