package org.sparsemdp.evaluate;

import org.sparsemdp.result.Accuracy;
import org.sparsemdp.result.Status;

/**
 * The result of evaluating a policy π: approximate values V of V<sub>π</sub> = (I − γP<sub>π</sub>)⁻¹ r<sub>π</sub>,
 * with the linear solver used, its iterations, the true residual ρ = ‖r<sub>π</sub> − (I − γP<sub>π</sub>)V‖∞
 * (recomputed from V, not the solver's running estimate) and the implied bound
 * ‖V − V<sub>π</sub>‖∞ ≤ K·ρ, where K ≥ ‖(I − γP<sub>π</sub>)⁻¹‖∞ is {@link #inverseNormBound()}:
 * 1/(1−γ) for γ &lt; 1, and for γ = 1 the sup norm of a verified super-solution w ≥ 1 + P<sub>π</sub>w
 * (an upper bound on the expected number of steps to termination, counting the arrival).
 *
 * <p>Immutable apart from {@link #values()}, which is returned without copying and owned by the caller.
 */
public final class PolicyValues {
    private final double[] values;
    private final KrylovMethod method;
    private final Preconditioning preconditioning;
    private final long iterations;
    private final double residual;
    private final double inverseNormBound;
    private final Accuracy accuracy;
    private final Status status;
    private final double seconds;

    PolicyValues(double[] values, KrylovMethod method, Preconditioning preconditioning, long iterations,
                 double residual, double inverseNormBound, Accuracy accuracy, Status status, double seconds) {
        this.values = values;
        this.method = method;
        this.preconditioning = preconditioning;
        this.iterations = iterations;
        this.residual = residual;
        this.inverseNormBound = inverseNormBound;
        this.accuracy = accuracy;
        this.status = status;
        this.seconds = seconds;
    }

    /** The values per state (terminal states 0); not copied. */
    public double[] values() {
        return values;
    }

    /** Value of state {@code s}. */
    public double value(int s) {
        return values[s];
    }

    /** The Krylov method that produced the values (GMRES if the configured one failed and GMRES took over). */
    public KrylovMethod method() {
        return method;
    }

    /** The preconditioner used. */
    public Preconditioning preconditioning() {
        return preconditioning;
    }

    /** Krylov iterations performed (for γ = 1 including those of the bound's auxiliary solve). */
    public long iterations() {
        return iterations;
    }

    /** The true residual ‖r<sub>π</sub> − (I − γP<sub>π</sub>)V‖∞. */
    public double residual() {
        return residual;
    }

    /** K ≥ ‖(I − γP<sub>π</sub>)⁻¹‖∞ (see the class comment). */
    public double inverseNormBound() {
        return inverseNormBound;
    }

    /** Bound on ‖V − V<sub>π</sub>‖∞: {@link #inverseNormBound()} · {@link #residual()}. */
    public double errorBound() {
        return inverseNormBound * residual;
    }

    /** CERTIFIED (γ &lt; 1, or γ = 1 with a verified super-solution) or ESTIMATED. */
    public Accuracy accuracy() {
        return accuracy;
    }

    /** CONVERGED if the requested tolerance was met, else MAX_ITERATIONS (cap or stagnation). */
    public Status status() {
        return status;
    }

    /** Whether the requested tolerance was met. */
    public boolean converged() {
        return status == Status.CONVERGED;
    }

    /** Wall time in seconds. */
    public double seconds() {
        return seconds;
    }

    @Override
    public String toString() {
        return "PolicyValues[" + method.keyword() + "/" + preconditioning.keyword() + ", status=" + status
                + ", iterations=" + iterations + ", residual=" + residual + ", errorBound=" + errorBound()
                + " (" + accuracy + ")]";
    }
}
