package org.sparsemdp.solve;

import org.sparsemdp.result.Status;

/**
 * The checks every iterative solver makes after an iteration, in one place: the progress
 * listener (which may cancel), an interrupt of the calling thread (also a cancellation), the
 * iteration cap, and the deadline. Public for solvers in other modules (e.g. the distributed
 * solvers of solver-spark) so that they honour {@link SolverOptions} exactly as the core solvers do.
 */
public final class RunLimits {
    private final SolverOptions options;
    private final long deadline;

    private RunLimits(SolverOptions options, long deadline) {
        this.options = options;
        this.deadline = deadline;
    }

    /**
     * The limits of {@code options} for a run that starts now: an object to hand to engines that
     * take their limits as one argument (e.g. finite-horizon backward induction), checked with
     * {@link #check(long, double, double)}.
     */
    public static RunLimits of(SolverOptions options) {
        return new RunLimits(options, options.deadlineNanos(System.nanoTime()));
    }

    /**
     * {@link #reached(SolverOptions, long, double, double, long)} for these limits.
     *
     * @return the status that ends the run, or {@code null} to go on
     */
    public Status check(long iteration, double residual, double bound) {
        return reached(options, iteration, residual, bound, deadline);
    }

    /**
     * Reports the iteration to the listener and checks the limits.
     *
     * @param deadline the run's deadline from {@link SolverOptions#deadlineNanos(long)}
     * @return the status that ends the run, or {@code null} to go on
     */
    public static Status reached(SolverOptions options, long iteration, double residual, double bound, long deadline) {
        if (!options.listener().onIteration(iteration, residual, bound) || Thread.currentThread().isInterrupted()) {
            return Status.CANCELLED;
        }
        if (iteration >= options.maxIterations()) {
            return Status.MAX_ITERATIONS;
        }
        if (System.nanoTime() - deadline > 0) {
            return Status.TIME_LIMIT;
        }
        return null;
    }
}
