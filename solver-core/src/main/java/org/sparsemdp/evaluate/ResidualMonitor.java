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
    private int maxIterations;

    /** Starts a new run with these limits. */
    void reset(double newTarget, int newMaxIterations, Vector.Norm norm) {
        this.target = newTarget;
        this.maxIterations = newMaxIterations;
        setNormType(norm);
        setFirst();
    }

    @Override
    protected boolean convergedI(double r, Vector x) throws IterativeSolverNotConvergedException {
        return convergedI(r);
    }

    @Override
    protected boolean convergedI(double r) throws IterativeSolverNotConvergedException {
        if (!Double.isFinite(r)) {
            throw new IterativeSolverNotConvergedException(NotConvergedException.Reason.Divergence,
                    "residual is not finite", this);
        }
        if (r <= target) {
            return true;
        }
        if (iter >= maxIterations) {
            throw new IterativeSolverNotConvergedException(NotConvergedException.Reason.Iterations,
                    "iteration cap reached", this);
        }
        return false;
    }
}
