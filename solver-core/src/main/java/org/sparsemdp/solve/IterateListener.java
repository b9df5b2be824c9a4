package org.sparsemdp.solve;

/**
 * Receives the raw iterates of value iteration ({@link ValueIterationSolver}, and the in-place
 * methods of {@link InPlaceIteration}: Gauss–Seidel, SOR, parallel Gauss–Seidel) after every
 * sweep, with the bounds on v* valid at that point, for tracing (the per-iteration table of a
 * textbook value iteration). Called on the solving thread; solvers that do not iterate
 * (policy iteration, LP, the undiscounted methods) never call it. Set with
 * {@link SolverOptions.Builder#iterateListener}; when none is set the solvers pay one null check
 * per sweep.
 *
 * <p>The bounds are given as two shifts that hold in every non-terminal state s:
 * {@code values[s] + lowerShift ≤ v*(s) ≤ values[s] + upperShift} (terminal states have value 0).
 * For value iteration these are the MacQueen–Porteus shifts γ/(1−γ)·min δ and γ/(1−γ)·max δ of
 * the sweep's change δ (Puterman 1994, Theorem 6.6.3); for in-place sweeps, ∓ρ/(1−ρ)·‖change‖
 * when the sweep is a contraction of modulus ρ, the check sweep's MacQueen–Porteus shifts after a
 * check, and NaN when no bound is known. These are the exact-arithmetic shifts of the textbook
 * tables, for tracing; the certified bound of the result (which also covers rounding, see
 * {@link RoundingBounds}) is the one in the {@link org.sparsemdp.result.Solution}.
 */
@FunctionalInterface
public interface IterateListener {
    /**
     * Called after each sweep.
     *
     * @param iteration  sweeps done so far (1-based; check sweeps of in-place methods count)
     * @param values     the current iterate: a live array, valid only during the call, not to be modified
     * @param lowerShift lower bound shift (see the class comment), or NaN
     * @param upperShift upper bound shift, or NaN
     */
    void onIterate(long iteration, double[] values, double lowerShift, double upperShift);
}
