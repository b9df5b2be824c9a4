package org.sparsemdp.evaluate;

import no.uib.cipr.matrix.NotConvergedException;
import no.uib.cipr.matrix.Vector;
import no.uib.cipr.matrix.sparse.AbstractIterationMonitor;
import no.uib.cipr.matrix.sparse.IterativeSolverNotConvergedException;

/**
 * MTJ iteration monitor with an absolute residual target in a chosen norm and an iteration cap;
 * a non-finite residual ends the run as divergence. The residual it sees is the solver's own
 * (recursively updated, for GMRES preconditioned) one: callers recheck the true residual.
 */
final class ResidualMonitor extends AbstractIterationMonitor {
    private double target;
    private double scalarTarget;
    private int maxIterations;
    private boolean hasDeadline;
    private long deadline;

    /** Ends every later run as soon as {@link System#nanoTime()} passes {@code nanos}. */
    void deadline(long nanos) {
        this.hasDeadline = nanos != Long.MAX_VALUE;
        this.deadline = nanos;
    }

    /** Whether the deadline (if any) has passed. */
    boolean pastDeadline() {
        return hasDeadline && System.nanoTime() - deadline > 0;
    }

    /**
     * Starts a new run with these limits. Scalar residuals reported by MTJ (GMRES's running
     * estimate) are 2-norms: for a 1-norm target they are held to target/√n, since
     * ‖x‖₁ ≤ √n‖x‖₂, and for the sup norm to the target itself, since ‖x‖∞ ≤ ‖x‖₂.
     */
    void reset(double newTarget, int newMaxIterations, Vector.Norm norm, int n) {
        this.target = newTarget;
        this.scalarTarget = norm == Vector.Norm.One ? newTarget / Math.sqrt(n) : newTarget;
        this.maxIterations = newMaxIterations;
        setNormType(norm);
        setFirst();
    }

    @Override
    protected boolean convergedI(double r, Vector x) throws IterativeSolverNotConvergedException {
        return check(r, target);
    }

    @Override
    protected boolean convergedI(double r) throws IterativeSolverNotConvergedException {
        return check(r, scalarTarget);
    }

    private boolean check(double r, double target) throws IterativeSolverNotConvergedException {
        if (!Double.isFinite(r)) {
            throw new IterativeSolverNotConvergedException(NotConvergedException.Reason.Divergence,
                    "residual is not finite", this);
        }
        if (r <= target) {
            return true;
        }
        if (iter >= maxIterations || pastDeadline()) {
            throw new IterativeSolverNotConvergedException(NotConvergedException.Reason.Iterations,
                    "iteration cap reached", this);
        }
        return false;
    }
}
