package org.sparsemdp.solve;

import org.sparsemdp.result.Solution;
import org.sparsemdp.model.Mdp;

/**
 * Multithreaded Gauss–Seidel value iteration for discounted MDPs: the states are split into
 * {@link SolverOptions#threads()} contiguous blocks balanced by transition count, and each sweep
 * updates every block in place, in state order, on its own thread.
 *
 * <p><b>Schedule (default: deterministic).</b> By default each block reads the values of its own
 * block already updated in this sweep and the values of the other blocks as published at fixed
 * points of the sweep ({@link ParallelSweeps#blockGaussSeidelSweep}, block Gauss–Seidel with a
 * fixed schedule, Bertsekas &amp; Tsitsiklis, <i>Parallel and Distributed Computation</i>, 1989, §2.6):
 * the result depends on the thread count but never on thread timing, so two runs with the same
 * thread count give the same values and sweep count bit for bit. {@link #asynchronous()} gives
 * the former schedule instead: each thread reads whatever values of the other blocks it currently
 * sees (the chaotic iteration of Bertsekas &amp; Tsitsiklis, §6.3; not reproducible). The
 * deterministic sweep runs in {@link ParallelSweeps#DEFAULT_PHASES} phases, so that each block also
 * sees the parts of the other blocks already updated in earlier phases: about as many fresh values
 * as the sequential sweep, and no more sweeps than one thread on the random and grid models
 * measured (BENCHMARKS.md, issue 26), where the asynchronous schedule needed 1.6–2.3 times as many.
 *
 * <p><b>Bound.</b> Every value read during a sweep is either from the previous iterate
 * v<sub>n</sub> or already written in this sweep, so by induction over the writes each new value
 * is within γ‖v<sub>n</sub> − v*‖ of v*: ‖v<sub>n+1</sub> − v*‖ ≤ γ‖v<sub>n</sub> − v*‖, which
 * gives the per-sweep bound γ/(1−γ)‖v<sub>n+1</sub> − v<sub>n</sub>‖ passed to the listener.
 * The stopping rule and the reported bounds come from deterministic parallel Jacobi check sweeps
 * exactly as for {@link GaussSeidelSolver} (see {@link InPlaceIteration}), so they are true
 * bounds whatever the scheduling.
 *
 * <p>Threads come from {@link SolverOptions#executor()} if given, else from a pool owned by the
 * call and shut down before it returns (also on cancellation or an exception). Memory: besides
 * the two value vectors of {@link GaussSeidelSolver}, one private value vector per thread for the
 * deterministic schedule.
 */
public final class ParallelGaussSeidelSolver implements Solver {
    private final boolean asynchronous;

    /** The deterministic block schedule (see the class comment). */
    public ParallelGaussSeidelSolver() {
        this(false);
    }

    private ParallelGaussSeidelSolver(boolean asynchronous) {
        this.asynchronous = asynchronous;
    }

    /** The asynchronous (chaotic, not reproducible) schedule, for comparison. */
    public static ParallelGaussSeidelSolver asynchronous() {
        return new ParallelGaussSeidelSolver(true);
    }

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
            InPlaceStep step = asynchronous ? sweeps::gaussSeidelSweep : sweeps::blockGaussSeidelSweep;
            return InPlaceIteration.run(mdp, options, GaussSeidelSolver.NAME, step, sweeps::jacobiSweep,
                    mdp.discount());
        }
    }
}
