package org.sparsemdp.evaluate;

import org.sparsemdp.result.Accuracy;
import org.sparsemdp.result.Status;

/**
 * The discounted state occupancy measure of a policy π from an initial distribution ρ₀:
 * η = (I − γP<sub>π</sub><sup>T</sup>)⁻¹ ρ₀ = Σ<sub>t≥0</sub> γ<sup>t</sup> (P<sub>π</sub><sup>T</sup>)<sup>t</sup> ρ₀,
 * so η(s) is the expected discounted number of visits to s. Terminal states are exits: η of a
 * terminal state counts arrivals there (for γ = 1: the probability of ending in it), and the
 * process stops. Without terminal states Σ η = 1/(1−γ); in general Σ η is the expected discounted
 * number of steps, arrival included. The state–action occupancy is η(s)·π(a|s), and
 * Σ<sub>s</sub> ρ₀(s)V<sub>π</sub>(s) = Σ<sub>s,a</sub> η(s)π(a|s)r(s,a).
 *
 * <p>The error is measured in the 1-norm, which is dual to the sup norm of the values:
 * ‖η̃ − η‖₁ ≤ K · ‖ρ₀ − (I − γP<sub>π</sub><sup>T</sup>)η̃‖₁ with the same K ≥ ‖(I − γP<sub>π</sub>)⁻¹‖∞
 * as {@link PolicyValues#inverseNormBound()}.
 */
public final class OccupancyMeasure {
    private final double[] occupancy;
    private final double[] initial;
    private final long iterations;
    private final double residual;
    private final double inverseNormBound;
    private final Accuracy accuracy;
    private final Status status;

    OccupancyMeasure(double[] occupancy, double[] initial, long iterations, double residual,
                     double inverseNormBound, Accuracy accuracy, Status status) {
        this.occupancy = occupancy;
        this.initial = initial;
        this.iterations = iterations;
        this.residual = residual;
        this.inverseNormBound = inverseNormBound;
        this.accuracy = accuracy;
        this.status = status;
    }

    /** η per state; not copied. */
    public double[] occupancy() {
        return occupancy;
    }

    /** η(s). */
    public double occupancy(int s) {
        return occupancy[s];
    }

    /** The initial distribution ρ₀ used; not copied. */
    public double[] initialDistribution() {
        return initial;
    }

    /** Σ<sub>s</sub> η(s). */
    public double total() {
        double sum = 0;
        for (double x : occupancy) {
            sum += x;
        }
        return sum;
    }

    /** Krylov iterations performed. */
    public long iterations() {
        return iterations;
    }

    /** The true residual ‖ρ₀ − (I − γP<sub>π</sub><sup>T</sup>)η‖₁. */
    public double residual() {
        return residual;
    }

    /** Bound on ‖η − η<sub>π</sub>‖₁. */
    public double errorBound() {
        return inverseNormBound * residual;
    }

    /** Quality of {@link #errorBound()}. */
    public Accuracy accuracy() {
        return accuracy;
    }

    /** CONVERGED if the requested tolerance was met. */
    public Status status() {
        return status;
    }

    /** Whether the requested tolerance was met. */
    public boolean converged() {
        return status == Status.CONVERGED;
    }

    @Override
    public String toString() {
        return "OccupancyMeasure[status=" + status + ", iterations=" + iterations + ", residual=" + residual
                + ", errorBound=" + errorBound() + " (" + accuracy + ")]";
    }
}
