package org.sparsemdp.solve;

import org.sparsemdp.model.Mdp;

/**
 * Multithreaded asynchronous Gauss–Seidel value iteration for discounted MDPs: the states are
 * split into {@link SolverOptions#threads()} contiguous blocks balanced by transition count; in
 * each sweep every thread updates its block in place, in state order, reading whatever values of
 * the other blocks it currently sees (opaque per-element access, see {@link ParallelSweeps}).
 * This is the asynchronous (chaotic) iteration of Bertsekas &amp; Tsitsiklis (<i>Parallel and
 * Distributed Computation</i>, 1989, §6.3), which converges for sup-norm contractions; here each
 * sweep ends at a barrier where convergence is decided.
 *
 * <p><b>Bound.</b> Every value read during a sweep is either from the previous iterate
 * v<sub>n</sub> or already written in this sweep, so by induction over the writes each new value
 * is within γ‖v<sub>n</sub> − v*‖ of v*: ‖v<sub>n+1</sub> − v*‖ ≤ γ‖v<sub>n</sub> − v*‖, which
 * gives the per-sweep bound γ/(1−γ)‖v<sub>n+1</sub> − v<sub>n</sub>‖ passed to the listener.
 * The stopping rule and the reported bounds come from deterministic parallel Jacobi check sweeps
 * exactly as for {@link GaussSeidelSolver} (see {@link InPlaceIteration}), so they are true
 * bounds whatever the scheduling.
 *
 * <p>Results depend on thread timing when threads &gt; 1 (the bound always holds). Threads come
 * from {@link SolverOptions#executor()} if given, else from a pool owned by the call and shut
 * down before it returns (also on cancellation or an exception).
 */
public final class ParallelGaussSeidelSolver implements Solver {
    @Override
    public String name() {
        return GaussSeidelSolver.NAME;
    }

    @Override
    public boolean usesThreads() {
        return true;
    }

    @Override
    public Solution solve(Mdp mdp, SolverOptions options) {
        ValueIterationSolver.requireDiscounted(mdp, GaussSeidelSolver.NAME);
        try (ParallelSweeps sweeps = new ParallelSweeps(mdp, options.threads(), options.executor())) {
            return InPlaceIteration.run(mdp, options, GaussSeidelSolver.NAME, sweeps::gaussSeidelSweep,
                    sweeps::jacobiSweep, mdp.discount());
        }
    }
}
