package org.sparsemdp.lp;

/**
 * The LP algorithm used by the solvers of this package, both from Google OR-Tools.
 *
 * <ul>
 *   <li>{@link #GLOP}: Google's primal/dual revised simplex method. Returns a basic (vertex)
 *       solution, exact up to the simplex tolerances (about 1e-9), but its running time grows
 *       superlinearly: on 4-action, 4-successor models measured here it took 0.75 s at 10^3
 *       states and 339 s at 10^4.</li>
 *   <li>{@link #PDLP}: the primal-dual hybrid gradient method with restarts and
 *       preconditioning (Applegate et al., "Practical large-scale linear programming using
 *       primal-dual hybrid gradient", NeurIPS 2021). First-order: each iteration is two sparse
 *       matrix-vector products, so it scales to large models (0.28 s, 3.8 s and 114 s at 10^3,
 *       10^4, 10^5 states) but returns an approximate solution; it stops when its relative
 *       residuals and duality gap fall below {@code termination_criteria.simple_optimality_criteria}
 *       tolerances, which the solvers here derive from the requested ε.</li>
 * </ul>
 */
public enum LpBackend {
    /** Revised simplex (exact vertex solutions, small and medium models). */
    GLOP,
    /** Primal-dual hybrid gradient (approximate, large models). */
    PDLP;

    /**
     * The automatic choice: {@link #GLOP} when the LP has at most {@code glopMaxChoices}
     * choice (state-action) variables or constraints, {@link #PDLP} otherwise.
     */
    public static LpBackend choose(int numChoices, int glopMaxChoices) {
        return numChoices <= glopMaxChoices ? GLOP : PDLP;
    }
}
