package org.sparsemdp.solve;

import java.util.List;
import org.sparsemdp.model.CompactMdp;
import org.sparsemdp.result.Solution;

/**
 * Value iteration ({@code vi}) and Gauss–Seidel value iteration ({@code gs}) over a
 * {@link CompactMdp}, with bounds certified against the <em>double</em> model the compact one was
 * built from.
 *
 * <p><b>Algorithm and stopping rule.</b> Exactly those of {@link ValueIterationSolver} and
 * {@link GaussSeidelSolver} (the same drivers, with the sweeps of {@link CompactBellmanKernel}):
 * MacQueen–Porteus bounds from Jacobi check sweeps (Puterman 1994, Theorem 6.6.3), made sound in
 * floating point by {@link RoundingBounds} for the stored model M' ({@link CompactErrorModel}).
 * To both the value bound and the policy bound is added the storage error of
 * {@link StoragePerturbation} (‖v* − v'*‖ ≤ γ(δ·span/2 + |mid|·g)/(1 − γ(1 + g)), from the
 * certified enclosure of v'*), so the reported bounds hold for the optimal values of the double
 * model. The run is CONVERGED when the total is at most ε; when the storage error alone exceeds ε
 * it stops with PRECISION_LIMIT once the iteration's own part is below an eighth of it.
 *
 * <p>Policies are choice indices of the compact model, which are those of the double model.
 * Sequential only (one thread); memory: two value vectors and the policy (20 bytes per state) on
 * top of the model.
 */
public final class CompactSolver {
    /** The methods available over compact storage. */
    public static final List<String> METHODS = List.of(ValueIterationSolver.NAME, GaussSeidelSolver.NAME);

    private CompactSolver() {
    }

    /**
     * Solves {@code mdp} with {@code method} ("vi" or "gs").
     *
     * @throws IllegalArgumentException for another method or more than one thread
     */
    public static Solution solve(CompactMdp mdp, String method, SolverOptions options) {
        if (options.threads() > 1) {
            throw new ThreadsRefusedException(method + " over compact storage", options.threads());
        }
        final int n = mdp.numStates();
        RoundingBounds rounding = CompactErrorModel.of(mdp);
        StoragePerturbation storage = StoragePerturbation.of(mdp);
        JacobiStep jacobi = (v, out, policy, range) -> CompactBellmanKernel.jacobiSweep(mdp, v, out, policy, 0, n, range);
        switch (method) {
            case ValueIterationSolver.NAME:
                return ValueIterationSolver.iterate(mdp.discount(), n, rounding, storage, options, method, jacobi);
            case GaussSeidelSolver.NAME:
                return InPlaceIteration.run(mdp.discount(), n, rounding, storage, options, method,
                        (v, range) -> CompactBellmanKernel.gaussSeidelSweep(mdp, v, 0, n, range), jacobi,
                        mdp.discount());
            default:
                throw new IllegalArgumentException("method '" + method + "' is not available with compact storage;"
                        + " use one of " + METHODS);
        }
    }
}
