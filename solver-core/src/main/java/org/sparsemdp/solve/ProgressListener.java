package org.sparsemdp.solve;

import org.sparsemdp.result.Solution;
import org.sparsemdp.result.Status;

/**
 * Receives progress from a running solver after every iteration (sweep, policy step, ...), on
 * the thread that called {@link Solver#solve}, and may cancel the run.
 *
 * <p>Implementations must be cheap: they are called once per sweep.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that never cancels. */
    ProgressListener NONE = (iteration, residual, errorBound) -> true;

    /**
     * Called after each iteration.
     *
     * @param iteration  number of iterations done so far (1-based)
     * @param residual   the method's residual after this iteration (for value iteration the
     *                   sup-norm of the last change)
     * @param errorBound the certified error bound after this iteration, or {@code Double.NaN}
     *                   if the method has none yet
     * @return {@code true} to continue, {@code false} to stop; the solver then returns a
     *         {@link Solution} with status {@link Status#CANCELLED} and its current values
     */
    boolean onIteration(long iteration, double residual, double errorBound);
}
