package org.sparsemdp.lp;

import java.util.function.ToDoubleFunction;
import org.sparsemdp.solve.SolverOptions;

/**
 * Runs a backend on an LP until an independent error measure of its answer is at most the
 * target: GLOP once; PDLP first with the given tolerance and then, while the measured error
 * exceeds the target and fewer than {@code maxRefinements} re-solves were made, again with the
 * tolerance divided by max(4, 2·error/target) (never below 1e-14). The time limit of the
 * options bounds the whole loop. Before each re-solve the options' progress listener is called with
 * (solves so far, measured error, measured error) and may cancel. The best answer (smallest
 * measured error) is kept.
 */
final class LpRun {
    private static final double MIN_TOLERANCE = 1e-14;

    private LpRun() {
    }

    /**
     * @param raw        the best backend answer (its status may be without solution)
     * @param error      the measured error of {@code raw} (+∞ without a solution)
     * @param solves     number of backend calls
     * @param tolerance  PDLP tolerance of the kept answer (NaN for GLOP)
     * @param lpSeconds  total wall time in the backend
     * @param timedOut   whether the time limit ended the loop
     * @param cancelled  whether the listener ended the loop
     */
    record Outcome(OrToolsLp.Raw raw, double error, int solves, double tolerance, double lpSeconds,
                   boolean timedOut, boolean cancelled) {
    }

    /**
     * @param gapFactor how much looser PDLP's objective-gap tolerance is than its residual
     *                  tolerance (see {@link OrToolsLp}); 1 for the same
     */
    static Outcome run(SparseLp lp, LpBackend backend, double initialTolerance, double gapFactor, double target,
                       int maxRefinements, SolverOptions options, ToDoubleFunction<OrToolsLp.Raw> error) {
        long start = System.nanoTime();
        long deadline = options.deadlineNanos(start);
        double tol = Math.max(MIN_TOLERANCE, initialTolerance);
        OrToolsLp.Raw best = null;
        double bestError = Double.POSITIVE_INFINITY;
        double bestTol = Double.NaN;
        double seconds = 0;
        int solves = 0;
        boolean timedOut = false;
        boolean cancelled = false;
        while (true) {
            double remaining = deadline == Long.MAX_VALUE ? Double.POSITIVE_INFINITY
                    : (deadline - System.nanoTime()) / 1e9;
            if (remaining <= 0) {
                timedOut = true;
                break;
            }
            OrToolsLp.Raw raw = OrToolsLp.solve(lp, backend, tol, gapFactor, options.threads(), remaining);
            solves++;
            seconds += raw.seconds();
            double err = raw.status().hasSolution() ? error.applyAsDouble(raw) : Double.POSITIVE_INFINITY;
            if (best == null || err < bestError || (!best.status().hasSolution() && raw.status().hasSolution())) {
                best = raw;
                bestError = err;
                bestTol = backend == LpBackend.PDLP ? tol : Double.NaN;
            }
            if (!raw.status().hasSolution()) {
                timedOut = raw.status() == LpStatus.NOT_SOLVED && System.nanoTime() - deadline > 0;
                break;
            }
            if (backend == LpBackend.GLOP || bestError <= target || solves > maxRefinements || tol <= MIN_TOLERANCE) {
                break;
            }
            if (!options.listener().onIteration(solves, err, err)) {
                cancelled = true;
                break;
            }
            tol = Math.max(MIN_TOLERANCE, tol / Math.max(4, 2 * err / target));
        }
        return new Outcome(best, bestError, solves, bestTol, seconds, timedOut, cancelled);
    }
}
