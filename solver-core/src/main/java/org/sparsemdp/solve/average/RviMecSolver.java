package org.sparsemdp.solve.average;

import java.util.BitSet;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.solve.RunLimits;

/** {@link RelativeValueIteration} as a {@link MecGainSolver}, with one scratch vector reused across blocks. */
final class RviMecSolver implements MecGainSolver {
    private final RelativeValueIteration rvi;
    private final double tau;
    private final double[] scratch;

    RviMecSolver(Mdp mdp, double[] reward, Objective direction, double tau) {
        this.rvi = new RelativeValueIteration(mdp, reward, direction, tau);
        this.tau = tau;
        this.scratch = new double[mdp.numStates()];
    }

    @Override
    public RelativeValueIteration.BlockGain solve(int[] states, BitSet internal, double epsilon, RunLimits limits,
                                                  double[] bias, int[] policy) {
        return solve(states, internal, epsilon, limits, bias, policy, false);
    }

    /**
     * As {@link #solve(int[], BitSet, double, RunLimits, double[], int[])}, optionally stopping on
     * a stall (see {@link RelativeValueIteration}); {@code bias} is read as the starting values of
     * the transformed model (any start is valid: a stalled run's values warm-start the next).
     */
    RelativeValueIteration.BlockGain solve(int[] states, BitSet internal, double epsilon, RunLimits limits,
                                           double[] bias, int[] policy, boolean stopOnStall) {
        RelativeValueIteration.BlockGain g = rvi.run(states, internal, epsilon, limits, bias, scratch, policy,
                stopOnStall);
        // relative values of P' = τI + (1−τ)P are those of P divided by 1 − τ
        int m = states == null ? bias.length : states.length;
        for (int i = 0; i < m; i++) {
            int s = states == null ? i : states[i];
            bias[s] *= 1.0 - tau;
        }
        return g;
    }
}
