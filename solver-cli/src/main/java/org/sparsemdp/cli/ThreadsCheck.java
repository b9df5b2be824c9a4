package org.sparsemdp.cli;

import org.sparsemdp.solve.Solver;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.Solvers;

/**
 * {@code solve --threads T} with T &gt; 1, checked before the model is read: refused as a usage
 * error (exit 2) where the run is known to be sequential, that is {@code --average},
 * {@code --horizon}, {@code --reach}, {@code --until}, and a {@code --method} whose solver does not
 * use threads ({@link Solver#usesThreads()}). Where the method depends on the model (no
 * {@code --method} on a model with discount 1, {@code --cumulative}, properties, constraints) the
 * library refuses when it gets there ({@link org.sparsemdp.solve.ThreadsRefusedException}), which
 * {@link CliErrors} also reports as a usage error.
 */
final class ThreadsCheck {
    private ThreadsCheck() {
    }

    /**
     * @throws IllegalArgumentException starting {@code --threads} if the run is known to be sequential
     */
    static void check(int threads, String method, AverageHorizonOptions averageHorizon, ReachabilityOptions reach,
            LpOptions lp) {
        if (threads <= 1) {
            return;
        }
        if (averageHorizon.active() || (reach.target != null && !reach.target.cumulative)) {
            String sequential = averageHorizon.average ? "--average" : averageHorizon.active() ? "--horizon"
                    : reach.target.reach != null ? "--reach (interval iteration)" : "--until (interval iteration)";
            throw new IllegalArgumentException("--threads " + threads + ": " + sequential + " is computed on one"
                    + " thread; use --threads 1");
        }
        if (reach.target != null) {
            return; // --cumulative: interval iteration at discount 1, --method at discount < 1
        }
        Solver solver = LpOptions.isLp(method) ? lp.solver(method) : Solvers.byName(method);
        if (!solver.usesThreads()) {
            throw new IllegalArgumentException("--threads " + threads + ": "
                    + SolverOptions.sequentialMessage(method, threads));
        }
    }
}
