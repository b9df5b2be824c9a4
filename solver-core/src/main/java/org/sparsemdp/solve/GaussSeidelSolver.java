package org.sparsemdp.solve;

import org.sparsemdp.result.Solution;
import org.sparsemdp.model.Mdp;

/**
 * Gauss–Seidel value iteration for discounted MDPs (0 &lt; γ &lt; 1): value iteration that
 * updates the values in place, in increasing state order, so that each backup already uses the
 * values updated earlier in the same sweep (Puterman 1994, §6.3.3; Bertsekas &amp; Tsitsiklis
 * 1989, §2.6). The sweep is a γ-contraction in the sup norm with fixed point v*, and usually
 * needs fewer sweeps than Jacobi value iteration when successors tend to have smaller indices.
 *
 * <p><b>Stopping rule and bound.</b> Certified by Jacobi check sweeps, as described in
 * {@link InPlaceIteration}: the run stops when one Jacobi step δ = T u − u from the current
 * iterate u has span(δ) ≤ ε(1−γ); the values reported are the MacQueen–Porteus midpoints
 * (Puterman 1994, Theorem 6.6.3) with error bound γ·span(δ)/(2(1−γ)) ≤ εγ/2, and the greedy
 * policy for u is reported with bound span(δ)/(1−γ) ≤ ε.
 *
 * <p>With {@link SolverOptions#threads()} &gt; 1 the run is delegated to
 * {@link ParallelGaussSeidelSolver}. With one thread the result is bit-for-bit reproducible.
 * Memory: two value vectors and the policy (20 bytes per state); no allocation per sweep.
 */
public final class GaussSeidelSolver implements Solver {
    /** Name on the command line. */
    public static final String NAME = "gs";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean usesThreads() {
        return true;
    }

    @Override
    public Solution solve(Mdp mdp, SolverOptions options) {
        if (options.threads() > 1) {
            return new ParallelGaussSeidelSolver().solve(mdp, options);
        }
        ValueIterationSolver.requireDiscounted(mdp, NAME);
        final int n = mdp.numStates();
        return InPlaceIteration.run(mdp, options, NAME,
                (v, range) -> BellmanKernel.gaussSeidelSweep(mdp, v, 0, n, range),
                (v, out, policy, range) -> BellmanKernel.jacobiSweep(mdp, v, out, policy, 0, n, range),
                mdp.discount());
    }
}
