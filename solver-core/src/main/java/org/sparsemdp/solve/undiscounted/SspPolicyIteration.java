package org.sparsemdp.solve.undiscounted;

import no.uib.cipr.matrix.AbstractMatrix;
import no.uib.cipr.matrix.DenseVector;
import no.uib.cipr.matrix.Matrix;
import no.uib.cipr.matrix.NotConvergedException;
import no.uib.cipr.matrix.Vector;
import no.uib.cipr.matrix.sparse.BiCGstab;
import no.uib.cipr.matrix.sparse.DefaultIterationMonitor;
import no.uib.cipr.matrix.sparse.IterativeSolverNotConvergedException;
import no.uib.cipr.matrix.sparse.Preconditioner;
import org.sparsemdp.result.Status;
import org.sparsemdp.solve.SolverOptions;

/**
 * Policy iteration for stochastic shortest paths (Bertsekas &amp; Tsitsiklis, "An analysis of
 * stochastic shortest path problems", Math. Oper. Res. 16, 1991, §3; Howard 1960) on a
 * {@link ReducedSystem} after end-component collapse ({@link Reachability}), with its result
 * certified by outward-rounded sweeps.
 *
 * <p><b>Algorithm.</b> Start from the proper attractor policy of {@link Reachability#attractor}
 * (each state takes a choice one breadth-first layer closer to leaving). Evaluate the policy π:
 * solve (I − P<sub>π</sub>) v = b<sub>π</sub> on the iterated states (the states of value 0,
 * found by {@link ZeroValues}, are fixed at 0) by MTJ's BiCGstab with a Jacobi preconditioner,
 * matrix-free, warm-started from the previous values, to a relative residual of
 * {@value #KRYLOV_TOLERANCE} (at most {@value #MAX_KRYLOV_ITERATIONS} iterations; the time
 * limit is checked every 64). Improve: each state switches to a choice whose value
 * b<sub>a</sub> + Σ p<sub>a,t</sub> v(t) beats its current one by more than
 * {@value #SWITCH_TOLERANCE} relative (so rounding cannot make it cycle). In the reduced system
 * every policy leaves almost surely (max, Pmin) or the improper ones have infinite cost (Rmin:
 * the zero-reward end components are merged), so an improvement of a proper policy is proper and
 * the iteration ends with an optimal policy after finitely many steps (op. cit., Prop. 2).
 *
 * <p><b>Certificate.</b> The values of a Krylov solve are not a proof. From the final v, the
 * guesses l = v − g and u = v + g (g = ε/2.1, relative to v in relative mode) are checked by
 * in-place sweeps with outward rounding: l(q) ← min(l(q), ↓(Tl)(q)) until a whole sweep lowers no
 * state, which proves Tl ≥ l and hence l ≤ x* (T monotone, T<sup>k</sup>l → x*); then
 * {@link IntervalSweeps#verify} on u until a sweep raises no state, which proves Tu ≤ u and hence
 * x* ≤ u (as in {@link OptimisticValueIteration}). A check that has not passed after
 * {@link #CHECK_SWEEPS} sweeps is retried with a four times larger g, then the run finishes by
 * interval iteration from the bounds proved so far (0 and the caller's upper bound otherwise).
 * Interval iteration sweeps then tighten the proved interval until it meets the stopping rule of
 * {@link IntervalIteration} (none are needed when g was enough). The iteration count is that of
 * the improvement steps plus all sweeps.
 */
final class SspPolicyIteration {
    /** Relative residual at which a Krylov evaluation stops. */
    static final double KRYLOV_TOLERANCE = 1e-10;
    /** Relative improvement below which a state keeps its choice. */
    static final double SWITCH_TOLERANCE = 1e-12;
    /** Sweeps a certificate check may take before its margin is widened. */
    static final int CHECK_SWEEPS = 200;
    /** Widenings of the margin before the fall-back. */
    static final int MAX_WIDENINGS = 3;
    /** Cap on the Krylov iterations of one evaluation. */
    static final int MAX_KRYLOV_ITERATIONS = 20_000;

    private SspPolicyIteration() {
    }

    /**
     * Improves {@code lower} and {@code upper} in place on all reduced states; the states of value
     * 0 ({@link ZeroValues}) are fixed at 0 and never iterated.
     *
     * @param upper a valid upper bound (+∞ where none is known)
     */
    static IntervalIteration.Result run(ReducedSystem sys, boolean maximize, double[] lower, double[] upper,
                                        SolverOptions options, boolean relative, long startNanos) {
        int[] order = IntervalIteration.fixZeros(sys, maximize, lower, upper);
        final int to = order.length;
        final long deadline = options.deadlineNanos(startNanos);
        final double eps = options.epsilon();
        if (IntervalIteration.converged(lower, upper, order, 0, to, eps, relative)) {
            return new IntervalIteration.Result(Status.CONVERGED, 0, IntervalIteration.maxGap(lower, upper, order, 0, to));
        }
        int[] local = new int[sys.numStates];
        java.util.Arrays.fill(local, -1);
        for (int i = 0; i < to; i++) {
            local[order[i]] = i;
        }
        int[] policy = Reachability.attractor(sys);
        double[] v = new double[sys.numStates]; // 0 on the states of value 0
        long iteration = 0;
        while (true) {
            Status stop = IntervalIteration.limit(options, iteration, deadline);
            if (stop != null) {
                return new IntervalIteration.Result(stop, iteration, IntervalIteration.maxGap(lower, upper, order, 0, to));
            }
            int evaluated = evaluate(sys, policy, order, local, v, deadline);
            if (evaluated < 0) {
                return new IntervalIteration.Result(Status.TIME_LIMIT, iteration,
                        IntervalIteration.maxGap(lower, upper, order, 0, to));
            }
            if (evaluated == 0) {
                return OptimisticValueIteration.fallBack(sys, maximize, lower, upper, order, options, relative,
                        iteration, startNanos);
            }
            iteration++;
            if (!improve(sys, maximize, policy, order, v)) {
                break;
            }
            if (!options.listener().onIteration(iteration, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY)) {
                return new IntervalIteration.Result(Status.CANCELLED, iteration,
                        IntervalIteration.maxGap(lower, upper, order, 0, to));
            }
        }
        final double rel = IntervalSweeps.relativeError(sys.maxTerms);
        double g = eps / 2.1;
        double[] l = new double[sys.numStates];
        double[] u = new double[sys.numStates];
        boolean lowerProved = false;
        for (int w = 0; w <= MAX_WIDENINGS; w++, g *= 4) {
            for (int q : order) {
                double m = relative ? v[q] * g : g;
                l[q] = Math.max(lower[q], v[q] - m);
                u[q] = Math.min(upper[q], v[q] + m);
            }
            long[] sweeps = {iteration};
            if (!checkLower(sys, maximize, l, order, rel, options, deadline, sweeps)) {
                iteration = sweeps[0];
                continue;
            }
            lowerProved = true;
            for (int q : order) {
                lower[q] = Math.max(lower[q], l[q]);
            }
            boolean upperProved = checkUpper(sys, maximize, lower, u, order, rel, options, deadline, sweeps);
            iteration = sweeps[0];
            if (upperProved) {
                for (int q : order) {
                    upper[q] = Math.min(upper[q], u[q]);
                }
                return IntervalIteration.run(sys, maximize, lower, upper, order, 0, to, eps, relative, options,
                        iteration, startNanos);
            }
        }
        if (!lowerProved) {
            for (int q : order) {
                lower[q] = Math.max(lower[q], 0.0);
            }
        }
        return OptimisticValueIteration.fallBack(sys, maximize, lower, upper, order, options, relative, iteration,
                startNanos);
    }

    /**
     * Sweeps l(q) ← min(l(q), ↓(Tl)(q)) until one lowers no state (true: l is a lower bound) or
     * {@link #CHECK_SWEEPS} have run or a limit is hit (false).
     */
    private static boolean checkLower(ReducedSystem sys, boolean maximize, double[] l, int[] order, double rel,
                                      SolverOptions options, long deadline, long[] sweeps) {
        for (int s = 0; s < CHECK_SWEEPS; s++) {
            if (IntervalIteration.limit(options, sweeps[0], deadline) != null) {
                return false;
            }
            int falling = IntervalSweeps.lowerCheck(sys, maximize, l, order, 0, order.length, (s & 1) == 0, rel);
            sweeps[0]++;
            if (falling == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sweeps {@link IntervalSweeps#verify} on u (and the proved lower bound) until one raises no
     * state (true: u is an upper bound), l crosses u, {@link #CHECK_SWEEPS} have run or a limit is
     * hit (false).
     */
    private static boolean checkUpper(ReducedSystem sys, boolean maximize, double[] lower, double[] u, int[] order,
                                      double rel, SolverOptions options, long deadline, long[] sweeps) {
        for (int s = 0; s < CHECK_SWEEPS; s++) {
            if (IntervalIteration.limit(options, sweeps[0], deadline) != null) {
                return false;
            }
            int rising = IntervalSweeps.verify(sys, maximize, lower, u, order, 0, order.length, (s & 1) == 0, rel);
            sweeps[0]++;
            if (rising == 0) {
                return true;
            }
            if (rising < 0) {
                return false;
            }
        }
        return false;
    }

    /**
     * Switches each iterated state to a choice better than its current one by more than
     * {@link #SWITCH_TOLERANCE} relative for the values v.
     *
     * @return whether a state switched
     */
    static boolean improve(ReducedSystem sys, boolean maximize, int[] policy, int[] order, double[] v) {
        boolean changed = false;
        for (int q : order) {
            int cur = policy[q];
            double curV = sys.value(cur, v);
            double tol = SWITCH_TOLERANCE * Math.max(1.0, Math.abs(curV));
            int best = cur;
            double bestV = curV;
            for (int c = sys.choiceStart[q]; c < sys.choiceStart[q + 1]; c++) {
                double x = sys.value(c, v);
                if (maximize ? x > bestV + tol : x < bestV - tol) {
                    best = c;
                    bestV = x;
                }
            }
            if (best != cur) {
                policy[q] = best;
                changed = true;
            }
        }
        return changed;
    }

    /**
     * Solves (I − P<sub>π</sub>) v = b<sub>π</sub> on the states {@code order} (the others have
     * value 0), from the current v.
     *
     * @param deadline the {@link System#nanoTime} after which the solve gives up
     * @return 1 when solved, 0 if BiCGstab failed or a value is not finite or negative, −1 at the
     *         deadline
     */
    static int evaluate(ReducedSystem sys, int[] policy, int[] order, int[] local, double[] v, long deadline) {
        int m = order.length;
        PolicyOperator op = new PolicyOperator(sys, policy, order, local);
        DenseVector rhs = new DenseVector(m);
        DenseVector x = new DenseVector(m);
        double[] b = rhs.getData();
        double[] xd = x.getData();
        for (int i = 0; i < m; i++) {
            b[i] = sys.constant[policy[order[i]]];
            xd[i] = v[order[i]];
        }
        BiCGstab solver = new BiCGstab(x);
        solver.setPreconditioner(op.jacobi());
        boolean[] late = new boolean[1];
        solver.setIterationMonitor(new DefaultIterationMonitor(MAX_KRYLOV_ITERATIONS, KRYLOV_TOLERANCE, 1e-300, 1e5) {
            @Override
            protected boolean convergedI(double r) throws IterativeSolverNotConvergedException {
                if ((iterations() & 63) == 0 && System.nanoTime() - deadline > 0) {
                    late[0] = true;
                    throw new IterativeSolverNotConvergedException(NotConvergedException.Reason.Iterations,
                            "time limit", this);
                }
                return super.convergedI(r);
            }
        });
        try {
            solver.solve(op, rhs, x);
        } catch (IterativeSolverNotConvergedException e) {
            return late[0] ? -1 : 0;
        }
        for (int i = 0; i < m; i++) {
            if (!(Double.isFinite(xd[i]) && xd[i] >= -1e-9 * Math.abs(b[i]) - 1e-300)) {
                return 0;
            }
        }
        for (int i = 0; i < m; i++) {
            v[order[i]] = Math.max(0.0, xd[i]);
        }
        return 1;
    }

    /** x ↦ (I − P<sub>π</sub>)x on the iterated states, matrix-free, in their local numbering. */
    private static final class PolicyOperator extends AbstractMatrix {
        private final ReducedSystem sys;
        private final int[] choice;
        private final int[] local;
        private final int m;

        PolicyOperator(ReducedSystem sys, int[] policy, int[] order, int[] local) {
            super(order.length, order.length);
            this.sys = sys;
            this.m = order.length;
            this.local = local;
            this.choice = new int[m];
            for (int i = 0; i < m; i++) {
                choice[i] = policy[order[i]];
            }
        }

        @Override
        public Vector multAdd(double alpha, Vector x, Vector y) {
            double[] xd = ((DenseVector) x).getData();
            double[] yd = ((DenseVector) y).getData();
            for (int i = 0; i < m; i++) {
                int c = choice[i];
                double sum = xd[i];
                for (int k = sys.transStart[c]; k < sys.transStart[c + 1]; k++) {
                    int j = local[sys.successor[k]];
                    if (j >= 0) {
                        sum -= sys.probability[k] * xd[j];
                    }
                }
                yd[i] += alpha * sum;
            }
            return y;
        }

        @Override
        public Vector mult(double alpha, Vector x, Vector y) {
            y.zero();
            return multAdd(alpha, x, y);
        }

        /** The Jacobi preconditioner: 1/(1 − p<sub>self</sub>) per state. */
        Preconditioner jacobi() {
            double[] inv = new double[m];
            for (int i = 0; i < m; i++) {
                int c = choice[i];
                double d = 1.0;
                for (int k = sys.transStart[c]; k < sys.transStart[c + 1]; k++) {
                    if (local[sys.successor[k]] == i) {
                        d -= sys.probability[k];
                    }
                }
                inv[i] = d > 0 ? 1.0 / d : 1.0;
            }
            return new Preconditioner() {
                @Override
                public Vector apply(Vector b, Vector x) {
                    double[] bd = ((DenseVector) b).getData();
                    double[] xd = ((DenseVector) x).getData();
                    for (int i = 0; i < m; i++) {
                        xd[i] = inv[i] * bd[i];
                    }
                    return x;
                }

                @Override
                public Vector transApply(Vector b, Vector x) {
                    return apply(b, x);
                }

                @Override
                public void setMatrix(Matrix a) {
                }
            };
        }
    }
}
