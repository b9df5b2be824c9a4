package org.sparsemdp.solve;

import org.sparsemdp.result.Solution;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.result.Accuracy;

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
 *   <li>library code never prints;</li>
 *   <li>{@link SolverOptions#threads()} is honoured or refused, never silently ignored: a method
 *       whose {@link #usesThreads()} is false rejects more than one thread with an
 *       {@link IllegalArgumentException} ({@link SolverOptions#requireSequential}).</li>
 * </ul>
 *
 * <p>{@link #name()} is the registered name in the default configuration; a configured variant
 * reports its configuration in brackets ({@link VariantName}), so that results tell them apart.
 */
public interface Solver {
    /**
     * The short method name used on the command line, e.g. {@code vi}; for a configuration other
     * than the default, that name followed by the settings that differ, e.g.
     * {@code pi[krylov=gmres]} (see {@link VariantName}). {@link Solution#method()} reports it too.
     */
    String name();

    /**
     * Whether this method runs on {@link SolverOptions#threads()} worker threads. Default
     * {@code false}: the method is sequential and its {@link #solve} rejects more than one thread
     * with an {@link IllegalArgumentException} (by calling {@link SolverOptions#requireSequential})
     * instead of silently running on one.
     */
    default boolean usesThreads() {
        return false;
    }

    /**
     * Solves {@code mdp}.
     *
     * @throws IllegalArgumentException if this method cannot handle the model (for example
     *                                  γ = 1 for a method that needs a contraction) or the options
     *                                  (more than one thread for a sequential method), with a
     *                                  message saying why
     */
    Solution solve(Mdp mdp, SolverOptions options);
}
