package org.sparsemdp.property;

import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.solve.SolverOptions;

/**
 * A method that answers {@link Query queries} on a {@link LoadedModel}: the counterpart of
 * {@link org.sparsemdp.solve.Solver} for the objectives of PRISM and Storm (reachability, reward
 * until a target, total reward, step-bounded, discounted and long-run average objectives).
 * {@link QuerySolvers#forQuery} chooses one for a query and a method name.
 *
 * <p>Contract, as for {@link org.sparsemdp.solve.Solver}:
 * <ul>
 *   <li>the answer's {@link QueryResult#solution()} carries a
 *       {@link org.sparsemdp.result.Certificate} (accuracy, value bound, policy bound) whose
 *       {@code CERTIFIED} bounds are proofs, and a status: non-convergence is a status, never an
 *       exception;</li>
 *   <li>{@link SolverOptions#threads()} is honoured or refused, never ignored: a solver whose
 *       {@link #usesThreads()} is false refuses more than one thread with a
 *       {@link org.sparsemdp.solve.ThreadsRefusedException} before its iterations start;</li>
 *   <li>the model is not modified, no state is kept between calls, nothing is printed.</li>
 * </ul>
 * The model's own discount is ignored: every objective is undiscounted except
 * {@code C discount=g}, which brings its discount.
 */
public interface QuerySolver {
    /** The method's name, e.g. {@code ii}, {@code ovi}, {@code backward induction}, {@code vi}, {@code rvi}. */
    String name();

    /**
     * Whether this method runs on {@link SolverOptions#threads()} threads; default false (the
     * method is sequential and refuses more than one thread).
     */
    default boolean usesThreads() {
        return false;
    }

    /** Whether this method answers {@code query} (its kind and whether it is step-bounded). */
    boolean supports(Query query);

    /**
     * Answers {@code query} on {@code model}.
     *
     * @throws MissingRewardsException  for a reward objective on a model without rewards
     * @throws IllegalArgumentException for a query this method does not support, rewards of both
     *                                  signs where one sign is needed, or refused threads
     */
    QueryResult solve(LoadedModel model, Query query, SolverOptions options);
}
