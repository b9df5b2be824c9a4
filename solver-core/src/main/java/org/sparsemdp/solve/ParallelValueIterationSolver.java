package org.sparsemdp.solve;

import org.sparsemdp.result.Solution;
import org.sparsemdp.model.Mdp;

/**
 * Jacobi value iteration with each sweep split over {@link SolverOptions#threads()} threads
 * ({@link ParallelSweeps}, blocks balanced by transition count). Algorithm, bounds and stopping
 * rule are those of {@link ValueIterationSolver} (MacQueen–Porteus span bounds, Puterman 1994,
 * §6.6.3); since each backup reads only the previous iterate, the results do not depend on the
 * number of threads or on scheduling: they equal the sequential ones bit for bit.
 *
 * <p>Threads come from {@link SolverOptions#executor()} if given, otherwise from a pool created
 * for the call and shut down before it returns (also on cancellation or an exception).
 */
public final class ParallelValueIterationSolver implements Solver {
    @Override
    public String name() {
        return ValueIterationSolver.NAME;
    }

    @Override
    public boolean usesThreads() {
        return true;
    }

    @Override
    public Solution solve(Mdp mdp, SolverOptions options) {
        ValueIterationSolver.requireDiscounted(mdp, ValueIterationSolver.NAME);
        try (ParallelSweeps sweeps = new ParallelSweeps(mdp, options.threads(), options.executor())) {
            return ValueIterationSolver.iterate(mdp, options, ValueIterationSolver.NAME, sweeps::jacobiSweep);
        }
    }
}
