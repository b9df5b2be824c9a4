package org.sparsemdp.solve;

/**
 * The checks every iterative solver makes after an iteration, in one place: the progress
 * listener (which may cancel), an interrupt of the calling thread (also a cancellation), the
 * iteration cap, and the deadline. Public for solvers in other modules (e.g. the distributed
 * solvers of solver-spark) so that they honour {@link SolverOptions} exactly as the core solvers do.
 */
public final class RunLimits {
    private RunLimits() {
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
