package org.sparsemdp.solve.average;

import java.util.BitSet;
import no.uib.cipr.matrix.AbstractMatrix;
import no.uib.cipr.matrix.DenseVector;
import no.uib.cipr.matrix.Vector;
import no.uib.cipr.matrix.sparse.BiCGstab;
import no.uib.cipr.matrix.sparse.DefaultIterationMonitor;
import no.uib.cipr.matrix.sparse.IterativeSolverNotConvergedException;
import org.sparsemdp.evaluate.MtjSetup;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Status;
import org.sparsemdp.solve.RunLimits;

/**
 * Policy iteration for the average reward on one block with a constant optimal gain (Puterman
 * 1994, §8.6.1, the unichain algorithm).
 *
 * <p><b>Evaluation.</b> The gain g and bias h (with h(ref) = 0, ref the block's first state) of
 * the current policy π solve g + h − P<sub>π</sub>h = r<sub>π</sub>: the matrix I − P<sub>π</sub>
 * with the column of ref replaced by ones, non-singular when π is unichain (Puterman §8.6.1),
 * solved matrix-free by MTJ's BiCGstab to a relative residual of {@value #EVALUATION_TOLERANCE}.
 * <b>Improvement.</b> One sweep of the Bellman operator T on h gives the greedy policy and the span
 * bounds min(Th − h) ≤ g* ≤ max(Th − h) (valid for any h, Puterman Theorem 8.5.5), widened by
 * the rounding term of {@link RelativeValueIteration}.
 *
 * <p><b>Stopping rule.</b> The bracket at most 2ε wide. A policy that is not unichain makes the
 * evaluation fail or the bracket stall; when the evaluation fails, or the bracket does not
 * narrow in two consecutive improvements, the block is finished by relative value iteration
 * started from the last h (so the answer is always certified by the same span bounds).
 */
final class PolicyIterationMecSolver implements MecGainSolver {
    /** Relative residual of the policy evaluation. */
    static final double EVALUATION_TOLERANCE = 1e-12;
    private static final int MAX_KRYLOV_ITERATIONS = 10_000;

    private final Mdp mdp;
    private final double[] reward;
    private final RelativeValueIteration bellman;
    private final RviMecSolver fallback;
    private final double[] scratch;
    private final int[] local;

    PolicyIterationMecSolver(Mdp mdp, double[] reward, Objective direction) {
        this.mdp = mdp;
        this.reward = reward;
        this.bellman = new RelativeValueIteration(mdp, reward, direction, 0.0);
        this.fallback = new RviMecSolver(mdp, reward, direction, AverageReward.DEFAULT_APERIODICITY);
        this.scratch = new double[mdp.numStates()];
        this.local = new int[mdp.numStates()];
        MtjSetup.ensure();
    }

    @Override
    public RelativeValueIteration.BlockGain solve(int[] states, BitSet internal, double epsilon, RunLimits limits,
                                                  double[] bias, int[] policy) {
        int m = states == null ? mdp.numStates() : states.length;
        int[] local = states == null ? null : localIndex(states);
        // first policy: greedy for h = 0 (the best immediate reward)
        RelativeValueIteration.BlockGain g = bellman.bracket(states, internal, bias, scratch, policy);
        long iterations = 0;
        double previousWidth = Double.POSITIVE_INFINITY;
        int stalls = 0;
        while (true) {
            iterations++;
            boolean evaluated = evaluate(states, local, m, policy, bias);
            g = bellman.bracket(states, internal, bias, scratch, policy);
            double width = g.upper - g.lower;
            if (!(width > 2 * epsilon)) {
                g.status = Status.CONVERGED;
                break;
            }
            stalls = width < 0.5 * previousWidth ? 0 : stalls + 1;
            previousWidth = width;
            Status stop = limits.check(iterations, width, 0.5 * width);
            if (stop != null) {
                g.status = stop;
                break;
            }
            if (!evaluated || stalls >= 2) {
                double scale = 1.0 / (1.0 - AverageReward.DEFAULT_APERIODICITY);
                for (int i = 0; i < m; i++) {
                    bias[states == null ? i : states[i]] *= scale;
                }
                RelativeValueIteration.BlockGain r = fallback.solve(states, internal, epsilon, limits, bias, policy);
                r.iterations += iterations;
                return r;
            }
        }
        g.iterations = iterations;
        return g;
    }

    /** Block-local numbering, written at the block's states only (one array for all blocks). */
    private int[] localIndex(int[] states) {
        for (int i = 0; i < states.length; i++) {
            local[states[i]] = i;
        }
        return local;
    }

    /**
     * Solves the evaluation equations of {@code policy} on the block; writes h into {@code bias}.
     *
     * @return false if the Krylov solver failed (h is then left as it was)
     */
    private boolean evaluate(int[] states, int[] local, int m, int[] policy, double[] bias) {
        GainBiasOperator op = new GainBiasOperator(mdp, states, local, m, policy);
        DenseVector rhs = new DenseVector(m);
        DenseVector x = new DenseVector(m);
        double[] b = rhs.getData();
        double[] xd = x.getData();
        for (int i = 0; i < m; i++) {
            int s = states == null ? i : states[i];
            b[i] = reward[policy[s]];
            xd[i] = bias[s];
        }
        xd[0] = 0.0;
        BiCGstab solver = new BiCGstab(x);
        solver.setIterationMonitor(new DefaultIterationMonitor(MAX_KRYLOV_ITERATIONS, EVALUATION_TOLERANCE,
                1e-300, 1e5));
        try {
            solver.solve(op, rhs, x);
        } catch (IterativeSolverNotConvergedException e) {
            return false;
        }
        for (int i = 0; i < m; i++) {
            if (!Double.isFinite(xd[i])) {
                return false;
            }
        }
        for (int i = 1; i < m; i++) {
            bias[states == null ? i : states[i]] = xd[i];
        }
        bias[states == null ? 0 : states[0]] = 0.0;
        return true;
    }

    /**
     * x ↦ (I − P<sub>π</sub>) with column 0 replaced by ones, in block-local numbering:
     * (Mx)(i) = [i ≠ 0] x<sub>i</sub> − Σ<sub>j ≠ 0</sub> P<sub>π</sub>(i, j) x<sub>j</sub> + x<sub>0</sub>.
     */
    private static final class GainBiasOperator extends AbstractMatrix {
        private final int m;
        private final int[] rowStart;
        private final int[] col;
        private final double[] val;

        GainBiasOperator(Mdp mdp, int[] states, int[] local, int m, int[] policy) {
            super(m, m);
            this.m = m;
            this.rowStart = new int[m + 1];
            int nnz = 0;
            for (int i = 0; i < m; i++) {
                int c = policy[states == null ? i : states[i]];
                nnz += mdp.transitionEnd(c) - mdp.transitionStart(c);
                rowStart[i + 1] = nnz;
            }
            this.col = new int[nnz];
            this.val = new double[nnz];
            int pos = 0;
            for (int i = 0; i < m; i++) {
                int c = policy[states == null ? i : states[i]];
                for (int k = mdp.transitionStart(c); k < mdp.transitionEnd(c); k++) {
                    int t = mdp.successor(k);
                    col[pos] = local == null ? t : local[t];
                    val[pos++] = mdp.probability(k);
                }
            }
        }

        @Override
        public Vector multAdd(double alpha, Vector x, Vector y) {
            double[] xd = ((DenseVector) x).getData();
            double[] yd = ((DenseVector) y).getData();
            double x0 = xd[0];
            for (int i = 0; i < m; i++) {
                double sum = i == 0 ? 0.0 : xd[i];
                for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                    int j = col[k];
                    if (j != 0) {
                        sum -= val[k] * xd[j];
                    }
                }
                yd[i] += alpha * (sum + x0);
            }
            return y;
        }

        @Override
        public Vector mult(double alpha, Vector x, Vector y) {
            y.zero();
            return multAdd(alpha, x, y);
        }
    }
}
