package org.sparsemdp.solve;

import org.sparsemdp.model.Mdp;

/**
 * A method that computes the optimal values and an optimal (or ε-optimal) policy of an MDP.
 *
 * <p>Contract shared by every implementation (and checked by the shared contract test):
 * <ul>
 *   <li>the returned {@link Solution} states a bound on the sup-norm distance from its values to
 *       the optimal values, with its {@link Accuracy}; a CERTIFIED bound is a proof, never a
 *       guess;</li>
 *   <li>non-convergence (iteration cap, time limit, cancellation) is reported by
 *       {@link Solution#status()}, never by an exception;</li>
 *   <li>the model is not modified and no state is kept between calls: one instance may be used
 *       by several threads at once;</li>
 *   <li>library code never prints.</li>
 * </ul>
 */
public interface Solver {
    /** The short method name used on the command line, e.g. {@code vi}. */
    String name();

    /**
     * Solves {@code mdp}.
     *
     * @throws IllegalArgumentException if this method cannot handle the model (for example
     *                                  γ = 1 for a method that needs a contraction), with a
     *                                  message saying why
     */
    Solution solve(Mdp mdp, SolverOptions options);
}
